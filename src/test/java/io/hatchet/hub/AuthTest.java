package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
  private final HubClients clients = new HubClients();
  private RawClient client;

  @BeforeEach void setUp() throws Exception {
    HatchetHub.Builder builder = HatchetHub.builder().app(TestApps.demo()).maxMessageBytes(4096);
    client = clients.startHub(builder).connect();
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  @Test void consumerKeyOpensConsumerSessionForEveryEvent() throws Exception {
    JSONObject answer = client.auth("c1", TestApps.CONSUMER_KEY);

    assertOk(answer);
    assertEquals("c1", answer.getString("session"));
    assertEquals("consumer", answer.getString("role"));
    assertEquals("[\"*\"]", answer.getJSONArray("events").toString());
    assertEquals(4096, answer.getInt("maxMessageBytes"));
  }

  @Test void contributorKeyOpensContributorSessionWithItsEvents() throws Exception {
    JSONObject answer = client.auth("k1", TestApps.SIGNUP_CONTRIBUTOR_KEY);

    assertOk(answer);
    assertEquals("contributor", answer.getString("role"));
    assertEquals(new JSONArray("[\"signup\",\"log\"]").toString(),
        answer.getJSONArray("events").toString());
  }

  @Test void oneConnectionCarriesSeveralSessions() throws Exception {
    assertOk(client.auth("c1", TestApps.CONSUMER_KEY));
    assertOk(client.auth("c2", TestApps.CONSUMER_KEY));
    assertOk(client.auth("k1", TestApps.CONTRIBUTOR_KEY));
  }

  @Test void sameSessionNameOnAnotherConnectionIsFine() throws Exception {
    try (RawClient other = RawClient.connect(clients.hub().url())) {
      assertOk(client.auth("c1", TestApps.CONSUMER_KEY));
      assertOk(other.auth("c1", TestApps.CONSUMER_KEY));
    }
  }

  @Test void sessionNameAlreadyLiveIsInUse() throws Exception {
    assertOk(client.auth("c1", TestApps.CONSUMER_KEY));

    assertError("session_in_use", client.auth("c1", TestApps.CONTRIBUTOR_KEY));
  }

  @Test void endedSessionNameCanAuthenticateAgain() throws Exception {
    assertOk(client.auth("c1", TestApps.CONSUMER_KEY));
    assertOk(client.call("end", json("session", "c1")));

    assertOk(client.auth("c1", TestApps.CONTRIBUTOR_KEY));
  }

  @Test void unknownApp() throws Exception {
    JSONObject request = json("v", 1, "session", "c1", "app", "nope", "key", "I6mMbTSOq4rCdM");
    assertError("unknown_app", client.call("auth", request));

    request.put("app", "a".repeat(10_000));
    JSONObject answer = client.call("auth", request);
    assertError("unknown_app", answer);
    assertEquals("no app '" + "a".repeat(RequestException.MAX_QUOTED) + "…' on this hub",
        answer.getJSONObject("error").getString("message"));
  }

  @Test void badKey() throws Exception {
    assertError("bad_key", client.auth("c1", "I6mMbTSOq4rCdX"));
    assertError("bad_key", client.auth("c1", "x"));
  }

  @Test void keyMessageNeverShowsTheKey() throws Exception {
    JSONObject answer = client.auth("c1", "secret-wrong-key-123");
    String message = answer.getJSONObject("error").getString("message");
    assertEquals(-1, message.indexOf("secret-wrong-key-123"), message);
  }

  @Test void unsupportedVersion() throws Exception {
    JSONObject request =
        json("v", 2, "session", "c1", "app", "demo", "key", TestApps.CONSUMER_KEY);
    assertError("unsupported_version", client.call("auth", request));
    request.put("v", 1.5);
    assertError("unsupported_version", client.call("auth", request));
  }

  @Test void malformedAuthIsBadRequest() throws Exception {
    String key = TestApps.CONSUMER_KEY;
    assertError("bad_request",
        client.call("auth", json("session", "c1", "app", "demo", "key", key)));
    assertError("bad_request",
        client.call("auth", json("v", "1", "session", "c1", "app", "demo", "key", key)));
    assertError("bad_request",
        client.call("auth", json("v", 1, "session", "", "app", "demo", "key", key)));
    assertError("bad_request",
        client.call("auth", json("v", 1, "session", "x".repeat(65), "app", "demo", "key", key)));
    assertError("bad_request",
        client.call("auth", json("v", 1, "session", 7, "app", "demo", "key", key)));
    assertError("bad_request", client.call("auth", json("v", 1, "session", "c1", "key", key)));
    assertError("bad_request",
        client.call("auth", json("v", 1, "session", "c1", "app", "demo", "key", 42)));
    assertError("bad_request", client.call("auth", json("v", 1, "session", "c1", "app", "demo")));
  }

  @Test void sessionNameOf64CharactersIsAccepted() throws Exception {
    assertOk(client.auth("x".repeat(64), TestApps.CONSUMER_KEY));
  }

  @Test void failedAuthLeavesNoSession() throws Exception {
    assertError("bad_key", client.auth("c1", "wrong-key-wrong"));

    assertError("not_authenticated",
        client.call("watch", json("session", "c1", "events", new Object[] {"log"})));
  }
}
