package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static io.hatchet.hub.RawClient.sessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** join, leave, consumers, and publish with rooms. */
class RoomsTest {
  private final HubClients clients = new HubClients();
  private RawClient producer;
  private int markers;

  @BeforeEach void setUp() throws Exception {
    producer = clients.startHub(HatchetHub.builder().app(TestTokens.app())).producer("p1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private JSONObject join(String room, String consumer) throws Exception {
    return producer.room("join", "p1", room, consumer);
  }

  private JSONObject leave(String room, String consumer) throws Exception {
    return producer.room("leave", "p1", room, consumer);
  }

  private int consumers(String userId) throws Exception {
    JSONObject answer = producer.call("consumers", json("session", "p1", "userId", userId));
    assertOk(answer);
    return answer.getInt("consumers");
  }

  /**
   * Proves {@code client} got nothing more from the producer: a marker sent last to a room of a
   * fresh session of that client arrives after anything the producer routed to it before.
   */
  private void assertNothingMore(RawClient client) throws Exception {
    String name = "marker-" + ++markers;
    client.keyConsumer(name, name, "marker");
    assertOk(join(name, name));
    assertEquals(1, producer.publishToRooms("p1", "marker", "end", name));
    JSONObject next = client.nextDeliver();
    assertEquals("marker", next.getString("event"), () -> "unexpected " + next);
  }

  @Test void joinAndLeaveSayWhetherTheyChangedAnything() throws Exception {
    clients.connect().keyConsumer("c1", "x", "message");

    assertTrue(join("r", "x").getBoolean("changed"));
    assertFalse(join("r", "x").getBoolean("changed"));
    assertTrue(leave("r", "x").getBoolean("changed"));
    assertFalse(leave("r", "x").getBoolean("changed"));
    assertFalse(leave("never-joined", "x").getBoolean("changed"));
  }

  @Test void unknownConsumers() throws Exception {
    assertError("unknown_consumer", join("r", "nobody"));
    JSONObject leave = leave("r", "nobody");
    assertOk(leave);
    assertFalse(leave.getBoolean("changed"));
  }

  @Test void roomPublishReachesEachWatchingMemberOnce() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    RawClient bystander = clients.connect();
    a.keyConsumer("c1", "a1", "message");
    a.tokenConsumer("c2", "ben", "a2", "message", "log");
    b.keyConsumer("c1", "b1", "message");
    bystander.keyConsumer("c1", "n1", "log"); // in the room, not watching
    for (String[] membership : new String[][] {
        {"r1", "a1"}, {"r2", "a2"}, {"r1", "b1"}, {"r2", "b1"}, {"r1", "n1"}, {"r3", "n1"}}) {
      assertOk(join(membership[0], membership[1]));
    }

    assertEquals(3, producer.publishToRooms("p1", "message", "hello", "r1", "r2", "r1"));

    JSONObject toA = a.nextDeliver();
    assertEquals("message", toA.getString("event"));
    assertEquals("hello", toA.getString("data"));
    assertEquals(Set.of("c1", "c2"), sessions(toA));
    assertEquals(Set.of("c1"), sessions(b.nextDeliver()));
    assertNothingMore(a);
    assertNothingMore(b);
    assertNothingMore(bystander);
    assertEquals(0, producer.publishToRooms("p1", "message", "nobody", "r3", "empty"));
  }

  @Test void tokenConsumersAreInTheirUserRoom() throws Exception {
    RawClient phone = clients.connect();
    RawClient laptop = clients.connect();
    RawClient alice = clients.connect();
    phone.tokenConsumer("c1", "ben", null, "message");
    String laptopId = laptop.tokenConsumer("c1", "ben", null, "message");
    alice.tokenConsumer("c1", "alice", null, "message");
    laptop.keyConsumer("k1", "key-consumer", "message");

    assertEquals(2, producer.publishToRooms("p1", "message", "for ben", "user:ben"));
    assertEquals("for ben", phone.nextDeliver().getString("data"));
    assertEquals(Set.of("c1"), sessions(laptop.nextDeliver()));
    assertNothingMore(alice);
    assertEquals(2, consumers("ben"));
    assertEquals(1, consumers("alice"));
    assertEquals(0, consumers("nobody"));
    assertFalse(join("user:ben", laptopId).getBoolean("changed"));

    clients.close(laptop);
    LifecycleTest.await(() -> consumersQuietly("ben") == 1, () -> "laptop still counted");
  }

  private int consumersQuietly(String userId) {
    try {
      return consumers(userId);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test void everyAuthenticationJoinsTheUserRoomAgain() throws Exception {
    RawClient first = clients.connect();
    first.tokenConsumer("c1", "ben", "x", "message");
    assertTrue(leave("user:ben", "x").getBoolean("changed"));
    assertEquals(0, producer.publishToRooms("p1", "message", 1, "user:ben"));

    RawClient second = clients.connect();
    second.tokenConsumer("c1", "ben", "x", "message");
    assertFalse(join("user:ben", "x").getBoolean("changed"));
    assertEquals(1, producer.publishToRooms("p1", "message", 2, "user:ben"));
    assertEquals(2, second.nextDeliver().getInt("data"));
  }

  @Test void joinFollowedAtOnceByPublishReachesTheConsumer() throws Exception {
    RawClient consumer = clients.connect();
    consumer.tokenConsumer("c1", "ben", "x", "message");
    int count = 50;
    List<CompletableFuture<JSONObject>> joins = new ArrayList<>();
    List<CompletableFuture<JSONObject>> publishes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // No waiting for the join's answer: the hub handles one connection's requests in order.
      joins.add(producer.request("join", json("session", "p1", "room", "r" + i, "consumer", "x")));
      publishes.add(producer.request("publish", json("session", "p1", "event", "message",
          "data", i, "rooms", new Object[] {"r" + i})));
    }
    for (int i = 0; i < count; i++) {
      assertTrue(joins.get(i).get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .getBoolean("changed"));
      assertEquals(1, publishes.get(i).get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .getInt("routed"));
    }
    for (int i = 0; i < count; i++) {
      assertEquals(i, consumer.nextDeliver().getInt("data"));
    }
  }

  @Test void producersMayBroadcastAndUseToForAnyEvent() throws Exception {
    RawClient a = clients.connect();
    a.tokenConsumer("c1", "ben", null, "deploy");
    a.consumer("c2", "deploy");
    assertOk(a.call("alias", json("session", "c2", "alias", "ops")));

    JSONObject broadcast = producer.call("publish",
        json("session", "p1", "event", "deploy", "data", 1));
    assertEquals(2, broadcast.getInt("routed"));
    assertEquals(Set.of("c1", "c2"), sessions(a.nextDeliver()));
    JSONObject to = producer.call("publish",
        json("session", "p1", "event", "deploy", "data", 2, "to", new Object[] {"ben"}));
    assertEquals(1, to.getInt("routed"));
    assertEquals(Set.of("c1"), sessions(a.nextDeliver()));
  }

  @Test void tokenConsumersAliasIsItsUserId() throws Exception {
    RawClient a = clients.connect();
    a.tokenConsumer("c1", "ben", null, "signup");
    assertError("not_permitted", a.call("alias", json("session", "c1", "alias", "frederick")));

    RawClient contributor = clients.connect();
    contributor.authOk("k1", TestApps.CONTRIBUTOR_KEY);
    JSONObject answer = contributor.call("publish",
        json("session", "k1", "event", "signup", "data", 1, "to", new Object[] {"ben"}));
    assertEquals(1, answer.getInt("routed"));
    assertEquals(1, a.nextDeliver().getInt("data"));
  }

  @Test void onlyProducersManageRooms() throws Exception {
    RawClient other = clients.connect();
    other.keyConsumer("c1", "x", "message");
    other.authOk("k1", TestApps.CONTRIBUTOR_KEY);
    for (String session : new String[] {"c1", "k1"}) {
      assertError("not_permitted", other.room("join", session, "r", "x"));
      assertError("not_permitted", other.room("leave", session, "r", "x"));
      assertError("not_permitted",
          other.call("consumers", json("session", session, "userId", "ben")));
      assertError("not_permitted", other.call("publish", json("session", session,
          "event", "message", "data", 1, "rooms", new Object[] {"r"})));
    }
    assertError("not_authenticated", other.room("join", "p1", "r", "x"));
    assertError("not_permitted", producer.call("watch",
        json("session", "p1", "events", new Object[] {"message"})));
    assertError("not_permitted", producer.call("alias", json("session", "p1", "alias", "a")));
  }

  @Test void malformedRoomRequestsAreBadRequests() throws Exception {
    clients.connect().keyConsumer("c1", "x", "message");
    assertError("bad_request", producer.call("publish", json("session", "p1", "event", "message",
        "data", 1, "rooms", new Object[] {"r"}, "to", new Object[] {"ben"})));
    assertError("bad_request", producer.call("publish", json("session", "p1", "event", "message",
        "data", 1, "rooms", new Object[] {})));
    assertError("bad_request", producer.call("publish", json("session", "p1", "event", "message",
        "data", 1, "rooms", null)));
    assertError("bad_request", producer.call("publish", json("session", "p1", "event", "message",
        "data", 1, "rooms", new Object[] {5})));
    assertError("bad_request", producer.call("join", json("session", "p1", "room", "r")));
    assertError("bad_request", producer.call("join", json("session", "p1", "consumer", "x")));
    assertError("bad_request", producer.room("join", "p1", "r".repeat(257), "x"));
    assertError("bad_request", producer.room("leave", "p1", "", "x"));
    assertError("bad_request", producer.room("join", "p1", "r", "x".repeat(65)));
    assertError("bad_request", producer.call("consumers", json("session", "p1")));
    assertOk(producer.room("join", "p1", "r".repeat(256), "x"));
  }

  @Test void roomsLeaveNothingBehind() throws Exception {
    RawClient a = clients.connect();
    RawClient b = clients.connect();
    a.tokenConsumer("c1", "ben", "a1", "message");
    b.keyConsumer("c1", "b1", "message");
    List<CompletableFuture<JSONObject>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String consumer = i % 2 == 0 ? "a1" : "b1";
      answers.add(producer.request("join",
          json("session", "p1", "room", "r" + i % 7, "consumer", consumer)));
      if (i % 3 == 0) {
        answers.add(producer.request("leave",
            json("session", "p1", "room", "r" + i % 5, "consumer", consumer)));
      }
    }
    for (CompletableFuture<JSONObject> answer : answers) {
      assertOk(answer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    assertTrue(clients.hub().registry().consumerIndexSize() > 0);

    assertOk(a.call("end", json("session", "c1")));
    assertOk(b.call("end", json("session", "c1")));
    assertEquals(0, clients.hub().registry().consumerIndexSize(), "records or rooms left behind");
  }
}
