package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.HubFixture.LOG_CONSUMER_KEY;
import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import io.hatchet.hub.App;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ready()} means "in effect": once it completes, the watches, unwatches and alias asked
 * for before the session authenticated have been answered by the hub, so that a send made from
 * then on, by anyone, takes them into account. Each test asks for them and, without waiting for
 * their own futures, sends at once after {@code ready()}, from another connection.
 */
class ReadyTest {
  /** Fresh consumers per test: the race this guards against lost most of them, not all. */
  private static final int ROUNDS = 20;
  private static final String SECRET = TestKeys.secret("HS256", 'r');

  private final HubFixture fixture = new HubFixture(hub -> hub.app(App.named("rooms")
      .consumerKey("rooms-consumer").contributorKey("rooms-contributor")
      .producerSecrets(SECRET)));
  private final Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void watchesAndAnAliasAskedBeforeReadyAreInEffectWhenItCompletes() throws Exception {
    Await.get(contributor.ready());
    for (int round = 0; round < ROUNDS; round++) {
      Hatchet hatchet = fixture.hatchet();
      Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
      BlockingQueue<JsonElement> received = new LinkedBlockingQueue<>();
      // Names of the round's own: the hub may still hold an earlier round's consumer, which
      // close() ends without waiting for the hub.
      String event = "log-" + round;
      consumer.watch(event, received::add);
      consumer.alias("frederick-" + round);
      Await.get(consumer.ready());

      assertEquals(1, Await.get(contributor.broadcast(event, round)), "broadcast, round " + round);
      assertEquals(1, Await.get(contributor.send(event, -round, "frederick-" + round)),
          "send, round " + round);
      assertEquals(round, poll(received).getAsInt());
      assertEquals(-round, poll(received).getAsInt());
      hatchet.close();
    }
  }

  @Test
  void anUnwatchAskedBeforeReadyIsInEffectWhenItCompletes() {
    Await.get(contributor.ready());
    for (int round = 0; round < ROUNDS; round++) {
      Hatchet hatchet = fixture.hatchet();
      Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
      String kept = "audit-" + round; // the round's own, as above
      consumer.watch("log", data -> {});
      consumer.watch(kept, data -> {});
      consumer.unwatch("log");
      Await.get(consumer.ready());

      assertEquals(0, Await.get(contributor.broadcast("log", round)), "round " + round);
      assertEquals(1, Await.get(contributor.broadcast(kept, round)), "round " + round);
      hatchet.close();
    }
  }

  @Test
  void aRoomJoinedAfterReadyReachesTheConsumerAtOnce() throws Exception {
    Producer producer = fixture.hatchet().producer("rooms",
        ProducerOptions.builder().producerId("backend").secretKeys(SECRET).build());
    for (int round = 0; round < ROUNDS; round++) {
      Hatchet hatchet = fixture.hatchet();
      Consumer consumer = hatchet.consumer("rooms", producer.signAuth(Map.of("userId", "u" + round)));
      BlockingQueue<JsonElement> received = new LinkedBlockingQueue<>();
      consumer.watch("message", received::add);
      Await.get(consumer.ready());

      String room = "projects/" + round;
      producer.joinRoom(room, consumer.id());
      assertEquals(1, Await.get(producer.sendMessage(room, "m" + round)), "round " + round);
      assertEquals("m" + round, poll(received).getAsString());
      hatchet.close();
    }
  }

  @Test
  void aRefusedWatchFailsItsOwnFutureAndReadyStillCompletesAfterIt() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, LOG_CONSUMER_KEY); // may watch "log" only
    List<String> order = new CopyOnWriteArrayList<>();
    var refused = consumer.watch("audit", data -> {})
        .whenComplete((ok, error) -> order.add("watch"));
    var allowed = consumer.watch("log", data -> {})
        .whenComplete((ok, error) -> order.add("watch"));
    var ready = consumer.ready().whenComplete((ok, error) -> order.add("ready"));

    Await.get(ready);
    RejectedException e = Await.failure(refused, RejectedException.class);
    assertEquals("not_permitted", e.code());
    Await.get(allowed);
    assertEquals(List.of("watch", "watch", "ready"), order);
    assertEquals(1, Await.get(contributor.broadcast("log", 1)));
  }

  @Test
  void aSessionWithNothingToConfirmIsReadyOnceAuthenticated() {
    Consumer consumer = fixture.hatchet().consumer(APP, CONSUMER_KEY);
    Await.get(consumer.ready());
    assertEquals(State.CONNECTED, consumer.state());
    Await.get(contributor.ready());
    assertEquals(State.CONNECTED, contributor.state());
  }
}
