package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.FaultProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code closeGracefully}: new clients are refused, every client is told to go once what was
 * queued for it is written, and the hub closes within the time given, saying whether all of it
 * was written.
 */
class GracefulCloseTest {
  /**
   * What the hub holds for a stalled consumer before a test closes it: far more than the socket
   * buffers on the way take (a few MiB on loopback), so that the close cannot be done before
   * the consumer reads. Not less: the figure also counts what waits only for the event loop to
   * hand it to a socket that would take it.
   */
  private static final long HELD_BYTES = 16L << 20;
  private static final int MAX_EVENTS = 60_000;
  private static final String FILLER = "x".repeat(1000);

  private final HubFixture fixture = new HubFixture(builder -> builder
      .maxConnectionBacklog(128L << 20)
      .recoveryWindow(MAX_EVENTS + 1, Duration.ofMinutes(2)));
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    fixture.close();
  }

  /** A consumer behind {@code proxy} that only the hub disconnects, counting what it gets. */
  private Set<Integer> pausable(FaultProxy proxy) {
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(Duration.ofMinutes(5), Duration.ofMinutes(5))
        .build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Set<Integer> received = ConcurrentHashMap.newKeySet();
    Await.get(consumer.watch("n", data -> received.add(data.getAsJsonObject().get("i").getAsInt())));
    return received;
  }

  /** Stalls {@code proxy} and publishes until the hub holds {@link #HELD_BYTES}; how many. */
  private int publishWhileStalled(FaultProxy proxy) {
    proxy.stall();
    int sent = 0;
    while (fixture.hub.stats().queuedBytes() < HELD_BYTES) {
      if (sent >= MAX_EVENTS) {
        fail("the hub holds " + fixture.hub.stats().queuedBytes() + " bytes after " + sent
            + " events to a stalled consumer");
      }
      for (int i = 0; i < 100; i++, sent++) {
        assertEquals(1, fixture.hub.broadcast(APP, "n", Map.of("i", sent, "filler", FILLER)));
      }
    }
    return sent;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fixture.hub.url() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void whatWasQueuedForAPausedConsumerIsWrittenBeforeTheHubCloses() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Set<Integer> received = pausable(proxy);
    Consumer other = fixture.hatchet().consumer(APP, CONSUMER_KEY);
    CompletableFuture<String> told = new CompletableFuture<>();
    other.addStateListener(new StateListener() {
      @Override public void onDisconnect(String reason) {
        told.complete(reason);
      }
    });
    Await.get(other.ready());
    int sent = publishWhileStalled(proxy);

    long start = System.nanoTime();
    CompletableFuture<Boolean> closed =
        CompletableFuture.supplyAsync(() -> fixture.hub.closeGracefully(Duration.ofSeconds(30)));
    assertTrue(Await.get(told).contains("socket.io disconnect"), told::join);
    // Closing, but still answering: load balancers see it go, and new clients are refused.
    HttpResponse<String> health = get("/health");
    assertEquals(503, health.statusCode());
    assertEquals("{\"status\":\"closing\"}", health.body());
    assertEquals(503, get("/socket.io/?EIO=4&transport=polling").statusCode());
    assertFalse(closed.isDone());

    proxy.resume();
    assertTrue(Await.get(closed));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
    assertEquals(0, fixture.hub.connectionCount());
    // Written before the hub closed; read by the client since, each once.
    Await.until(() -> received.size() == sent, "every event queued arrived");
    assertTrue(fixture.hub.closeGracefully(Duration.ofSeconds(1)), "the first call's answer");
  }

  @Test
  void itGivesUpWhenTheTimeIsTooShort() {
    FaultProxy proxy = fixture.proxy();
    Set<Integer> received = pausable(proxy);
    int sent = publishWhileStalled(proxy);

    long start = System.nanoTime();
    assertFalse(fixture.hub.closeGracefully(Duration.ofMillis(300)));
    long took = System.nanoTime() - start;
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), took + " ns");
    // The wait, then close(), which is bounded by about 5 s itself.
    assertTrue(took < TimeUnit.SECONDS.toNanos(6), took + " ns");
    assertEquals(0, fixture.hub.connectionCount());
    assertTrue(received.size() < sent, received.size() + " of " + sent);
    assertFalse(fixture.hub.closeGracefully(Duration.ZERO));
  }

  @Test
  void clientsWithNothingQueuedGoAtOnceAndReconnectLater() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    CompletableFuture<String> reconnecting = new CompletableFuture<>();
    consumer.addStateListener(new StateListener() {
      @Override public void onReconnect(String reason) {
        reconnecting.complete(reason);
      }
    });
    Await.get(consumer.ready());

    long start = System.nanoTime();
    assertTrue(fixture.hub.closeGracefully(Duration.ofSeconds(30)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    Await.get(reconnecting); // a hatchet client tries again, as after any close
  }

  @Test
  @SuppressWarnings("try") // the next hub is there to be reached, not called
  void sendsInFlightAreAnsweredByThisHubOrByTheNextNeverRefused() {
    int port = fixture.hub.port();
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    List<CompletableFuture<Integer>> sends = new ArrayList<>();
    CompletableFuture<Boolean> closed = null;
    for (int i = 0; i < 4_000; i++) {
      sends.add(contributor.broadcast("n", i));
      if (i == 2_000) {
        closed = CompletableFuture.supplyAsync(
            () -> fixture.hub.closeGracefully(Duration.ofSeconds(10)));
      }
    }
    assertTrue(Await.get(closed));
    // Those the closing hub did not answer are sent again to the hub that takes its place.
    try (HatchetHub ignored = HubFixture.builder().port(port).start()) {
      for (CompletableFuture<Integer> send : sends) {
        assertEquals(0, Await.get(send));
      }
    }
  }

  @Test
  void afterCloseItReturnsFalseAtOnce() {
    fixture.hub.close();
    assertFalse(fixture.hub.closeGracefully(Duration.ofSeconds(30)));
  }
}
