package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static io.hatchet.hub.RawClient.sessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who gets a published event, how often, and in which order. */
class RoutingTest {
  private final HubClients clients = new HubClients();
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    restart(HatchetHub.builder().app(TestApps.demo()));
  }

  /** Starts the hub of the test from {@code builder}, closing the one before, if any. */
  private void restart(HatchetHub.Builder builder) throws Exception {
    contributor = clients.startHub(builder).contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private int publish(String event, Object data, String... to) throws Exception {
    JSONObject request = json("session", "k1", "event", event, "data", data);
    if (to.length > 0) {
      request.put("to", new JSONArray(to));
    }
    JSONObject answer = contributor.call("publish", request);
    assertOk(answer);
    return answer.getInt("routed");
  }

  /**
   * Proves {@code client} got nothing more: the hub answers a connection's requests in order
   * and hands deliveries over before answering, so a final marker publish to a session of this
   * client arrives after anything else routed to it.
   */
  private void assertNothingMore(RawClient client, String markerSession) throws Exception {
    client.consumer(markerSession, "marker");
    client.call("alias", json("session", markerSession, "alias", markerSession));
    publish("marker", "end", markerSession);
    JSONObject next = client.nextDeliver();
    assertEquals("marker", next.getString("event"), () -> "unexpected " + next);
  }

  @Test void broadcastReachesWatchersOnEveryConnection() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    RawClient bystander = clients.connect();
    a.consumer("c1", "log");
    b.consumer("c1", "log");
    bystander.consumer("c1", "signup");

    assertEquals(2, publish("log", "hello"));

    for (RawClient client : List.of(a, b)) {
      JSONObject deliver = client.nextDeliver();
      assertEquals("log", deliver.getString("event"));
      assertEquals("hello", deliver.getString("data"));
      assertEquals(Set.of("c1"), sessions(deliver));
    }
    assertNothingMore(bystander, "m");
  }

  @Test void pollingClientsAreServedToo() throws Exception {
    RawClient polling = clients.connect("polling");
    polling.consumer("c1", "log");
    assertOk(polling.call("alias", json("session", "c1", "alias", "frederick")));

    assertEquals(1, publish("log", "over polling", "frederick"));

    JSONObject deliver = polling.nextDeliver();
    assertEquals("over polling", deliver.getString("data"));
    assertEquals(Set.of("c1"), sessions(deliver));
  }

  @Test void sessionsOfOneConnectionShareOneDeliver() throws Exception {
    RawClient a = clients.connect();
    a.consumer("c1", "log");
    a.consumer("c2", "log");
    a.consumer("c3", "signup");

    assertEquals(2, publish("log", 1));

    assertEquals(Set.of("c1", "c2"), sessions(a.nextDeliver()));
    assertNothingMore(a, "m");
  }

  @Test void publishingConnectionGetsItsOwnBroadcast() throws Exception {
    contributor.consumer("c1", "log");

    assertEquals(1, publish("log", "self"));

    assertEquals("self", contributor.nextDeliver().getString("data"));
  }

  @Test void toReachesWatchingSessionsWithThoseAliases() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    a.consumer("c1", "signup");
    a.consumer("c2", "signup");
    b.consumer("c1", "signup");
    b.authOk("c2", TestApps.CONSUMER_KEY); // frederick too, but watches nothing
    RawClient ben = clients.connect();
    ben.consumer("c1", "signup");
    assertOk(a.call("alias", json("session", "c1", "alias", "frederick")));
    assertOk(a.call("alias", json("session", "c2", "alias", "ben")));
    assertOk(b.call("alias", json("session", "c1", "alias", "frederick")));
    assertOk(b.call("alias", json("session", "c2", "alias", "frederick")));
    assertOk(ben.call("alias", json("session", "c1", "alias", "someone-else")));

    assertEquals(3, publish("signup", "hi", "frederick", "ben", "frederick", "nobody"));

    assertEquals(Set.of("c1", "c2"), sessions(a.nextDeliver()));
    assertEquals(Set.of("c1"), sessions(b.nextDeliver()));
    assertNothingMore(ben, "m1");
    assertNothingMore(b, "m2");
  }

  @Test void clearedAliasIsNotReached() throws Exception {
    RawClient a = clients.connect();
    a.consumer("c1", "log");
    assertOk(a.call("alias", json("session", "c1", "alias", "frederick")));
    assertEquals(1, publish("log", 1, "frederick"));
    a.nextDeliver();

    assertOk(a.call("alias", json("session", "c1", "alias", "ben")));
    assertEquals(0, publish("log", 2, "frederick"));
    assertOk(a.call("alias", json("session", "c1", "alias", null)));
    assertEquals(0, publish("log", 3, "ben"));
    assertEquals(1, publish("log", 4));
    assertEquals(4, a.nextDeliver().getInt("data"));
  }

  @Test void unwatchStopsDelivery() throws Exception {
    RawClient a = clients.connect();
    a.consumer("c1", "log", "signup");
    assertOk(a.call("unwatch", json("session", "c1", "events", new Object[] {"log"})));

    assertEquals(0, publish("log", 1));
    assertEquals(1, publish("signup", 2));
    assertEquals("signup", a.nextDeliver().getString("event"));
  }

  @Test void endStopsDelivery() throws Exception {
    RawClient a = clients.connect();
    a.consumer("c1", "log");
    a.consumer("c2", "log");
    assertOk(a.call("alias", json("session", "c1", "alias", "frederick")));
    assertOk(a.call("end", json("session", "c1")));

    assertEquals(1, publish("log", 1));
    assertEquals(Set.of("c2"), sessions(a.nextDeliver()));
    assertEquals(0, publish("log", 2, "frederick"));
  }

  @Test void disconnectedConsumersAreStillRoutedTo() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    a.consumer("c1", "log");
    b.consumer("c1", "log");
    assertOk(b.call("alias", json("session", "c1", "alias", "frederick")));
    clients.close(b);

    // Within its grace period, b's consumer id keeps its watches and alias, and counts.
    assertEquals(2, publish("log", 1));
    assertEquals(1, publish("log", 2, "frederick"));
    assertEquals(1, a.nextDeliver().getInt("data"));
  }

  @Test void disconnectForgetsConsumersAfterTheGracePeriod() throws Exception {
    restart(HatchetHub.builder().app(TestApps.demo()).consumerGracePeriod(Duration.ofMillis(50)));
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    a.consumer("c1", "log");
    b.consumer("c1", "log");
    assertOk(b.call("alias", json("session", "c1", "alias", "frederick")));
    assertEquals(2, publish("log", 1));

    clients.close(b);

    awaitRouted(1, "log");
    assertEquals(0, publish("log", 2, "frederick"));
    clients.close(a);
    awaitRouted(0, "log");
    LifecycleTest.await(() -> clients.hub().registry().indexSize() == 0,
        () -> "index entries left behind: " + clients.hub().registry().indexSize());
  }

  /** The hub learns of a closed connection asynchronously; publish until it has. */
  private void awaitRouted(int expected, String event) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RawClient.TIMEOUT_SECONDS);
    int routed;
    while ((routed = publish(event, "probe")) != expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(expected, routed);
  }

  @Test void eachPublishersEventsArriveInOrder() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    a.consumer("c1", "seq");
    b.consumer("c1", "seq");
    int count = 1000;

    List<CompletableFuture<JSONObject>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      answers.add(contributor.request("publish", json("session", "k1", "event", "seq", "data", i)));
    }

    for (CompletableFuture<JSONObject> answer : answers) {
      assertEquals(2, answer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS).getInt("routed"));
    }
    for (RawClient client : List.of(a, b)) {
      for (int i = 0; i < count; i++) {
        assertEquals(i, client.nextDeliver().getInt("data"));
      }
    }
    assertTrue(a.delivers.isEmpty() && b.delivers.isEmpty());
  }
}
