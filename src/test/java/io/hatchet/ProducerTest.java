package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.hatchet.hub.App;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Producers and rooms, end to end: real producers and consumers against a real hub. */
class ProducerTest {
  private static final String SECRET = TestKeys.secret("HS256", 's');
  private static final String ROOM = "projects/51762b8f";

  private final HubFixture fixture = new HubFixture(hub -> hub.app(App.named("rooms")
      .consumerKey("consumer-key").contributorKey("contributor-key").producerSecrets(SECRET)));
  private final Hatchet backend = fixture.hatchet();
  private final Producer producer = backend.producer("rooms",
      ProducerOptions.builder().producerId("testProducerId").secretKeys(SECRET).build());

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** A consumer of user {@code userId} on its own connection, watching "message". */
  private Inbox device(String userId) {
    return device(fixture.hatchet(), userId);
  }

  private Inbox device(Hatchet hatchet, String userId) {
    Consumer consumer = hatchet.consumer("rooms", producer.signAuth(Map.of("userId", userId)));
    return new Inbox(consumer);
  }

  private static final class Inbox {
    final Consumer consumer;
    final BlockingQueue<JsonElement> messages = new LinkedBlockingQueue<>();

    Inbox(Consumer consumer) {
      this.consumer = consumer;
      Await.get(consumer.watch("message", messages::add));
    }

    String take() throws InterruptedException {
      JsonElement message = messages.poll(Await.SECONDS, TimeUnit.SECONDS);
      if (message == null) throw new AssertionError("no message for " + consumer);
      return message.getAsString();
    }
  }

  @Test
  void theSeedsDemo() throws Exception {
    Inbox ben = device("userIdxxx");
    assertTrue(Await.get(producer.joinRoom(ROOM, ben.consumer.id())));
    String message = "{\"e\":\":remove:tasks\",\"d\":\"553f569aca14974c5f806a01\"}";
    assertEquals(1, Await.get(producer.sendMessage(ROOM, message)));
    assertEquals(message, ben.take());
    assertTrue(Await.get(producer.leaveRoom(ROOM, ben.consumer.id())));
    assertEquals(0, Await.get(producer.sendMessage(ROOM, "gone")));
  }

  @Test
  void roomsSpanConsumersAndConnectionsAndEachGetsAMessageOnce() throws Exception {
    Hatchet shared = fixture.hatchet();
    List<Inbox> members = List.of(device(shared, "a"), device(shared, "b"), device("c"));
    Inbox outsider = device("d");
    for (Inbox member : members) Await.get(producer.joinRoom(ROOM, member.consumer.id()));
    Await.get(producer.joinRoom("other", members.get(0).consumer.id()));

    assertEquals(3, Await.get(producer.sendToRooms(List.of(ROOM, "other"), "message", "x")));
    for (Inbox member : members) assertEquals("x", member.take());
    assertEquals(1, Await.get(producer.sendMessage("user:d", "fence")));
    assertEquals("fence", outsider.take());
    assertTrue(members.get(0).messages.isEmpty(), "once, though in two of the rooms");
  }

  @Test
  void roomSendsReachOnlyWatchers() {
    Consumer notWatching = fixture.hatchet().consumer("rooms",
        producer.signAuth(Map.of("userId", "ben")));
    Await.get(notWatching.ready());
    Await.get(producer.joinRoom(ROOM, notWatching.id()));
    assertEquals(0, Await.get(producer.sendMessage(ROOM, "x")));
    assertEquals(0, Await.get(producer.sendToRoom(ROOM, "other-event", Map.of("n", 1))));
  }

  @Test
  void aJoinFollowedAtOnceByASendReachesTheConsumer() throws Exception {
    Inbox ben = device("ben");
    for (int i = 0; i < 20; i++) {
      String room = "race-" + i;
      CompletableFuture<Boolean> joined = producer.joinRoom(room, ben.consumer.id());
      CompletableFuture<Integer> sent = producer.sendMessage(room, room);
      assertTrue(Await.get(joined));
      assertEquals(1, Await.get(sent));
      assertEquals(room, ben.take());
    }
  }

  @Test
  void joinAndLeaveSayWhetherAnythingChanged() {
    Inbox ben = device("ben");
    String id = ben.consumer.id();
    assertTrue(Await.get(producer.joinRoom(ROOM, id)));
    assertFalse(Await.get(producer.joinRoom(ROOM, id)), "already in");
    assertTrue(Await.get(producer.leaveRoom(ROOM, id)));
    assertFalse(Await.get(producer.leaveRoom(ROOM, id)), "not in");
    assertFalse(Await.get(producer.leaveRoom(ROOM, "no-such-consumer")));
    RejectedException e = Await.failure(producer.joinRoom(ROOM, "no-such-consumer"),
        RejectedException.class);
    assertEquals("unknown_consumer", e.code());
  }

  @Test
  void theCallbackOverloadsAnswerLikeTheSeeds() throws Exception {
    Inbox ben = device("ben");
    CompletableFuture<String> answers = new CompletableFuture<>();
    producer.joinRoom(ROOM, ben.consumer.id(), (error, joined) ->
        producer.leaveRoom(ROOM, "no-such-consumer", (error2, left) ->
            producer.joinRoom(ROOM, "no-such-consumer", (error3, joined3) ->
                answers.complete(error + " " + joined + " " + error2 + " " + left + " "
                    + (error3 instanceof RejectedException r ? r.code() : error3) + " "
                    + joined3))));
    assertEquals("null true null false unknown_consumer null", Await.get(answers));
  }

  @Test
  void everyDeviceOfAUserIsInItsUserRoomAndCounted() throws Exception {
    Inbox phone = device("ben");
    Inbox laptop = device("ben");
    device("carol");
    assertEquals(2, Await.get(producer.consumers("ben")));
    assertEquals(1, Await.get(producer.consumers("carol")));
    assertEquals(0, Await.get(producer.consumers("nobody")));
    assertEquals(2, Await.get(producer.sendMessage("user:ben", "hello")));
    assertEquals("hello", phone.take());
    assertEquals("hello", laptop.take());
    phone.consumer.close();
    Await.until(() -> Await.get(producer.consumers("ben")) == 1, "the closed device is gone");
  }

  @Test
  void aTokenConsumersAliasIsItsUserIdForContributorsToo() throws Exception {
    Inbox ben = device("ben");
    Contributor contributor = backend.contributor("rooms", "contributor-key");
    assertEquals(1, Await.get(contributor.send("message", "by alias", "ben")));
    assertEquals("by alias", ben.take());
    RejectedException e = Await.failure(ben.consumer.alias("carol"), RejectedException.class);
    assertEquals("not_permitted", e.code());
  }

  @Test
  void roomsAndIdSurviveAConsumersReconnect() throws Exception {
    FaultProxy proxy = fixture.proxy();
    BlockingQueue<String> connections = new LinkedBlockingQueue<>();
    Hatchet flaky = fixture.track(Hatchet.builder(proxy.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100))
        .listener(new HatchetListener() {
          @Override
          public void onConnected(String url) {
            connections.add("connected");
          }
        })
        .build());
    Inbox ben = device(flaky, "ben");
    String id = ben.consumer.id();
    Await.get(producer.joinRoom(ROOM, id));
    assertEquals("connected", connections.poll(Await.SECONDS, TimeUnit.SECONDS));

    proxy.cut();
    assertEquals("connected", connections.poll(Await.SECONDS, TimeUnit.SECONDS));
    Await.get(ben.consumer.watch("message", data -> {})); // answered after re-authentication

    assertEquals(id, ben.consumer.id());
    assertFalse(Await.get(producer.joinRoom(ROOM, id)), "still in the room");
    assertEquals(1, Await.get(producer.sendMessage(ROOM, "after the cut")));
    assertEquals("after the cut", ben.take());
  }

  @Test
  void aClosedConsumerLeavesItsRooms() {
    Inbox ben = device("ben");
    Await.get(producer.joinRoom(ROOM, ben.consumer.id()));
    ben.consumer.close();
    Await.until(() -> Await.get(producer.sendMessage(ROOM, "x")) == 0, "closed consumer gone");
    assertEquals("unknown_consumer", Await.failure(producer.joinRoom(ROOM, ben.consumer.id()),
        RejectedException.class).code());
  }

  @Test
  void onlyProducersManageRooms() {
    Contributor contributor = backend.contributor("rooms", "contributor-key");
    assertEquals("not_permitted", Await.failure(
        contributor.send("message", "x", "ben").thenCompose(n -> CompletableFuture.<Integer>failedFuture(
            new RejectedException("not_permitted", "contributors have no rooms"))),
        RejectedException.class).code());
    Producer impostor = backend.producer("rooms", ProducerOptions.builder()
        .secretKeys(TestKeys.secret("HS256", 'x')).build());
    assertEquals("bad_signature",
        Await.failure(impostor.ready(), AuthenticationException.class).code());
    Await.failure(impostor.joinRoom(ROOM, "any"), AuthenticationException.class);
  }

  @Test
  void producerRequestsMadeBeforeAuthenticationAreQueuedInOrder() throws Exception {
    Inbox ben = device("ben");
    Producer fresh = fixture.hatchet().producer("rooms",
        ProducerOptions.builder().secretKeys(SECRET).build());
    CompletableFuture<Boolean> joined = fresh.joinRoom(ROOM, ben.consumer.id());
    List<CompletableFuture<Integer>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) sent.add(fresh.sendMessage(ROOM, "m" + i));
    assertTrue(Await.get(joined));
    for (int i = 0; i < 100; i++) {
      assertEquals(1, Await.get(sent.get(i)));
      assertEquals("m" + i, ben.take());
    }
  }
}
