package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer whose connection takes nothing (a stalled network) costs the hub a bounded backlog:
 * past it the hub drops the connection, the other clients go on, and the consumer recovers what
 * it missed when it reads again.
 */
class SlowConsumerTest {
  private static final int BACKLOG = 256 * 1024;
  /** Far more than the backlog and every socket buffer on the way hold. */
  private static final int MAX_EVENTS = 60_000;

  private final HubFixture fixture = new HubFixture(builder -> builder
      .maxConnectionBacklog(BACKLOG)
      .recoveryWindow(MAX_EVENTS + 1, Duration.ofMinutes(2)));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aConsumerThatStopsReadingIsDroppedAndRecoversWhenItReadsAgain() throws Exception {
    FaultProxy proxy = fixture.proxy();
    // A heartbeat slower than the test: only the hub may end the stalled connection.
    Hatchet slow = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMinutes(5), Duration.ofMinutes(5))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .build());
    Consumer consumer = slow.consumer(APP, CONSUMER_KEY);
    CompletableFuture<Long> recovered = new CompletableFuture<>();
    consumer.addStateListener(new StateListener() {
      @Override public void onRecovered(long replayed) {
        recovered.complete(replayed);
      }

      @Override public void onGap(String reason) {
        recovered.completeExceptionally(new AssertionError("a gap: " + reason));
      }
    });
    Set<Integer> received = ConcurrentHashMap.newKeySet();
    Await.get(consumer.watch("n", data -> received.add(data.getAsJsonObject().get("i").getAsInt())));
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(1, Await.get(contributor.broadcast("n", Map.of("i", 0))));
    Await.until(() -> received.contains(0), "the first event arrived");

    proxy.stall();
    String filler = "x".repeat(1000);
    int sent = 1;
    while (fixture.hub.connectionCount() == 2) {
      if (sent >= MAX_EVENTS) {
        fail("the hub still holds a connection that took nothing of " + sent + " events");
      }
      CompletableFuture<Integer> last = null;
      for (int i = 0; i < 100; i++) {
        last = contributor.broadcast("n", Map.of("i", sent++, "filler", filler));
      }
      // The contributor is not held back by the stalled consumer: every event is routed to it.
      assertEquals(1, Await.get(last));
    }

    proxy.resume();
    assertTrue(Await.get(recovered) > 0, "the dropped backlog is replayed from the window");
    int total = sent;
    Await.until(() -> received.size() == total, "all " + total + " events arrived");
    assertEquals(2, fixture.hub.connectionCount());
  }
}
