package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.testing.FaultProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
  /** Far more than the socket buffers on the way hold, far less than the backlog. */
  private static final int EVENTS = 5_000;
  private static final String FILLER = "x".repeat(1000);

  private final HubFixture fixture = new HubFixture(builder -> builder
      .maxConnectionBacklog(64L << 20)
      .recoveryWindow(EVENTS + 1, Duration.ofMinutes(2)));
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

  private void publishWhileStalled(FaultProxy proxy) {
    proxy.stall();
    for (int i = 0; i < EVENTS; i++) {
      assertEquals(1, fixture.hub.broadcast(APP, "n", Map.of("i", i, "filler", FILLER)));
    }
    Await.until(() -> fixture.hub.stats().queuedBytes() > 0, "events wait for the consumer");
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
    publishWhileStalled(proxy);

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
    Await.until(() -> received.size() == EVENTS, "every event queued arrived");
    assertTrue(fixture.hub.closeGracefully(Duration.ofSeconds(1)), "the first call's answer");
  }

  @Test
  void itGivesUpWhenTheTimeIsTooShort() {
    FaultProxy proxy = fixture.proxy();
    Set<Integer> received = pausable(proxy);
    publishWhileStalled(proxy);

    long start = System.nanoTime();
    assertFalse(fixture.hub.closeGracefully(Duration.ofMillis(300)));
    long took = System.nanoTime() - start;
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), took + " ns");
    // The wait, then close(), which is bounded by about 5 s itself.
    assertTrue(took < TimeUnit.SECONDS.toNanos(6), took + " ns");
    assertEquals(0, fixture.hub.connectionCount());
    assertTrue(received.size() < EVENTS);
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
  void afterCloseItReturnsFalseAtOnce() {
    fixture.hub.close();
    assertFalse(fixture.hub.closeGracefully(Duration.ofSeconds(30)));
  }
}
