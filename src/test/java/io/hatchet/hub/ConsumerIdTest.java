package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer ids: who may claim one, and how long it keeps its rooms. */
class ConsumerIdTest {
  private final HubClients clients = new HubClients();
  private RawClient producer;

  @BeforeEach void setUp() throws Exception {
    start(HatchetHub.builder().app(TestTokens.app()));
  }

  private void start(HatchetHub.Builder builder) throws Exception {
    producer = clients.startHub(builder).producer("p1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private void close(RawClient client) throws Exception {
    int before = clients.hub().connectionCount();
    clients.close(client);
    LifecycleTest.await(() -> clients.hub().connectionCount() < before,
        () -> "hub kept the connection");
  }

  private JSONObject join(String room, String consumer) throws Exception {
    return producer.room("join", "p1", room, consumer);
  }

  @Test void idIsEchoedOrMadeByTheHub() throws Exception {
    RawClient client = clients.connect();
    JSONObject chosen = client.authWith("c1", TestApps.CONSUMER_KEY, "id", "device-1");
    assertOk(chosen);
    assertEquals("device-1", chosen.getString("id"));
    assertTrue(chosen.isNull("userId"));

    JSONObject made = client.authWith("c2", TestApps.CONSUMER_KEY);
    JSONObject alsoMade = client.authWith("c3", TestApps.CONSUMER_KEY, "id", null);
    assertTrue(made.getString("id").matches("[A-Za-z0-9_-]{22}"), made::toString);
    assertTrue(alsoMade.getString("id").matches("[A-Za-z0-9_-]{22}"), alsoMade::toString);
    assertNotEquals(made.getString("id"), alsoMade.getString("id"));

    JSONObject token = client.authWith("c4", TestTokens.consumerToken("ben"), "id", "ben-phone");
    assertEquals("ben-phone", token.getString("id"));
    assertEquals("ben", token.getString("userId"));
    assertOk(client.authWith("c5", TestApps.CONSUMER_KEY, "id", "i".repeat(64)));
  }

  @Test void badIdsAreBadRequests() throws Exception {
    RawClient client = clients.connect();
    assertError("bad_request", client.authWith("c1", TestApps.CONSUMER_KEY, "id", ""));
    assertError("bad_request", client.authWith("c1", TestApps.CONSUMER_KEY, "id", "i".repeat(65)));
    assertError("bad_request", client.authWith("c1", TestApps.CONSUMER_KEY, "id", 5));
  }

  @Test void idOfAnotherUserIsInUse() throws Exception {
    RawClient ben = clients.connect();
    RawClient other = clients.connect();
    ben.tokenConsumer("c1", "ben", "x");
    other.keyConsumer("k1", "k");

    assertError("id_in_use", other.authWith("c1", TestTokens.consumerToken("alice"), "id", "x"));
    assertError("id_in_use", other.authWith("c1", TestApps.CONSUMER_KEY, "id", "x"));
    assertError("id_in_use", ben.authWith("c2", TestTokens.consumerToken("ben"), "id", "k"));
    // session_in_use is checked first.
    assertError("session_in_use", other.authWith("k1", TestTokens.consumerToken("al"), "id", "x"));
    // The refused claims changed nothing.
    assertEquals(1, producer.call("consumers", json("session", "p1", "userId", "ben"))
        .getInt("consumers"));
    assertEquals(0, producer.call("consumers", json("session", "p1", "userId", "alice"))
        .getInt("consumers"));
  }

  @Test void reconnectingConsumerKeepsItsRooms() throws Exception {
    RawClient first = clients.connect();
    first.tokenConsumer("c1", "ben", "ben-phone", "message");
    assertOk(join("projects/1", "ben-phone"));
    close(first);

    // Gone, but not forgotten: the id is still known and still routed to, for its window.
    assertEquals(1, producer.publishToRooms("p1", "message", "missed", "projects/1"));
    assertFalse(join("projects/1", "ben-phone").getBoolean("changed"));

    // Without resume, nothing is replayed: the next event is numbered after the missed one.
    RawClient second = clients.connect();
    second.tokenConsumer("c9", "ben", "ben-phone", "message");
    assertEquals(1, producer.publishToRooms("p1", "message", "back", "projects/1"));
    JSONObject deliver = second.nextDeliver();
    assertEquals("back", deliver.getString("data"));
    assertEquals("[\"c9\"]", deliver.getJSONArray("sessions").toString());
    assertEquals("[2]", deliver.getJSONArray("seqs").toString());
  }

  @Test void keyConsumerReconnectsToo() throws Exception {
    RawClient first = clients.connect();
    first.keyConsumer("c1", "screen-7", "message");
    assertOk(join("lobby", "screen-7"));
    close(first);

    RawClient second = clients.connect();
    second.keyConsumer("c1", "screen-7", "message");
    assertEquals(1, producer.publishToRooms("p1", "message", "hi", "lobby"));
    assertEquals("hi", second.nextDeliver().getString("data"));
  }

  @Test void newSessionReplacesOneTheHubStillThinksOpen() throws Exception {
    RawClient stale = clients.connect();
    RawClient fresh = clients.connect();
    stale.tokenConsumer("c1", "ben", "x", "message");
    assertOk(join("r", "x"));

    fresh.tokenConsumer("c1", "ben", "x", "message");
    assertEquals(1, producer.publishToRooms("p1", "message", 1, "r"));
    assertEquals(1, fresh.nextDeliver().getInt("data"));
    // The old session gets nothing more through the id: not even broadcasts it watched.
    assertEquals(1, producer.call("publish", json("session", "p1", "event", "message",
        "data", "all")).getInt("routed"));
    assertEquals("all", fresh.nextDeliver().getString("data"));

    // The old session ending or closing leaves the id to the new one.
    assertOk(stale.call("end", json("session", "c1")));
    close(stale);
    assertFalse(join("r", "x").getBoolean("changed"));
    assertEquals(1, producer.publishToRooms("p1", "message", 2, "r"));
    assertEquals(2, fresh.nextDeliver().getInt("data"));
    assertTrue(stale.delivers.isEmpty(), () -> "stale got " + stale.delivers);
  }

  @Test void endForgetsTheIdAtOnce() throws Exception {
    RawClient client = clients.connect();
    client.tokenConsumer("c1", "ben", "x", "message");
    assertOk(join("r", "x"));

    assertOk(client.call("end", json("session", "c1")));

    assertError("unknown_consumer", join("r", "x"));
    assertFalse(producer.room("leave", "p1", "r", "x").getBoolean("changed"));
    assertEquals(0, clients.hub().registry().consumerIndexSize(), "records or rooms left behind");
    // The id is free for anyone now.
    assertOk(client.authWith("c2", TestTokens.consumerToken("alice"), "id", "x"));
  }

  @Test void graceExpiryForgetsIdAndRooms() throws Exception {
    start(HatchetHub.builder().app(TestTokens.app()).consumerGracePeriod(Duration.ofMillis(200)));
    RawClient client = clients.connect();
    client.tokenConsumer("c1", "ben", "x", "message");
    assertOk(join("r", "x"));
    close(client);

    awaitUnknown("x");
    LifecycleTest.await(() -> clients.hub().registry().consumerIndexSize() == 0,
        () -> "records or rooms left behind: " + clients.hub().registry().consumerIndexSize());
    RawClient other = clients.connect();
    other.tokenConsumer("c1", "alice", "x", "message");
    assertEquals(0, producer.publishToRooms("p1", "message", 1, "r"));
  }

  @Test void reclaimWithinTheGracePeriodCancelsExpiry() throws Exception {
    // The ticker stands still until the id is claimed again: however long the reconnect takes
    // on a busy machine, it comes within the grace period. Short in real time, so that the
    // hub's timer fires meanwhile, and must leave the decision to the ticker.
    FakeTicker ticker = new FakeTicker();
    Duration grace = Duration.ofMillis(20);
    start(HatchetHub.builder().app(TestTokens.app()).consumerGracePeriod(grace).ticker(ticker));
    RawClient first = clients.connect();
    first.tokenConsumer("c1", "ben", "x", "message");
    assertOk(join("r", "x"));
    close(first);
    RawClient second = clients.connect();
    second.tokenConsumer("c1", "ben", "x", "message");

    // Watch the id well past the grace period, on the ticker and, so that an expiry left
    // behind would have fired, in real time: it stays, rooms included.
    ticker.advance(grace.multipliedBy(2));
    long until = System.nanoTime() + 10 * grace.toNanos();
    while (System.nanoTime() < until) {
      assertFalse(join("r", "x").getBoolean("changed"), "the id expired while claimed");
    }
    assertEquals(1, producer.publishToRooms("p1", "message", "still", "r"));
    assertEquals("still", second.nextDeliver().getString("data"));
  }

  @Test void churnFromManyConnectionsLeavesNothingBehind() throws Exception {
    start(HatchetHub.builder().app(TestTokens.app()).consumerGracePeriod(Duration.ofMillis(100)));
    List<RawClient> producers =
        new ArrayList<>(List.of(producer, clients.connect(), clients.connect()));
    for (RawClient other : producers.subList(1, producers.size())) {
      other.producer("p1");
    }
    List<RawClient> consumers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RawClient consumer = clients.connect();
      consumer.tokenConsumer("c1", "user" + i % 3, "id" + i, "message");
      consumers.add(consumer);
    }

    List<CompletableFuture<JSONObject>> answers = new ArrayList<>();
    for (int k = 0; k < 150; k++) {
      for (RawClient p : producers) {
        String id = "id" + (k * 7 + producers.indexOf(p)) % 7; // id6 is never claimed
        String verb = k % 3 == 2 ? "leave" : "join";
        answers.add(p.request(verb, json("session", "p1", "room", "r" + k % 10, "consumer", id)));
        if (k % 10 == 0) {
          answers.add(p.request("publish", json("session", "p1", "event", "message",
              "data", k, "rooms", new Object[] {"r1", "r2", "user:user1"})));
        }
      }
      if (k % 50 == 0) {
        // Reconnects while the producers work: the ids are claimed again.
        RawClient gone = consumers.remove(0);
        clients.close(gone);
        RawClient back = clients.connect();
        back.tokenConsumer("c1", "user0", "id0", "message");
        consumers.add(back);
      }
    }
    for (CompletableFuture<JSONObject> future : answers) {
      JSONObject answer = future.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertTrue(answer.getBoolean("ok")
          || answer.getJSONObject("error").getString("code").equals("unknown_consumer"),
          answer::toString);
    }

    for (RawClient consumer : consumers) {
      clients.close(consumer);
    }
    LifecycleTest.await(() -> clients.hub().registry().consumerIndexSize() == 0,
        () -> "records or rooms left behind: " + clients.hub().registry().consumerIndexSize());
    assertEquals(0, clients.hub().registry().indexSize());
  }

  /** Joins {@code id} until the hub says unknown_consumer, within 10 s. */
  private void awaitUnknown(String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RawClient.TIMEOUT_SECONDS);
    JSONObject answer;
    while ((answer = join("probe", id)).getBoolean("ok")) {
      assertTrue(System.nanoTime() < deadline, "the id never expired");
      producer.room("leave", "p1", "probe", id);
    }
    assertError("unknown_consumer", answer);
  }
}
