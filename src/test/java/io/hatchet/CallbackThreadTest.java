package io.hatchet;

import static io.hatchet.Queues.poll;
import static io.hatchet.TestThreads.awaitQuietly;
import static io.hatchet.TestThreads.daemonFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.FaultProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's callbacks, against the real embedded hub: which thread runs handlers and
 * completes futures, in what order, with the caller's executor too; no handler after
 * consumer.close() or unwatch() returns; a handler's exception is reported and delivery goes on.
 */
class CallbackThreadTest {
  private final LifecycleFixture fixture = new LifecycleFixture();
  private final HatchetHub hub = fixture.hub;

  @AfterEach
  void closeAll() {
    fixture.close();
  }

  // 1. No handler runs after close() or unwatch() returns.

  @Test
  void noHandlerRunsAfterConsumerCloseReturns() throws Exception {
    Hatchet hatchet = fixture.connect(hub.url());
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

  @Test
  void handlersOfAnEventOnTheirWayAreNotCalledAfterCloseReturns() throws Exception {
    Hatchet hatchet = fixture.connect(hub.url());
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

  @Test
  void unwatchFromAHandlerStopsTheOtherHandlersOfTheEvent() throws Exception {
    Hatchet hatchet = fixture.connect(hub.url());
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

  // 2. Callback threads and the caller's executor.

  @Test
  void callbacksRunOnTheHatchetsCallbackThread() throws Exception {
    FaultProxy proxy = fixture.closeLater(FaultProxy.to(hub));
    Hatchet hatchet = fixture.connect(proxy.url());
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
      assertTrue(name.matches("hatchet-\\d+-callbacks"), "ran on " + name);
    }
    assertEquals(1, sent.join());
  }

  @Test
  void callersExecutorRunsCallbacksInOrderPerConsumer() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4, daemonFactory("test-callbacks"));
    try {
      FaultProxy proxy = fixture.closeLater(FaultProxy.to(hub));
      Hatchet hatchet =
          fixture.closeLater(fixture.client(proxy.url()).callbackExecutor(executor).build());
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

  @Test
  void callersExecutorIsNotShutDown() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonFactory("test-callbacks"));
    try {
      Hatchet hatchet = fixture.connect(hub.url());
      Hatchet own =
          fixture.closeLater(fixture.client(hub.url()).callbackExecutor(executor).build());
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

  // 3. A handler that throws.

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
    Hatchet hatchet = fixture.closeLater(fixture.client(hub.url()).listener(listener).build());
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
    Hatchet hatchet = fixture.closeLater(fixture.client(hub.url()).listener(listener).build());
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

  private static String threadName() {
    return Thread.currentThread().getName();
  }
}
