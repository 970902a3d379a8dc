package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.HubFixture.OTHER_APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hatchet.hub.App;
import io.hatchet.hub.AppStats;
import io.hatchet.hub.HubStats;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link io.hatchet.hub.HatchetHub#stats()} counts what the test did. */
class HubStatsTest {
  private static final String SECRET = TestKeys.secret("HS256", 's');
  private static final int BACKLOG = 256 * 1024;
  private static final int MAX_EVENTS = 60_000;

  private final HubFixture fixture = new HubFixture(hub -> hub
      .app(App.named("rooms").producerSecrets(SECRET))
      .maxConnectionBacklog(BACKLOG)
      .recoveryWindow(MAX_EVENTS + 1, Duration.ofMinutes(2))
      // Room for everything the stalled consumer misses: else its window may drop the oldest
      // (a gap), and not all events arrive after it resumes.
      .recoveryWindowBytes(256L * 1024 * 1024));

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void sessionsByAppAndRolePublishesAndDeliveries() {
    HubStats before = fixture.hub.stats();
    assertEquals(List.of(APP, OTHER_APP, "rooms"), List.copyOf(before.apps().keySet()));
    assertEquals(0, before.connections());
    assertEquals(0, before.publishes());

    Hatchet shared = fixture.hatchet();
    AtomicInteger received = new AtomicInteger();
    List<Consumer> consumers = List.of(shared.consumer(APP, CONSUMER_KEY),
        shared.consumer(APP, CONSUMER_KEY), fixture.hatchet().consumer(APP, CONSUMER_KEY));
    for (Consumer consumer : consumers) {
      Await.get(consumer.watch("n", data -> received.incrementAndGet()));
    }
    Contributor contributor = shared.contributor(APP, CONTRIBUTOR_KEY);
    Producer producer = shared.producer("rooms", ProducerOptions.builder().secretKeys(SECRET).build());
    Await.get(producer.ready());
    for (int i = 0; i < 5; i++) {
      assertEquals(3, Await.get(contributor.broadcast("n", i)));
    }
    assertEquals(3, fixture.hub.broadcast(APP, "n", "from the hub"));
    assertEquals(0, fixture.hub.broadcast(OTHER_APP, "n", "to no one"));
    Await.until(() -> received.get() == 18, "every delivery arrived");

    HubStats stats = fixture.hub.stats();
    assertEquals(2, stats.connections());
    AppStats demo = stats.apps().get(APP);
    assertEquals(3, demo.consumers());
    assertEquals(1, demo.contributors());
    assertEquals(0, demo.producers());
    assertEquals(6, demo.publishes());
    assertEquals(18, demo.deliveries());
    assertEquals(1, stats.apps().get(OTHER_APP).publishes());
    assertEquals(0, stats.apps().get(OTHER_APP).deliveries());
    assertEquals(1, stats.apps().get("rooms").producers());
    assertEquals(7, stats.publishes());
    assertEquals(18, stats.deliveries());
    assertEquals(0, stats.droppedConnections());
    assertTrue(stats.uptime().compareTo(before.uptime()) > 0, stats::toString);

    consumers.get(0).close();
    Await.until(() -> fixture.hub.stats().apps().get(APP).consumers() == 2, "a consumer ended");
    shared.close();
    Await.until(() -> fixture.hub.stats().connections() == 1, "a connection closed");
    AppStats after = fixture.hub.stats().apps().get(APP);
    assertEquals(List.of(1, 0), List.of(after.consumers(), after.contributors()));
    assertEquals(0, fixture.hub.stats().apps().get("rooms").producers());
  }

  @Test
  void bytesQueuedForAStalledConsumerAndTheConnectionDroppedForThem() {
    FaultProxy proxy = fixture.proxy();
    Hatchet slow = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMinutes(5), Duration.ofMinutes(5))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .build());
    Set<Integer> received = ConcurrentHashMap.newKeySet();
    Consumer consumer = slow.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("n", data -> received.add(data.getAsJsonObject().get("i").getAsInt())));
    // The watch's answer has arrived, but its frame may leave Netty's buffer a moment later.
    Await.until(() -> fixture.hub.stats().queuedBytes() == 0, "nothing waits at first");

    proxy.stall();
    String filler = "x".repeat(1000);
    int sent = 0;
    long mostQueued = 0;
    while (fixture.hub.stats().droppedConnections() == 0) {
      if (sent >= MAX_EVENTS) {
        fail("the hub still holds a connection that took nothing of " + sent + " events");
      }
      for (int i = 0; i < 100; i++) {
        fixture.hub.broadcast(APP, "n", Map.of("i", sent++, "filler", filler));
      }
      mostQueued = Math.max(mostQueued, fixture.hub.stats().queuedBytes());
    }
    // Some of the backlog is in the sockets on the way; what the hub holds counts.
    assertTrue(mostQueued > BACKLOG / 4, "queued at most " + mostQueued);
    assertEquals(1, fixture.hub.stats().droppedConnections());

    proxy.resume();
    int total = sent;
    Await.until(() -> received.size() == total, "all " + total + " events arrived");
    Await.until(() -> fixture.hub.stats().queuedBytes() == 0, "nothing waits");
    // Its replay may be larger than its backlog too: it is then dropped again, and goes on
    // from where it got to.
    assertTrue(fixture.hub.stats().droppedConnections() >= 1);
  }
}
