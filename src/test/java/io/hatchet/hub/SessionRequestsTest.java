package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** watch, unwatch, alias and end: answers and error codes. Routing is in RoutingTest. */
class SessionRequestsTest {
  private final HubClients clients = new HubClients();
  private RawClient client;

  @BeforeEach void setUp() throws Exception {
    client = clients.startHub(HatchetHub.builder().app(TestApps.demo())).connect();
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private JSONObject watch(String verb, String session, Object... events) throws Exception {
    return client.call(verb, json("session", session, "events", events));
  }

  @Test void watchAndUnwatchAnswerOkAndAreIdempotent() throws Exception {
    client.authOk("c1", TestApps.CONSUMER_KEY);

    assertOk(watch("watch", "c1", "log", "signup"));
    assertOk(watch("watch", "c1", "log"));
    assertOk(watch("unwatch", "c1", "log"));
    assertOk(watch("unwatch", "c1", "log", "never-watched"));
    assertOk(watch("watch", "c1"));
  }

  @Test void requestsBeforeAuthAreNotAuthenticated() throws Exception {
    assertError("not_authenticated", watch("watch", "c1", "log"));
    assertError("not_authenticated", watch("unwatch", "c1", "log"));
    assertError("not_authenticated", client.call("alias", json("session", "c1", "alias", "a")));
    assertError("not_authenticated", client.call("publish",
        json("session", "c1", "event", "log", "data", 1)));
  }

  @Test void requestsForAnotherConnectionsSessionAreNotAuthenticated() throws Exception {
    try (RawClient other = RawClient.connect(clients.hub().url())) {
      other.authOk("c9", TestApps.CONSUMER_KEY);

      assertError("not_authenticated", watch("watch", "c9", "log"));
      assertOk(client.call("end", json("session", "c9")));
      assertOk(other.call("watch", json("session", "c9", "events", new Object[] {"log"})));
    }
  }

  @Test void contributorMayNotWatchOrAlias() throws Exception {
    client.authOk("k1", TestApps.CONTRIBUTOR_KEY);

    assertError("not_permitted", watch("watch", "k1", "log"));
    assertError("not_permitted", watch("unwatch", "k1", "log"));
    assertError("not_permitted", client.call("alias", json("session", "k1", "alias", "a")));
  }

  @Test void keyLimitedToEventsMayWatchOnlyThose() throws Exception {
    client.authOk("c1", TestApps.LOG_CONSUMER_KEY);

    assertOk(watch("watch", "c1", "log"));
    JSONObject refused = watch("watch", "c1", "log", "signup");
    assertError("not_permitted", refused);
    assertEquals("key of app 'demo' may not watch 'signup'",
        refused.getJSONObject("error").getString("message"));
  }

  @Test void watchIsAllOrNothing() throws Exception {
    client.authOk("c1", TestApps.LOG_CONSUMER_KEY);
    client.authOk("k1", TestApps.CONTRIBUTOR_KEY);

    assertError("not_permitted", watch("watch", "c1", "log", "signup"));
    // "log" was not applied either: a publish reaches nobody.
    JSONObject published =
        client.call("publish", json("session", "k1", "event", "log", "data", "x"));
    assertEquals(0, published.getInt("routed"));
  }

  @Test void malformedWatchIsBadRequest() throws Exception {
    client.authOk("c1", TestApps.CONSUMER_KEY);

    assertError("bad_request", client.call("watch", json("session", "c1")));
    assertError("bad_request", client.call("watch", json("session", "c1", "events", "log")));
    assertError("bad_request", watch("watch", "c1", "log", 3));
    assertError("bad_request", watch("watch", "c1", ""));
    assertError("bad_request", watch("watch", "c1", "x".repeat(257)));
    assertError("bad_request", client.call("watch", json("events", new Object[] {"log"})));
    assertOk(watch("watch", "c1", "x".repeat(256)));
  }

  @Test void aliasSetsAndClears() throws Exception {
    client.authOk("c1", TestApps.CONSUMER_KEY);

    assertOk(client.call("alias", json("session", "c1", "alias", "frederick")));
    assertOk(client.call("alias", json("session", "c1", "alias", "frederick")));
    assertOk(client.call("alias", json("session", "c1", "alias", null)));
    assertOk(client.call("alias", json("session", "c1", "alias", "a".repeat(256))));
  }

  @Test void malformedAliasIsBadRequest() throws Exception {
    client.authOk("c1", TestApps.CONSUMER_KEY);

    assertError("bad_request", client.call("alias", json("session", "c1")));
    assertError("bad_request", client.call("alias", json("session", "c1", "alias", "")));
    assertError("bad_request", client.call("alias", json("session", "c1", "alias", 12)));
    assertError("bad_request",
        client.call("alias", json("session", "c1", "alias", "a".repeat(257))));
  }

  @Test void endAnswersOkAlsoForSessionsNotOpen() throws Exception {
    client.authOk("c1", TestApps.CONSUMER_KEY);

    assertOk(client.call("end", json("session", "c1")));
    assertOk(client.call("end", json("session", "c1")));
    assertOk(client.call("end", json("session", "never")));
    assertError("not_authenticated", watch("watch", "c1", "log"));
    assertError("bad_request", client.call("end", json("session", 5)));
  }

  @Test void pingIsAnsweredWithOrWithoutSessions() throws Exception {
    assertOk(client.call("ping", json()));
    client.authOk("c1", TestApps.CONSUMER_KEY);
    assertOk(client.call("ping", json()));
    assertOk(client.call("ping", json("session", "anything", "more", 1)));
    // Like every request, its argument is an object.
    assertError("bad_request", client.call("ping"));
    assertError("bad_request", client.call("ping", 1));
  }
}
