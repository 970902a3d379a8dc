package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection that stalls, open but silent, is found by the heartbeat and replaced. */
class HeartbeatTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aStalledConnectionIsReplacedWithinIntervalPlusTimeout() throws Exception {
    FaultProxy proxy = fixture.proxy();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMillis(200), Duration.ofMillis(300))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .listener(new HatchetListener() {
          @Override
          public void onDisconnected(String url, String reason) {
            events.add(reason);
          }
        })
        .build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());

    long stalledAt = System.nanoTime();
    proxy.stall(); // the socket stays open; nothing gets through either way
    String reason = events.poll(Await.SECONDS, TimeUnit.SECONDS);
    long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);
    assertTrue(reason != null && reason.contains("heartbeat"), "reason: " + reason);
    // Configured 200 + 300 ms: the bound is what is tested. It leaves 2.5 s for a loaded
    // machine's timers and threads to run late, and is still far below the defaults' 10 s.
    assertTrue(detectedMillis < 3_000, "detected after " + detectedMillis + " ms");

    proxy.resume();
    assertEquals(0, Await.get(contributor.broadcast("log", 1)), "replaced and working again");
  }

  @Test
  void aSlowConnectionIsNotMistakenForADeadOneAndLosesNothing() throws Exception {
    FaultProxy proxy = fixture.proxy();
    BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    // A heartbeat's round trip through the slow proxy takes up to 2 × 2 × 150 ms; the timeout
    // is far above that, so that a loaded machine's delays do not add up to it.
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMillis(100), Duration.ofSeconds(5))
        .listener(new HatchetListener() {
          @Override
          public void onDisconnected(String url, String reason) {
            disconnects.add(reason);
          }
        })
        .build());
    Consumer consumer = hatchet.consumer(APP, HubFixture.CONSUMER_KEY);
    java.util.List<Integer> received = java.util.Collections.synchronizedList(
        new java.util.ArrayList<>());
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(50);
    Await.get(consumer.watch("n", data -> {
      received.add(data.getAsInt());
      all.countDown();
    }));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());

    proxy.slow(Duration.ofMillis(150)); // every chunk, each way: slower than the heartbeat interval, within its timeout
    for (int i = 0; i < 50; i++) contributor.broadcast("n", i);
    Await.latch(all);
    for (int i = 0; i < 50; i++) assertEquals(i, received.get(i));
    assertTrue(disconnects.isEmpty(), "no reconnect on a slow link: " + disconnects);
  }
}
