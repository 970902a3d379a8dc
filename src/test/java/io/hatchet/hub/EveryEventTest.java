package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code *}, which an auth answer's {@code events} uses for "every event", is not an event name:
 * a watch, an unwatch or a publish of it is refused, from a client and from the hub object alike,
 * rather than taken for an event literally named {@code *}.
 */
class EveryEventTest {
  private final HubClients clients = new HubClients();
  private HatchetHub hub;
  private RawClient consumer;
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    hub = clients.startHub(HatchetHub.builder().app(TestApps.demo())).hub();
    consumer = clients.connect();
    contributor = clients.contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  @Test void starIsRefusedAsAnEventName() throws Exception {
    consumer.consumer("c1", "log");
    for (String verb : new String[] {"watch", "unwatch"}) {
      JSONObject refused = consumer.call(verb,
          json("session", "c1", "events", new JSONArray().put("signup").put("*")));
      assertError("bad_request", refused);
      assertTrue(refused.getJSONObject("error").getString("message").contains("every event"),
          refused::toString);
    }
    assertError("bad_request",
        contributor.call("publish", json("session", "k1", "event", "*", "data", 1)));
    HubException fromHub = assertThrows(HubException.class, () -> hub.broadcast("demo", "*", 1));
    assertEquals("bad_request", fromHub.code());

    // All or nothing: the refused watch added "signup" neither; "log" still works.
    assertOk(contributor.call("publish", json("session", "k1", "event", "signup", "data", 1)));
    assertOk(contributor.call("publish", json("session", "k1", "event", "log", "data", 2)));
    JSONObject deliver = consumer.nextDeliver();
    assertEquals("log", deliver.getString("event"), deliver::toString);
  }
}
