package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer that stops reading for a while, but less than its connection's budget: what waits
 * for it in the hub goes out as soon as it reads again, though nothing more is published, and
 * its connection is kept.
 */
class PausedConsumerTest {
  /** Far more than the socket buffers on the way hold, far less than the budget. */
  private static final int EVENTS = 20_000;

  private final HubFixture fixture = new HubFixture(builder -> builder
      .maxConnectionBacklog(256L << 20)
      .recoveryWindow(EVENTS + 1, Duration.ofMinutes(2)));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void whatWaitsGoesOutWhenItReadsAgain() {
    FaultProxy proxy = fixture.proxy();
    Hatchet paused = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMinutes(5), Duration.ofMinutes(5))
        .build());
    Consumer consumer = paused.consumer(APP, CONSUMER_KEY);
    AtomicInteger recoveries = new AtomicInteger();
    consumer.addStateListener(new StateListener() {
      @Override public void onRecovered(long replayed) {
        recoveries.incrementAndGet();
      }
    });
    Set<Integer> received = ConcurrentHashMap.newKeySet();
    Await.get(consumer.watch("n", data -> received.add(data.getAsJsonObject().get("i").getAsInt())));
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);

    proxy.stall();
    String filler = "x".repeat(1000);
    CompletableFuture<Integer> last = null;
    for (int i = 0; i < EVENTS; i++) {
      last = contributor.broadcast("n", Map.of("i", i, "filler", filler));
      if (i % 1000 == 999) {
        assertEquals(1, Await.get(last)); // routed, and the contributor was not held back
      }
    }
    assertEquals(1, Await.get(last));

    proxy.resume();
    Await.until(() -> received.size() == EVENTS, "all " + EVENTS + " events arrived");
    assertEquals(2, fixture.hub.connectionCount(), "the connection was kept");
    assertEquals(0, recoveries.get(), "nothing had to be recovered");
  }
}
