package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.protocol.Limits;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, the hub answers it and goes on serving everyone else. */
class GarbageTest {
  private final HubClients clients = new HubClients();
  private RawClient bystander;
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    bystander = clients.startHub(HatchetHub.builder().app(TestApps.demo())).connect();
    bystander.consumer("c1", "log");
    contributor = clients.contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  /** The bystander still gets events, and {@code client} (if any) still gets answers. */
  private void assertHubStillWorks() throws Exception {
    JSONObject answer =
        contributor.call("publish", json("session", "k1", "event", "log", "data", "still here"));
    assertOk(answer);
    assertEquals(1, answer.getInt("routed"));
    assertEquals("still here", bystander.nextDeliver().getString("data"));
  }

  @Test void unknownEventWithAckIsAnsweredUnknownEvent() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      JSONObject answer = client.call("subscribe", json("session", "c1"));
      assertError("unknown_event", answer);
      assertTrue(answer.getJSONObject("error").getString("message").contains("subscribe"));
      // The hub's own event names are not requests either.
      assertError("unknown_event", client.call("deliver", json()));
      assertError("unknown_event", client.call("hub-error"));
      JSONObject huge = client.call("x".repeat(100_000), 1, 2, 3);
      assertError("unknown_event", huge);
      // Not echoed at any length.
      assertEquals("the hub has no request named '" + "x".repeat(RequestException.MAX_QUOTED)
          + "…'", huge.getJSONObject("error").getString("message"));
    }
    assertHubStillWorks();
  }

  @Test void unknownEventWithoutAckGetsHubError() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      client.send("subscribe", json("session", "c7"));
      JSONObject error = client.nextHubError();
      assertEquals("subscribe", error.getString("request"));
      assertEquals("c7", error.getString("session"));
      assertEquals("unknown_event", error.getString("code"));
    }
  }

  @Test void missingArgumentIsBadRequest() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      for (String event : new String[] {"auth", "watch", "unwatch", "alias", "publish", "end"}) {
        assertError("bad_request", client.call(event));
      }
      client.send("publish");
      JSONObject error = client.nextHubError();
      assertEquals("publish", error.getString("request"));
      assertEquals("bad_request", error.getString("code"));
      assertFalse(error.has("session"));
    }
    assertHubStillWorks();
  }

  @Test void argumentsOfTheWrongTypeAreBadRequest() throws Exception {
    Object[] notObjects = {42, "text", new JSONArray("[1,2]"), true, 1.5, JSONObject.NULL,
        "z".repeat(1_500_000)};
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      for (String event : new String[] {"auth", "watch", "alias", "publish", "end"}) {
        for (Object notObject : notObjects) {
          assertError("bad_request", client.call(event, notObject));
        }
      }
      // Extra arguments after the object are ignored.
      assertOk(client.call("auth",
          json("v", 1, "session", "c1", "app", "demo", "key", TestApps.CONSUMER_KEY), 2, "x"));
    }
    assertHubStillWorks();
  }

  @Test void binaryPacketsAreRefusedAndTheConnectionClosed() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      client.authOk("k2", TestApps.CONTRIBUTOR_KEY);
      // socket.io-client-java sends arguments holding bytes as a binary event (45...).
      client.request("publish", json("session", "k2", "event", "log", "data", new byte[] {1, 2}));
      JSONObject refusal = client.nextHubError();
      assertEquals("bad_request", refusal.getString("code"));
      assertTrue(refusal.getString("message").contains("binary"), refusal::toString);
      assertFalse(client.awaitDisconnect().isEmpty());
    }
    assertHubStillWorks();
  }

  @Test void malformedPacketsAreAnsweredWhenTheyAskForAnAck() throws Exception {
    try (RawEngineIo raw = new RawEngineIo(clients.hub().url())) {
      raw.send("421[\"auth\"");
      raw.assertAckError(1, "bad_request");
      raw.send("422[1,{\"session\":\"c1\"}]");
      raw.assertAckError(2, "bad_request");
      raw.send("423[]");
      raw.assertAckError(3, "bad_request");
      raw.send("424[\"publish\"," + "[".repeat(5000) + "]".repeat(5000) + "]");
      raw.assertAckError(4, "bad_request");
      // Strict JSON: nothing may follow the array.
      raw.send("425[\"watch\",{\"session\":\"c1\",\"events\":[\"log\"]}] trailing");
      raw.assertAckError(5, "bad_request");

      raw.send("42[garbage");
      JSONArray hubError = raw.event();
      assertEquals("hub-error", hubError.getString(0));
      assertEquals("bad_request", hubError.getJSONObject(1).getString("code"));

      raw.send("426[\"auth\",{\"v\":1,\"session\":\"c1\",\"app\":\"demo\",\"key\":\""
          + TestApps.CONSUMER_KEY + "\"}]");
      assertOk(raw.ack(6).getJSONObject(0));
    }
    assertHubStillWorks();
  }

  @Test void packetsThatAreNotSocketIoCloseTheConnection() throws Exception {
    for (String frame : new String[] {"42{\"not\":\"an array\"}", "4", "4x", "\u0000\u0001",
        "42-1[\"ping\",{}]", "47", "42" + "1".repeat(20) + "[\"ping\",{}]"}) {
      try (RawEngineIo raw = new RawEngineIo(clients.hub().url())) {
        raw.send(frame);
        JSONArray refusal = raw.event();
        assertEquals("hub-error", refusal.getString(0), frame);
        assertEquals("bad_request", refusal.getJSONObject(1).getString("code"), frame);
        String end = raw.next();
        assertTrue(end.startsWith("closed") || end.startsWith("failure"), frame + ": " + end);
      }
    }
    assertHubStillWorks();
  }

  private static void assertBadRequest(String message, JSONObject answer) {
    assertError("bad_request", answer);
    assertEquals(message, answer.getJSONObject("error").getString("message"));
  }

  @Test void payloadsStrictJsonRefusesAreBadRequestSayingWhy() throws Exception {
    try (RawEngineIo raw = new RawEngineIo(clients.hub().url())) {
      raw.authOk(1, "k9", TestApps.CONTRIBUTOR_KEY);
      String publish = "{\"session\":\"k9\",\"event\":\"deploy\",\"data\":";
      String lone = "the event packet has a string with a lone surrogate";
      assertBadRequest(lone, raw.call(2, "publish", publish + "\"\\ud800\"}"));
      assertBadRequest(lone, raw.call(3, "publish", publish + "[\"a\\udc00\"]}"));
      assertBadRequest(lone, raw.call(4, "publish", publish + "{\"\\udfff\":1}}"));
      assertOk(raw.call(5, "publish", publish + "\"\\ud83e\\ude93\"}"));

      assertBadRequest("the event packet has a number out of range",
          raw.call(6, "publish", publish + "1e99999999999}"));

      // The packet and the request object are two levels: data may take the rest.
      int depth = Limits.MAX_NESTING - 2;
      assertOk(raw.call(7, "publish", publish + "[".repeat(depth) + "]".repeat(depth) + "}"));
      assertBadRequest("the event packet is nested deeper than " + Limits.MAX_NESTING,
          raw.call(8, "publish", publish + "[".repeat(depth + 1) + "]".repeat(depth + 1) + "}"));

      // Numbers StrictJson reads but a field cannot take are that field's error, not internal.
      assertError("unsupported_version", raw.call(9, "auth", "{\"v\":1e10000,\"session\":\"k8\","
          + "\"app\":\"demo\",\"key\":\"" + TestApps.CONTRIBUTOR_KEY + "\"}"));
      for (String seq : new String[] {"1e400", "1.0", "99999999999999999999", "-1"}) {
        assertBadRequest("'seq' must be an integer from 1 to 2^63 - 1",
            raw.call(10, "publish", publish + "1,\"publisher\":\"p1\",\"seq\":" + seq + "}"));
      }

      // Without an ack: the hub-error still names the request, read from the packet's start.
      raw.send("42[\"publish\",{\"session\":\"k9\",\"data\":\"\\ud800\"}]");
      JSONObject hubError = raw.event().getJSONObject(1);
      assertEquals("publish", hubError.getString("request"));
      assertEquals("bad_request", hubError.getString("code"));
      assertEquals(lone, hubError.getString("message"));
    }
    assertHubStillWorks();
  }

  @Test void requestsBeforeAuthFailWithoutHarm() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      client.send("publish", json("session", "k1", "event", "log", "data", "sneaky"));
      JSONObject error = client.nextHubError();
      assertEquals("not_authenticated", error.getString("code"));
      assertEquals("k1", error.getString("session"));
    }
    assertHubStillWorks();
    assertTrue(bystander.delivers.isEmpty(), "the unauthenticated publish was routed");
  }
}
