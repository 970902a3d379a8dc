package io.hatchet;

import static io.hatchet.Queues.poll;
import static io.hatchet.TestThreads.awaitQuietly;
import static io.hatchet.TestThreads.daemonFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.FaultProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing the client, against the real embedded hub: close() is idempotent and bounded, fails
 * what waits and what comes after, and leaves no thread behind, so a JVM whose main returns exits.
 */
class CloseTest {
  private final LifecycleFixture fixture = new LifecycleFixture();
  private final HatchetHub hub = fixture.hub;

  @AfterEach
  void closeAll() {
    fixture.close();
  }

  // 1. close() is idempotent and bounded.

  @Test
  void closeIsIdempotentAndBounded() throws Exception {
    Hatchet hatchet = fixture.connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Await.get(consumer.watch("log", data -> { }));
    for (int i = 0; i < 3; i++) {
      assertBounded(hatchet::close, "close() #" + (i + 1));
    }
    assertFalse(hatchet.isConnected());
    assertThrows(IllegalStateException.class, () -> hatchet.consumer("demo", "ckey"));
  }

  @Test
  void closingTheHatchetEndsItsConsumersOnTheHub() throws Exception {
    Hatchet leaving = fixture.connect(hub.url());
    Await.get(leaving.consumer("demo", "ckey").watch("log", data -> { }));
    Hatchet staying = fixture.connect(hub.url());
    Contributor contributor = staying.contributor("demo", "kkey");
    assertEquals(1, Await.get(contributor.broadcast("log", 1)));

    leaving.close();
    Await.until(() -> hub.connectionCount() == 1, "the hub saw the connection close");
    // Ended, not disconnected: no grace period in which the hub would still route to it.
    assertEquals(0, Await.get(contributor.broadcast("log", 2)));
  }

  @Test
  void concurrentClosesAreBoundedAndBothReturn() throws Exception {
    Hatchet hatchet = fixture.connect(hub.url());
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(contributor.ready());
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Long>> closes = new ArrayList<>();
    ThreadFactory threads = daemonFactory("test-closer");
    for (int i = 0; i < 2; i++) {
      CompletableFuture<Long> closed = new CompletableFuture<>();
      threads.newThread(() -> {
        awaitQuietly(start);
        long t0 = System.nanoTime();
        hatchet.close();
        closed.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }).start();
      closes.add(closed);
    }
    start.countDown();
    for (CompletableFuture<Long> close : closes) {
      long millis = Await.get(close);
      assertTrue(millis < 5_000, "a concurrent close() took " + millis + " ms");
    }
    assertFalse(hatchet.isConnected());
    assertThrows(IllegalStateException.class, () -> hatchet.contributor("demo", "kkey"));
  }

  @Test
  void closeFromAHandlerReturns() {
    Hatchet hatchet = fixture.connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    CompletableFuture<Long> closed = new CompletableFuture<>();
    Await.get(consumer.watch("log", data -> {
      long t0 = System.nanoTime();
      hatchet.close(); // documented as safe on the callback thread
      closed.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }));
    Contributor contributor = hatchet.contributor("demo", "kkey");
    CompletableFuture<Integer> sent = contributor.broadcast("log", 1);
    long millis = Await.get(closed);
    assertTrue(millis < 5_000, "close() from a handler took " + millis + " ms");
    assertFalse(hatchet.isConnected());
    // Its answer may come before or after the close: it ends either way.
    Object outcome = Await.get(sent.handle((routed, error) -> error == null ? routed : error));
    assertTrue(outcome.equals(1) || outcome instanceof ClosedException, "ended with " + outcome);
  }

  @Test
  void closeIsBoundedWhileAHandlerBlocks() throws Exception {
    FaultProxy proxy = fixture.closeLater(FaultProxy.to(hub));
    Hatchet hatchet = fixture.connect(proxy.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    CountDownLatch handlerRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Await.get(consumer.watch("log", data -> {
      handlerRunning.countDown();
      awaitQuietly(release);
    }));
    Contributor contributor = hatchet.contributor("demo", "kkey");
    contributor.broadcast("log", 1); // its completion waits behind the handler
    Await.latch(handlerRunning);
    proxy.stall(); // the alias stays unanswered until close() fails it
    CompletableFuture<Void> waiting = consumer.alias("frederick");
    try {
      assertBounded(hatchet::close, "close() while a handler blocks the callback thread");
    } finally {
      release.countDown();
    }
    // Failed by close(), and completed once the callback thread is free again.
    Await.failure(waiting, ClosedException.class);
  }

  // 2. After close.

  @Test
  void closedHatchetMakesNoSessions() {
    Hatchet hatchet = fixture.connect(hub.url());
    hatchet.close();
    assertThrows(IllegalStateException.class, () -> hatchet.consumer("demo", "ckey"));
    assertThrows(IllegalStateException.class, () -> hatchet.contributor("demo", "kkey"));
  }

  @Test
  void requestsOnAClosedHatchetFailWithClosedException() {
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonFactory("test-callbacks"));
    try {
      requestsAfterClose(fixture.client(hub.url()).callbackExecutor(executor));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void requestsOnAClosedHatchetFailWithClosedExceptionWithTheDefaultExecutor() {
    requestsAfterClose(fixture.client(hub.url()));
  }

  private void requestsAfterClose(Hatchet.Builder builder) {
    Hatchet hatchet = fixture.closeLater(builder.build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(consumer.ready());
    Await.get(contributor.ready());
    hatchet.close();

    Await.failure(contributor.broadcast("log", 1), ClosedException.class);
    Await.failure(contributor.send("log", 1, "frederick"), ClosedException.class);
    Await.failure(consumer.watch("log", data -> { }), ClosedException.class);
    Await.failure(consumer.unwatch("log"), ClosedException.class);
    Await.failure(consumer.alias("frederick"), ClosedException.class);
  }

  @Test
  void closedConsumerFailsRequestsAndItsHatchetCarriesOn() {
    Hatchet hatchet = fixture.connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Await.get(consumer.ready());
    consumer.close();
    consumer.close(); // idempotent
    Await.failure(consumer.watch("log", data -> { }), ClosedException.class);
    Await.failure(consumer.alias("frederick"), ClosedException.class);

    Contributor closedContributor = hatchet.contributor("demo", "kkey");
    Await.get(closedContributor.ready());
    closedContributor.close();
    closedContributor.close();
    Await.failure(closedContributor.broadcast("log", 1), ClosedException.class);

    Consumer other = hatchet.consumer("demo", "ckey");
    Await.get(other.watch("log", data -> { }));
    assertEquals(1, Await.get(hatchet.contributor("demo", "kkey").broadcast("log", 1)));
  }

  // 3. close() with hundreds of requests waiting.

  @Test
  void closeEndsEveryWaitingRequestOnceWithClosedException() throws Exception {
    FaultProxy proxy = fixture.closeLater(FaultProxy.to(hub));
    Hatchet hatchet = fixture.connect(proxy.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(consumer.ready());
    Await.get(contributor.ready());
    proxy.stall(); // nothing answered from here on: everything stays in flight or queued

    // More than the 1,000 a session keeps in flight, so some are still queued.
    int count = 1_500;
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) futures.add(contributor.broadcast("log", Map.of("n", i)));
    for (int i = 0; i < 20; i++) futures.add(consumer.watch("event" + i, data -> { }));
    futures.add(consumer.alias("frederick"));
    AtomicInteger[] endings = new AtomicInteger[futures.size()];
    AtomicInteger closedFailures = new AtomicInteger();
    List<Throwable> others = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> counted = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      AtomicInteger ended = endings[i] = new AtomicInteger();
      counted.add(futures.get(i).whenComplete((value, error) -> {
        ended.incrementAndGet();
        if (error instanceof ClosedException) {
          closedFailures.incrementAndGet();
        } else {
          others.add(error == null ? new AssertionError("completed with " + value) : error);
        }
      }));
    }

    assertBounded(hatchet::close, "close() with " + futures.size() + " requests waiting");
    // The whenComplete stages: done once their counting has run.
    for (CompletableFuture<?> future : counted) Await.failure(future, ClosedException.class);
    for (CompletableFuture<?> future : futures) assertTrue(future.isCompletedExceptionally());
    assertEquals(List.of(), others);
    assertEquals(futures.size(), closedFailures.get());
    for (int i = 0; i < endings.length; i++) {
      assertEquals(1, endings[i].get(), "future " + i + " ended " + endings[i] + " times");
    }
  }

  // 4. No thread survives.

  @Test
  void noThreadSurvivesClose() {
    Hatchet first = fixture.connect(hub.url());
    Hatchet second = fixture.connect(hub.url());
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    Consumer consumer = second.consumer("demo", "ckey");
    Await.get(consumer.watch("log", data -> received.add(data.getAsInt())));
    assertEquals(1, Await.get(first.contributor("demo", "kkey").broadcast("log", 7)));
    assertEquals(7, poll(received));

    first.close();
    second.close();
    hub.close();
    String okHttp = "OkHttp http://127.0.0.1:" + hub.port(); // OkHttp renames busy threads
    Await.until(() -> Await.hatchetThreads().isEmpty() && threads(okHttp).isEmpty(),
        "threads left: " + Await.hatchetThreads() + " " + threads(okHttp));
  }

  // 5. A JVM whose main returns exits by itself.

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"client-first", "hub-first"})
  void childJvmExitsAfterClose(String order, @TempDir Path dir) throws Exception {
    String out = ChildJvm.run(ExitProbe.class, dir, order);
    assertTrue(out.contains("received"), out);
    assertTrue(out.contains("closed"), out);
  }

  // Helpers.

  private static void assertBounded(Runnable action, String what) {
    long t0 = System.nanoTime();
    action.run();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(millis < 5_000, what + " took " + millis + " ms");
  }

  private static Set<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }
}
