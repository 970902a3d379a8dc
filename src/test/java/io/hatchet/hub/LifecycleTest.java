package io.hatchet.hub;

import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Building, starting, counting, dropping and stopping. */
class LifecycleTest {
  @Test void portZeroGivesARealPortAndUrl() {
    try (HatchetHub hub = TestApps.startHub()) {
      assertNotEquals(0, hub.port());
      assertEquals("http://127.0.0.1:" + hub.port(), hub.url());
      assertEquals("HatchetHub{" + hub.url() + "}", hub.toString());
    }
  }

  @Test void hubOnEveryInterfaceGivesLoopbackUrl() throws Exception {
    try (HatchetHub hub = HatchetHub.builder().host("0.0.0.0").app(TestApps.demo()).start();
        RawClient client = RawClient.connect(hub.url())) {
      assertEquals("http://127.0.0.1:" + hub.port(), hub.url());
      client.authOk("c1", TestApps.CONSUMER_KEY);
    }
  }

  @Test void portInUseFailsWithThePortInTheMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> HatchetHub.builder().port(port).start());
      assertTrue(e instanceof UncheckedIOException || e instanceof IllegalStateException, () ->
          "unexpected " + e);
      assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
    }
  }

  @Test void newHubListensOnTheSamePortAtOnce() throws Exception {
    HatchetHub hub = TestApps.startHub();
    int port = hub.port();
    for (int i = 0; i < 3; i++) {
      // Connected clients when it closes: the port has connections in TIME_WAIT.
      try (RawClient client = RawClient.connect(hub.url())) {
        client.consumer("c1", "log");
        hub.close();
        client.awaitDisconnect();
      }
      hub = HatchetHub.builder().app(TestApps.demo()).port(port).start();
      assertEquals(port, hub.port());
    }
    try (RawClient client = RawClient.connect(hub.url())) {
      client.authOk("c1", TestApps.CONSUMER_KEY);
    } finally {
      hub.close();
    }
  }

  @Test void countsConnections() throws Exception {
    try (HatchetHub hub = TestApps.startHub()) {
      assertEquals(0, hub.connectionCount());
      try (RawClient a = RawClient.connect(hub.url()); RawClient b = RawClient.connect(hub.url())) {
        assertTrue(a.connected() && b.connected());
        assertEquals(2, hub.connectionCount());
      }
      await(() -> hub.connectionCount() == 0, () -> "still counted: " + hub.connectionCount());
    }
  }

  @Test void disconnectAllDropsClientsAndForgetsTheirSessions() throws Exception {
    try (HatchetHub hub = HatchetHub.builder().app(TestApps.demo())
            .consumerGracePeriod(Duration.ofMillis(100)).start();
        RawClient consumer = RawClient.connect(hub.url());
        RawClient contributor = RawClient.connect(hub.url())) {
      consumer.consumer("c1", "log");
      contributor.authOk("k1", TestApps.CONTRIBUTOR_KEY);

      hub.disconnectAll();

      assertEquals("io server disconnect", consumer.awaitDisconnect());
      assertEquals("io server disconnect", contributor.awaitDisconnect());
      assertEquals(0, hub.connectionCount());
      // The consumer's id (what it watches, its window) outlives it for its grace period only.
      await(() -> hub.registry().consumerIndexSize() == 0 && hub.registry().indexSize() == 0,
          () -> "consumer records left behind: " + hub.registry().consumerIndexSize());
      // The hub still takes new connections.
      try (RawClient again = RawClient.connect(hub.url())) {
        again.authOk("k1", TestApps.CONTRIBUTOR_KEY);
        RawClient.assertOk(again.call("publish", json("session", "k1", "event", "log", "data", 1)));
      }
    }
  }

  @Test void closeIsFastIdempotentAndStopsEveryThread() throws Exception {
    HatchetHub hub = TestApps.startHub();
    String prefix = hub.threadPrefix() + "-";
    try (RawClient client = RawClient.connect(hub.url())) {
      client.consumer("c1", "log");
      List<Thread> running = threads(prefix);
      assertFalse(running.isEmpty(), "no " + prefix + " threads while running");
      assertTrue(running.stream().allMatch(Thread::isDaemon), () -> "non-daemon: " + running);

      long start = System.nanoTime();
      hub.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "close took " + took);

      hub.close();
      assertEquals(0, hub.connectionCount());
      assertTrue(client.awaitDisconnect().length() > 0);
    }
    await(() -> threads(prefix).isEmpty(), () -> "threads left after close: " + threads(prefix));
  }

  @Test void timersRunOnTheEventLoops() throws Exception {
    try (HatchetHub hub = TestApps.startHub(); RawClient client = RawClient.connect(hub.url())) {
      client.authOk("c1", TestApps.CONSUMER_KEY);
      // Heartbeats and grace periods run on the event loops: no timer thread of their own.
      List<Thread> threads = threads(hub.threadPrefix());
      assertTrue(threads.stream().allMatch(t -> t.getName().startsWith(hub.threadPrefix()
          + "-boss-") || t.getName().startsWith(hub.threadPrefix() + "-worker-")),
          () -> "threads: " + threads);
    }
  }

  @Test void builderArgumentsAreChecked() {
    HatchetHub.Builder builder = HatchetHub.builder().app(App.named("demo"));
    assertRefused("port", () -> builder.port(-1));
    assertRefused("port", () -> builder.port(65536));
    assertRefused("host", () -> builder.host(null));
    assertRefused("host", () -> builder.host(""));
    assertRefused("app", () -> builder.app(null));
    assertRefused("demo", () -> builder.app(App.named("demo").consumerKey("other-key-1")));
    assertRefused("maxMessageBytes", () -> builder.maxMessageBytes(0));
    assertRefused("maxMessageBytes", () -> builder.maxMessageBytes(-5));
    assertRefused("clockSkew", () -> builder.clockSkew(Duration.ofSeconds(-1)));
    assertRefused("clockSkew", () -> builder.clockSkew(null));
    assertRefused("consumerGracePeriod", () -> builder.consumerGracePeriod(Duration.ZERO));
    assertRefused("consumerGracePeriod", () -> builder.consumerGracePeriod(Duration.ofMillis(-1)));
    assertRefused("consumerGracePeriod", () -> builder.consumerGracePeriod(null));
    assertRefused("recoveryWindow", () -> builder.recoveryWindow(0, Duration.ofSeconds(1)));
    assertRefused("recoveryWindow", () -> builder.recoveryWindow(-1, Duration.ofSeconds(1)));
    assertRefused("recoveryWindow", () -> builder.recoveryWindow(1, null));
    assertRefused("recoveryWindow", () -> builder.recoveryWindow(1, Duration.ZERO));
    assertRefused("recoveryWindow", () -> builder.recoveryWindow(1, Duration.ofMillis(-1)));
    assertRefused("ticker", () -> builder.ticker(null));
    assertRefused("recoveryWindowBytes", () -> builder.recoveryWindowBytes(0));
    assertRefused("path", () -> builder.path(null));
    assertRefused("path", () -> builder.path(" "));
    assertRefused("pingInterval", () -> builder.heartbeat(Duration.ZERO, Duration.ofSeconds(1)));
    assertRefused("pingTimeout", () -> builder.heartbeat(Duration.ofSeconds(1), null));
    assertRefused("handshakeTimeout", () -> builder.handshakeTimeout(Duration.ofMillis(-1)));
    assertRefused("allowedOrigins", () -> builder.allowedOrigins());
    assertRefused("allowedOrigins", () -> builder.allowedOrigins("https://a.example", null));
    assertRefused("maxSessionsPerConnection", () -> builder.maxSessionsPerConnection(0));
    assertRefused("maxWatchesPerConsumer", () -> builder.maxWatchesPerConsumer(-1));
    assertRefused("maxRoomsPerConsumer", () -> builder.maxRoomsPerConsumer(0));
    assertRefused("maxPublishersPerApp", () -> builder.maxPublishersPerApp(0));
    assertRefused("maxTargetsPerPublish", () -> builder.maxTargetsPerPublish(0));
    assertRefused("maxConnectionsPerIp", () -> builder.maxConnectionsPerIp(-1));
    assertRefused("maxRequestsPerSecond", () -> builder.maxRequestsPerSecond(-1));
    builder.port(0).port(65535).maxMessageBytes(1);
    builder.clockSkew(Duration.ZERO).consumerGracePeriod(Duration.ofNanos(1));
    builder.recoveryWindow(1, Duration.ofNanos(1));
    // Huge values are fine: they saturate.
    builder.port(0).clockSkew(Duration.ofSeconds(Long.MAX_VALUE)).consumerGracePeriod(
        Duration.ofSeconds(Long.MAX_VALUE))
        .recoveryWindow(Integer.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE)).start().close();
  }

  private static void assertRefused(String expectedMessagePart, Executable executable) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(expectedMessagePart),
        () -> "'" + e.getMessage() + "' does not name " + expectedMessagePart);
  }

  private static List<Thread> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
        .collect(Collectors.toList());
  }

  /** Polls {@code condition} until it holds or 10 s pass. */
  static void await(BooleanSupplier condition, Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RawClient.TIMEOUT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, message);
      Thread.sleep(10); // polling interval only; the deadline bounds the wait
    }
  }
}
