package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's bounds in bytes and age, its inspection, and volatile sends. */
class QueueLimitsTest {
  private final HubFixture fixture = new HubFixture();
  private final FaultProxy proxy = fixture.proxy();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void theQueueIsBoundedInCharactersAndCanBeInspected() {
    proxy.stall();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url()).maxQueuedChars(2_000).build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) queued.add(contributor.broadcast("log", "x".repeat(500)));
    Await.until(() -> contributor.pendingRequests() == 3, "three queued");
    assertTrue(contributor.pendingChars() > 1_500, "chars: " + contributor.pendingChars());

    QueueFullException e = Await.failure(contributor.broadcast("log", "x".repeat(500)),
        QueueFullException.class);
    assertTrue(e.getMessage().contains("2000"), e.getMessage());
    proxy.resume();
    for (CompletableFuture<Integer> future : queued) assertEquals(0, Await.get(future));
    Await.until(() -> contributor.pendingRequests() == 0 && contributor.pendingChars() == 0,
        "all answered");
  }

  @Test
  void aSendThatWaitsTooLongForAConnectionExpiresUnsent() {
    proxy.stall();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .maxQueueAge(Duration.ofMillis(200)).build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    CompletableFuture<Integer> old = contributor.broadcast("log", 1);
    ExpiredException e = Await.failure(old, ExpiredException.class);
    assertEquals("expired", e.code());
    assertEquals(0, contributor.pendingRequests());
    proxy.resume();
    Await.get(contributor.ready()); // connected: a send now goes out at once, it does not queue
    assertEquals(0, Await.get(contributor.broadcast("log", 2)), "later sends still go");
  }

  @Test
  void aVolatileSendIsDroppedWhenNotConnectedAndSentWhenConnected() {
    proxy.stall();
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.failure(contributor.broadcastVolatile("cursor", 1), DroppedException.class);
    Await.failure(contributor.sendVolatile("cursor", 1, "ben"), DroppedException.class);
    Await.failure(contributor.sendVolatile("cursor", 1, List.of("ben")), DroppedException.class);
    proxy.resume();
    Await.get(contributor.ready());
    Consumer consumer = fixture.hatchet().consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("cursor", data -> {}));
    assertEquals(1, Await.get(contributor.broadcastVolatile("cursor", 2)));
  }

  @Test
  void aVolatileSendToACollectionReachesOnlyThoseAliases() {
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    Hatchet consumers = fixture.hatchet();
    CompletableFuture<JsonElement> benGot = new CompletableFuture<>();
    Consumer ben = consumers.consumer(APP, CONSUMER_KEY);
    Await.get(ben.alias("ben"));
    Await.get(ben.watch("cursor", benGot::complete));
    Consumer ann = consumers.consumer(APP, CONSUMER_KEY);
    Await.get(ann.alias("ann"));
    Await.get(ann.watch("cursor", data -> {}));
    Await.get(contributor.ready());

    assertEquals(1, Await.get(contributor.sendVolatile("cursor", 3, List.of("ben"))));
    assertEquals(3, Await.get(benGot).getAsInt());
    assertEquals(2, Await.get(contributor.sendVolatile("cursor", 4, Set.of("ben", "ann"))));
    assertThrows(IllegalArgumentException.class,
        () -> contributor.sendVolatile("cursor", 5, List.of()));
  }

  @Test
  void theMetricsListenerHearsDropsDepthAndAcks() {
    java.util.concurrent.BlockingQueue<String> figures =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .maxQueuedSends(1)
        .metrics(new MetricsListener() {
          @Override
          public void onDrop(Session session, String request, HatchetException reason) {
            figures.add("drop " + request + " " + reason.code());
          }

          @Override
          public void onAck(Session session, String request, long latencyNanos) {
            if (latencyNanos > 0) figures.add("ack " + request);
          }

          @Override
          public void onQueueDepth(Session session, int requests, long chars) {
            figures.add("depth " + requests);
          }
        })
        .build());
    proxy.stall();
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    CompletableFuture<Integer> first = contributor.broadcast("log", 1);
    Await.failure(contributor.broadcast("log", 2), QueueFullException.class);
    proxy.resume();
    Await.get(first);
    Await.until(() -> figures.containsAll(List.of("depth 1", "drop publish queue_full",
        "ack publish", "depth 0")), "figures: " + figures);
  }

  @Test
  void aVolatileSendOnTheWireWhenTheConnectionDropsIsDroppedNotResent() {
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    proxy.stall();
    CompletableFuture<Integer> lost = contributor.broadcastVolatile("cursor", 1);
    CompletableFuture<Integer> kept = contributor.broadcast("log", 1);
    Await.until(() -> contributor.pendingRequests() == 2, "both on the wire");
    proxy.cut();
    Await.failure(lost, DroppedException.class);
    proxy.resume();
    assertEquals(0, Await.get(kept), "a normal send is sent again");
  }
}
