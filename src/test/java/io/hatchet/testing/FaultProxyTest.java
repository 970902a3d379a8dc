package io.hatchet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.HatchetHub;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@HatchetHubTest(apps = @TestApp(name = FaultProxyTest.APP, consumerKeys = FaultProxyTest.CONSUMER_KEY,
    contributorKeys = FaultProxyTest.CONTRIBUTOR_KEY))
class FaultProxyTest {
  static final String APP = "proxied";
  static final String CONSUMER_KEY = "proxied-consumer";
  static final String CONTRIBUTOR_KEY = "proxied-contributor";
  private static final Duration WAIT = Duration.ofSeconds(Await.SECONDS);
  private static final Duration QUIET = Duration.ofMillis(300);

  private FaultProxy proxy;
  private final Set<Hatchet> proxied = new HashSet<>();
  private final EventRecorder events = new EventRecorder();

  @BeforeEach
  void watchDirectly(HatchetHub hub, Hatchet direct) {
    proxy = FaultProxy.to(hub);
    Await.get(events.watch(direct.consumer(APP, CONSUMER_KEY), "log"));
  }

  @AfterEach
  void close() {
    proxied.forEach(Hatchet::close);
    proxy.close();
  }

  /** A contributor whose connection goes through {@code link}. */
  private Contributor contributorThrough(FaultProxy link) {
    Hatchet hatchet = Hatchet.builder(link.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100))
        .build();
    proxied.add(hatchet);
    return hatchet.contributor(APP, CONTRIBUTOR_KEY);
  }

  private Contributor proxiedContributor() {
    Contributor contributor = contributorThrough(proxy);
    Await.get(contributor.ready());
    return contributor;
  }

  @Test
  void aCutConnectionIsOpenedAgainAndCarriesOn() {
    Contributor contributor = proxiedContributor();
    assertEquals(1, proxy.openConnections());

    assertEquals(1, proxy.cut());

    assertEquals(1, Await.get(contributor.broadcast("log", Map.of("line", 1))));
    assertEquals("{\"line\":1}", events.takeEvent(WAIT).json());
    assertEquals(2, proxy.acceptedConnections(), "the client connected again");
    assertEquals(1, proxy.openConnections(), "the cut connection is gone");
  }

  @Test
  void aStallHoldsWhatIsSentUntilResumedAndLosesNothing() {
    Contributor contributor = proxiedContributor();
    proxy.stall();
    assertTrue(proxy.isStalled());
    long before = proxy.bytesFromClients();

    CompletableFuture<Integer> sent = contributor.broadcast("log", "held");
    Await.until(() -> proxy.bytesFromClients() > before, "the broadcast left the client");
    events.assertNoMoreEvents(QUIET);
    assertFalse(sent.isDone(), "answered through a stalled proxy");

    proxy.resume();
    assertEquals(1, Await.get(sent));
    assertEquals("\"held\"", events.takeEvent(WAIT).json());
    assertEquals(1, proxy.acceptedConnections(), "the connection lived through the stall");
  }

  @Test
  void aStalledProxyHoldsNewConnectionsAwayFromTheHub(HatchetHub hub) {
    proxy.stall();
    Contributor contributor = contributorThrough(proxy);
    Await.until(() -> proxy.acceptedConnections() >= 1, "the client connected to the proxy");
    assertEquals(1, hub.connectionCount(), "only the direct Hatchet reached the hub");

    proxy.resume();
    Await.get(contributor.ready());
    assertEquals(2, hub.connectionCount());
  }

  @Test
  void aSlowProxyDelaysEachChunkEachWay() {
    Contributor contributor = proxiedContributor();
    proxy.slow(Duration.ofMillis(200));

    long start = System.nanoTime();
    Await.get(contributor.broadcast("log", "slow"));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertTrue(millis >= 400, "a round trip through two delays took " + millis + " ms");
    events.takeEvent(WAIT);
    proxy.slow(Duration.ZERO);
  }

  @Test
  void connectionsPastTheBoundAreClosedAtOnce() throws Exception {
    proxy.maxConnections(1);
    try (Socket first = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      second.setSoTimeout((int) WAIT.toMillis());
      InputStream in = second.getInputStream();
      assertEquals(-1, in.read(), "the connection past the bound was closed");
      assertEquals(1, proxy.refusedConnections());
      assertEquals(1, proxy.openConnections());
      assertFalse(first.isClosed());
    }
  }

  @Test
  void closeEndsEveryThreadOfTheProxyEvenWhileSlowAndIsIdempotent(HatchetHub hub) {
    Set<Thread> before = proxyThreads();
    FaultProxy link = FaultProxy.to(hub);
    Contributor contributor = contributorThrough(link);
    Await.get(contributor.ready());
    link.slow(Duration.ofSeconds(30));
    contributor.broadcast("log", "held by the slow link");
    // one thread accepting, two forwarding
    Await.until(() -> proxyThreads().size() >= before.size() + 3, "the proxy's threads run");
    Await.until(() -> link.bytesFromClients() > 0, "the broadcast is held");
    Set<Thread> started = new HashSet<>(proxyThreads());
    started.removeAll(before);

    long start = System.nanoTime();
    link.close();
    link.close();

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000, "close is bounded");
    Set<String> alive = started.stream().filter(Thread::isAlive).map(Thread::getName)
        .collect(Collectors.toSet());
    assertEquals(Set.of(), alive);
    assertTrue(started.stream().allMatch(Thread::isDaemon));
  }

  @Test
  void badArgumentsAreRefusedAtTheCall() {
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.to(null));
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.to(" ", 80));
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.to("127.0.0.1", 0));
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.to("127.0.0.1", 65_536));
    assertThrows(IllegalArgumentException.class, () -> proxy.slow(null));
    assertThrows(IllegalArgumentException.class, () -> proxy.slow(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> proxy.maxConnections(0));
    assertThrows(IllegalArgumentException.class, () -> proxy.receiveBuffer(0));
  }

  private static Set<Thread> proxyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith("fault-proxy-"))
        .collect(Collectors.toSet());
  }
}
