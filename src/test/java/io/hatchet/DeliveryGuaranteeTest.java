package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The promise of the README's delivery section, under fire: a contributor sends 10,000 events while
 * both its connection and the consumer's are cut at random, again and again. The consumer's
 * handler must see every event, in order, exactly once.
 *
 * <p>The cuts follow a random seed: {@code -Dhatchet.seed=N} replays the schedule of a run (which
 * link is cut, and after how long), and every failure names its seed. Thread timing is not
 * replayed, so a replay is a close rerun rather than the same run.
 */
class DeliveryGuaranteeTest {
  private static final int EVENTS = 10_000;
  private static final int MIN_CUTS = 20;

  /**
   * A window for every event: a consumer that a loaded machine keeps away for long, while the
   * contributor goes on, still recovers. What a window too small does is tested elsewhere.
   */
  private final HubFixture fixture =
      new HubFixture(hub -> hub.recoveryWindow(EVENTS, Duration.ofMinutes(2)));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  private Hatchet through(FaultProxy proxy, MetricsListener metrics) {
    return fixture.track(Hatchet.builder(proxy.url())
        .reconnectDelay(Duration.ofMillis(5), Duration.ofMillis(50))
        .heartbeat(Duration.ofMillis(500), Duration.ofSeconds(2))
        .metrics(metrics)
        .build());
  }

  @Test
  void tenThousandEventsThroughRandomCutsArriveInOrderExactlyOnce(TestReporter reporter) {
    Seed seed = Seed.fromProperty();
    reporter.publishEntry(Seed.PROPERTY, Long.toString(seed.value()));
    seed.run(() -> deliverThroughCuts(seed, reporter));
  }

  private void deliverThroughCuts(Seed seed, TestReporter reporter) throws Exception {
    Random random = new Random(seed.value());
    FaultProxy consumerLink = fixture.proxy();
    FaultProxy contributorLink = fixture.proxy();
    AtomicInteger recoveries = new AtomicInteger();
    AtomicInteger gaps = new AtomicInteger();
    AtomicInteger reconnects = new AtomicInteger();
    AtomicLong acks = new AtomicLong();
    MetricsListener metrics = new MetricsListener() {
      @Override
      public void onRecovery(Session session, boolean recovered, long replayed) {
        (recovered ? recoveries : gaps).incrementAndGet();
      }

      @Override
      public void onReconnect(int attempt, long delayMillis, String reason) {
        reconnects.incrementAndGet();
      }

      @Override
      public void onAck(Session session, String request, long latencyNanos) {
        acks.incrementAndGet();
      }
    };

    Consumer consumer = through(consumerLink, metrics).consumer(APP, CONSUMER_KEY);
    int[] received = new int[EVENTS];
    AtomicInteger count = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(EVENTS);
    Await.get(consumer.watch("seq", data -> {
      int n = count.getAndIncrement();
      int value = data.getAsInt();
      if (n < EVENTS) received[n] = value;
      if (value != n) outOfOrder.incrementAndGet();
      all.countDown();
    }));
    CompletableFuture<Void> fence = new CompletableFuture<>();
    Await.get(consumer.watch("fence", data -> fence.complete(null)));
    Contributor contributor = through(contributorLink, metrics).contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());

    // Cut one link or the other every few milliseconds while the events flow.
    AtomicInteger cuts = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread chaos = new Thread(() -> {
      while (sending.get() || cuts.get() < MIN_CUTS) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(60)));
        (random.nextBoolean() ? consumerLink : contributorLink).cut();
        cuts.incrementAndGet();
      }
    }, "test-chaos");
    chaos.setDaemon(true);
    chaos.start();

    // Batches keep sends spread over the cuts; each batch waits for its answers before the next.
    List<CompletableFuture<Integer>> sent = new ArrayList<>(EVENTS);
    for (int batch = 0; batch < EVENTS; batch += 250) {
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = batch; i < batch + 250; i++) futures.add(contributor.broadcast("seq", i));
      sent.addAll(futures);
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(Await.SECONDS * 4, TimeUnit.SECONDS);
    }
    sending.set(false);
    chaos.join(TimeUnit.SECONDS.toMillis(Await.SECONDS));
    if (!all.await(Await.SECONDS * 2, TimeUnit.SECONDS)) {
      throw new AssertionError(seed.say("received " + count.get() + " of " + EVENTS));
    }

    // A duplicate would come before this last event from the same contributor.
    Await.get(contributor.broadcast("fence", true));
    Await.get(fence);
    String run = String.format("sent %d, received %d, out of order %d, cuts %d, reconnects %d, "
            + "recovered %d, gaps %d, acks %d", sent.size(), count.get(), outOfOrder.get(),
        cuts.get(), reconnects.get(), recoveries.get(), gaps.get(), acks.get());
    reporter.publishEntry("run", run);
    assertTrue(cuts.get() >= MIN_CUTS, seed.say("at least " + MIN_CUTS + " cuts: " + run));
    for (int i = 0; i < sent.size(); i++) {
      int event = i;
      assertEquals(1, sent.get(i).getNow(-1), () -> seed.say("consumers reached by " + event));
    }
    assertEquals(EVENTS, count.get(), seed.say("each event exactly once: " + run));
    for (int i = 0; i < EVENTS; i++) {
      int event = i;
      assertEquals(i, received[i], () -> seed.say("event " + event + " in order: " + run));
    }
    assertEquals(0, gaps.get(), seed.say("every return within the window recovers: " + run));
  }
}
