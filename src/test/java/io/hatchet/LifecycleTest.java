package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Closing, threads and callbacks of the client, against the real embedded hub. */
class LifecycleTest {
  private HatchetHub hub;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void startHub() {
    hub = HatchetHub.builder().port(0)
        .app(App.named("demo").consumerKey("ckey").contributorKey("kkey"))
        .maxMessageBytes(1024)
        .start();
  }

  @AfterEach
  void closeAll() {
    Collections.reverse(toClose); // clients before proxies
    for (AutoCloseable closeable : toClose) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // cleanup only
      }
    }
    hub.close();
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  private Hatchet.Builder client(String url) {
    return Hatchet.builder(url).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100));
  }

  private Hatchet connect(String url) {
    return closeLater(client(url).build());
  }

  // 1. close() is idempotent and bounded.

  @Test
  void closeIsIdempotentAndBounded() throws Exception {
    Hatchet hatchet = connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Await.get(consumer.watch("log", data -> { }));
    for (int i = 0; i < 3; i++) {
      assertBounded(hatchet::close, "close() #" + (i + 1));
    }
    assertFalse(hatchet.isConnected());
    assertThrows(IllegalStateException.class, () -> hatchet.consumer("demo", "ckey"));
  }

  @Test
  void concurrentClosesAreBoundedAndBothReturn() throws Exception {
    Hatchet hatchet = connect(hub.url());
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
    Hatchet hatchet = connect(hub.url());
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
    TcpProxy proxy = closeLater(new TcpProxy(hub.port()));
    Hatchet hatchet = connect(proxy.url());
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
    Hatchet hatchet = connect(hub.url());
    hatchet.close();
    assertThrows(IllegalStateException.class, () -> hatchet.consumer("demo", "ckey"));
    assertThrows(IllegalStateException.class, () -> hatchet.contributor("demo", "kkey"));
  }

  @Test
  void requestsOnAClosedHatchetFailWithClosedException() {
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonFactory("test-callbacks"));
    try {
      requestsAfterClose(client(hub.url()).callbackExecutor(executor));
    } finally {
      executor.shutdownNow();
    }
  }

  /*
   * BUG (Session.enqueue / SerialExecutor / Transport.close): with the default callback
   * executor, close() shuts that executor down; a request made afterwards is failed on the
   * transport thread, SerialExecutor.execute gets RejectedExecutionException, logs "callbacks
   * are lost", and the future never completes.
   */
  @Test
  void requestsOnAClosedHatchetFailWithClosedExceptionWithTheDefaultExecutor() {
    requestsAfterClose(client(hub.url()));
  }

  private void requestsAfterClose(Hatchet.Builder builder) {
    Hatchet hatchet = closeLater(builder.build());
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
    Hatchet hatchet = connect(hub.url());
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

  @Test
  void noHandlerRunsAfterConsumerCloseReturns() throws Exception {
    Hatchet hatchet = connect(hub.url());
    Consumer closing = hatchet.consumer("demo", "ckey");
    Consumer open = hatchet.consumer("demo", "ckey");
    AtomicInteger closingCalls = new AtomicInteger();
    CountDownLatch closingGotOne = new CountDownLatch(1);
    BlockingQueue<Integer> openReceived = new LinkedBlockingQueue<>();
    Await.get(closing.watch("log", data -> {
      closingCalls.incrementAndGet();
      closingGotOne.countDown();
    }));
    Await.get(open.watch("log", data -> openReceived.add(data.getAsInt())));
    Contributor contributor = hatchet.contributor("demo", "kkey");
    assertEquals(2, Await.get(contributor.broadcast("log", 0)));
    assertEquals(0, poll(openReceived));
    Await.latch(closingGotOne);

    closing.close();
    // The hub handles requests in order: the end goes before these publishes.
    for (int n = 1; n <= 5; n++) {
      assertEquals(1, Await.get(contributor.broadcast("log", n)), "routed to a closed consumer");
    }
    for (int n = 1; n <= 5; n++) assertEquals(n, poll(openReceived));
    assertEquals(1, closingCalls.get(), "a handler ran after close() returned");
  }

  /*
   * BUG (RealConsumer.dispatch): close() clears the watcher map, but a dispatch already running
   * iterates the list it read before, and checks `closed` only once, before the loop. So when
   * close() is called while one handler of an event runs, the next handlers of that event are
   * still called, after close() has returned.
   */
  @Test
  void handlersOfAnEventOnTheirWayAreNotCalledAfterCloseReturns() throws Exception {
    Hatchet hatchet = connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch closeReturned = new CountDownLatch(1);
    AtomicInteger secondCalls = new AtomicInteger();
    Await.get(consumer.watch("log", data -> {
      firstRunning.countDown();
      awaitQuietly(closeReturned);
    }));
    Await.get(consumer.watch("log", data -> secondCalls.incrementAndGet()));
    Fence fence = new Fence(hatchet);
    Contributor contributor = hatchet.contributor("demo", "kkey");
    // Not awaited: its completion waits behind the blocked handler on the one callback thread.
    CompletableFuture<Integer> sent = contributor.broadcast("log", 1);

    Await.latch(firstRunning);
    consumer.close();
    closeReturned.countDown();
    assertEquals(1, Await.get(sent));
    fence.pass(contributor);
    assertEquals(0, secondCalls.get(), "a handler was called after consumer.close() returned");
  }

  /* BUG (RealConsumer.dispatch, same cause): unwatch() from a handler. */
  @Test
  void unwatchFromAHandlerStopsTheOtherHandlersOfTheEvent() throws Exception {
    Hatchet hatchet = connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    AtomicInteger secondCalls = new AtomicInteger();
    Await.get(consumer.watch("log", data -> consumer.unwatch("log")));
    Await.get(consumer.watch("log", data -> secondCalls.incrementAndGet()));
    Fence fence = new Fence(hatchet);
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(contributor.broadcast("log", 1));
    fence.pass(contributor);
    assertEquals(0, secondCalls.get(),
        "a handler was called after unwatch() of its event returned");
  }

  // 3. close() with hundreds of requests waiting.

  @Test
  void closeEndsEveryWaitingRequestOnceWithClosedException() throws Exception {
    TcpProxy proxy = closeLater(new TcpProxy(hub.port()));
    Hatchet hatchet = connect(proxy.url());
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
    Hatchet first = connect(hub.url());
    Hatchet second = connect(hub.url());
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

  @Test
  void callersExecutorIsNotShutDown() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonFactory("test-callbacks"));
    try {
      Hatchet hatchet = connect(hub.url());
      Hatchet own = closeLater(client(hub.url()).callbackExecutor(executor).build());
      BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
      Await.get(own.consumer("demo", "ckey").watch("log", data -> received.add(data.getAsInt())));
      assertEquals(1, Await.get(hatchet.contributor("demo", "kkey").broadcast("log", 3)));
      assertEquals(3, poll(received));

      own.close();
      assertFalse(executor.isShutdown(), "close() shut down the caller's executor");
      assertEquals("still works", executor.submit(() -> "still works").get(5, TimeUnit.SECONDS));
    } finally {
      executor.shutdownNow();
    }
  }

  // 5. A JVM whose main returns exits by itself.

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"client-first", "hub-first"})
  void childJvmExitsAfterClose(String order, @TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File output = dir.resolve("out.txt").toFile();
    Process process = new ProcessBuilder(java,
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        ExitProbe.class.getName(), order)
        .redirectErrorStream(true)
        .redirectOutput(output)
        .start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        String dump = threadDump(process.pid());
        fail("the child JVM did not exit within 30 s of starting; output:\n" + read(output)
            + "\nthreads:\n" + dump);
      }
      String out = read(output);
      assertEquals(0, process.exitValue(), out);
      assertTrue(out.contains("received"), out);
      assertTrue(out.contains("closed"), out);
    } finally {
      process.destroyForcibly();
    }
  }

  // 6. Callback threads.

  @Test
  void callbacksRunOnTheHatchetsCallbackThread() throws Exception {
    TcpProxy proxy = closeLater(new TcpProxy(hub.port()));
    Hatchet hatchet = connect(proxy.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Contributor contributor = hatchet.contributor("demo", "kkey");
    CompletableFuture<String> handlerThread = new CompletableFuture<>();
    Await.get(consumer.watch("log", data -> handlerThread.complete(threadName())));
    Await.get(contributor.ready());

    // Stalled, the answer cannot come before thenRun is attached: it runs where the library
    // completes the future, not on this thread.
    proxy.stall();
    CompletableFuture<String> futureThread = new CompletableFuture<>();
    CompletableFuture<Integer> sent = contributor.broadcast("log", 1);
    sent.thenRun(() -> futureThread.complete(threadName()));
    proxy.resume();

    // Not sent.get(): a thread waiting in get() may run the dependents itself.
    for (String name : List.of(Await.get(handlerThread), Await.get(futureThread))) {
      assertTrue(name.startsWith("hatchet-callbacks"), "ran on " + name);
    }
    assertEquals(1, sent.join());
  }

  @Test
  void callersExecutorRunsCallbacksInOrderPerConsumer() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4, daemonFactory("test-callbacks"));
    try {
      TcpProxy proxy = closeLater(new TcpProxy(hub.port()));
      Hatchet hatchet = closeLater(client(proxy.url()).callbackExecutor(executor).build());
      int count = 500;
      List<Recorder> recorders = List.of(new Recorder(count), new Recorder(count));
      for (Recorder recorder : recorders) {
        Await.get(hatchet.consumer("demo", "ckey").watch("seq", recorder::handle));
      }
      Contributor contributor = hatchet.contributor("demo", "kkey");
      Await.get(contributor.ready());

      proxy.stall(); // every answer comes after its future has its callback
      List<Integer> completions = new CopyOnWriteArrayList<>();
      CountDownLatch completed = new CountDownLatch(count);
      Set<String> futureThreads = ConcurrentHashMap.newKeySet();
      List<CompletableFuture<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        CompletableFuture<Integer> sent = contributor.broadcast("seq", n);
        sent.thenRun(() -> {
          completions.add(n);
          futureThreads.add(threadName());
          completed.countDown();
        });
        sends.add(sent);
      }
      proxy.resume();

      // The latch first: a thread waiting in get() may run a future's dependents itself.
      Await.latch(completed);
      for (CompletableFuture<Integer> sent : sends) assertEquals(2, sent.join());
      List<Integer> expected = IntStream.range(0, count).boxed().collect(Collectors.toList());
      for (Recorder recorder : recorders) {
        Await.latch(recorder.done);
        assertEquals(expected, recorder.received, "deliveries out of order");
        assertFalse(recorder.overlapped.get(), "a consumer's handler ran twice at once");
        assertTrue(recorder.threads.stream().allMatch(t -> t.startsWith("test-callbacks")),
            "handlers ran on " + recorder.threads);
      }
      assertEquals(expected, completions, "futures completed out of order");
      assertTrue(futureThreads.stream().allMatch(t -> t.startsWith("test-callbacks")),
          "futures completed on " + futureThreads);
      hatchet.close(); // before the executor it fails its futures on is shut down
    } finally {
      executor.shutdownNow();
    }
  }

  // 7. A handler that throws.

  @Test
  void throwingHandlerIsReportedAndLaterDeliveriesGoOn() {
    AtomicReference<String> reported = new AtomicReference<>();
    RuntimeException boom = new IllegalStateException("boom");
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    HatchetListener listener = new HatchetListener() {
      @Override
      public void onCallbackError(String app, String event, Throwable error) {
        reported.set(app + "/" + event);
        errors.add(error);
      }
    };
    Hatchet hatchet = closeLater(client(hub.url()).listener(listener).build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("log", data -> {
      if (data.getAsInt() == 1) throw boom;
      received.add(data.getAsInt());
    }));
    Contributor contributor = hatchet.contributor("demo", "kkey");
    for (int n = 1; n <= 3; n++) Await.get(contributor.broadcast("log", n));

    assertEquals(2, poll(received));
    assertEquals(3, poll(received));
    // Reported on the callback thread before event 2 was handled.
    assertEquals("demo/log", reported.get());
    assertEquals(1, errors.size(), "errors: " + errors);
    assertSame(boom, errors.get(0));
  }

  @Test
  void undecodableDataIsReportedAndLaterDeliveriesGoOn() {
    List<String> reported = new CopyOnWriteArrayList<>();
    HatchetListener listener = new HatchetListener() {
      @Override
      public void onCallbackError(String app, String event, Throwable error) {
        reported.add(app + "/" + event);
      }
    };
    Hatchet hatchet = closeLater(client(hub.url()).listener(listener).build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    BlockingQueue<Point> received = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("point", Point.class, received::add));
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(contributor.broadcast("point", "not a point"));
    Await.get(contributor.broadcast("point", Map.of("x", 1, "y", 2)));
    assertEquals(new Point(1, 2), poll(received));
    assertEquals(List.of("demo/point"), reported);
  }

  record Point(int x, int y) {}

  // Helpers.

  /** Events of one consumer: their order, their threads, and whether two ever overlapped. */
  private static final class Recorder {
    final List<Integer> received = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicBoolean inside = new AtomicBoolean();
    final AtomicBoolean overlapped = new AtomicBoolean();
    final CountDownLatch done;

    Recorder(int count) {
      done = new CountDownLatch(count);
    }

    void handle(JsonElement data) {
      if (!inside.compareAndSet(false, true)) overlapped.set(true);
      threads.add(threadName());
      received.add(data.getAsInt());
      inside.set(false);
      done.countDown();
    }
  }

  /**
   * Proves that the callback thread has finished what was given to it before: a consumer of its
   * own on the same Hatchet (so the same single callback thread, in order) gets a later event.
   */
  private static final class Fence {
    private final BlockingQueue<Integer> passed = new LinkedBlockingQueue<>();

    Fence(Hatchet hatchet) {
      Await.get(hatchet.consumer("demo", "ckey").watch("fence", data -> passed.add(1)));
    }

    void pass(Contributor contributor) throws InterruptedException {
      Await.get(contributor.broadcast("fence", 1));
      poll(passed);
    }
  }

  private static void assertBounded(Runnable action, String what) {
    long t0 = System.nanoTime();
    action.run();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(millis < 5_000, what + " took " + millis + " ms");
  }

  private static <T> T poll(BlockingQueue<T> queue) {
    try {
      T value = queue.poll(Await.SECONDS, TimeUnit.SECONDS);
      if (value == null) fail("nothing arrived within " + Await.SECONDS + " s");
      return value;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(Await.SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("stuck");
    } catch (InterruptedException e) {
      throw new CompletionException(e);
    }
  }

  private static String threadName() {
    return Thread.currentThread().getName();
  }

  private static Set<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private static ThreadFactory daemonFactory(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String read(File file) throws IOException {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }

  private static String threadDump(long pid) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      Process dump = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
          .redirectErrorStream(true).start();
      dump.waitFor(10, TimeUnit.SECONDS);
      return new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }
}
