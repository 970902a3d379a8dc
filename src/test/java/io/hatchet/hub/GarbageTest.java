package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test void binaryArgumentsAreReadAsBase64() throws Exception {
    try (RawClient client = RawClient.connect(clients.hub().url())) {
      assertError("bad_request", client.call("publish", (Object) new byte[] {1, 2, 3}));
      client.authOk("k2", TestApps.CONTRIBUTOR_KEY);
      JSONObject request = json("session", "k2", "event", "log", "data", new byte[] {1, 2, 3});
      assertOk(client.call("publish", request));
      assertEquals("AQID", bystander.nextDeliver().getString("data"));
    }
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
      raw.send("425[\"watch\",{\"session\":\"c1\",\"events\":[\"log\"]}] trailing");
      raw.assertAckError(5, "not_authenticated");

      raw.send("42[garbage");
      JSONArray hubError = raw.event();
      assertEquals("hub-error", hubError.getString(0));
      assertEquals("bad_request", hubError.getJSONObject(1).getString("code"));
      raw.send("42{\"not\":\"an array\"}");
      assertEquals("hub-error", raw.event().getString(0));

      // Not even socket.io packets: netty-socketio logs them and reads on.
      raw.send("4");
      raw.send("4x");
      raw.send("\u0000\u0001");

      raw.send("426[\"auth\",{\"v\":1,\"session\":\"c1\",\"app\":\"demo\",\"key\":\""
          + TestApps.CONSUMER_KEY + "\"}]");
      assertOk(raw.ack(6).getJSONObject(0));
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
