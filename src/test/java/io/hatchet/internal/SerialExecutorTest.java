package io.hatchet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.TestLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One callback lane alone: one task at a time, in order, never on the caller's thread. */
class SerialExecutorTest {
  private static final int TASKS = 10_000;
  private static final int SUBMITTERS = 4;

  private final ExecutorService pool = Executors.newFixedThreadPool(8, runnable -> {
    Thread thread = new Thread(runnable, "test-delegate");
    thread.setDaemon(true);
    return thread;
  });

  /** Counts the tasks running at once, and remembers the most there ever were. */
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  /** The threads the tasks ran on. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  @AfterEach void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
  }

  /** A task that notes when and where it runs, then {@code body}, then counts {@code done}. */
  private Runnable task(Runnable body, CountDownLatch done) {
    return () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      threads.add(Thread.currentThread());
      try {
        body.run();
      } finally {
        running.decrementAndGet();
        done.countDown();
      }
    };
  }

  /**
   * What is logged while {@code body} runs: in the tests slf4j-simple writes to target/test.log
   * (see pom.xml), a line at a time.
   */
  private static String loggedDuring(Executable body) throws Throwable {
    long mark = TestLog.mark();
    body.execute();
    return TestLog.since(mark);
  }

  /** Waits for the fallback threads among {@link #threads} to end. */
  private void joinFallbackThreads() throws InterruptedException {
    for (Thread thread : threads) {
      if (!thread.getName().startsWith("hatchet-callbacks-late")) continue;
      thread.join(TimeUnit.SECONDS.toMillis(Await.SECONDS));
      assertFalse(thread.isAlive(), thread + " still runs");
    }
  }

  @Test void tasksRunOneAtATimeInSubmissionOrder() {
    SerialExecutor lane = new SerialExecutor(pool);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int n = i;
      lane.execute(task(() -> order.add(n), done));
    }
    Await.latch(done);
    assertEquals(1, mostAtOnce.get(), "tasks at once");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) expected.add(i);
    assertEquals(expected, order);
    assertFalse(threads.contains(Thread.currentThread()), "a task ran on the submitting thread");
  }

  /**
   * Submits {@link #TASKS} tasks to {@code lane} from {@link #SUBMITTERS} threads at once, waits
   * for them, and checks that they ran one at a time, each submitter's in its order. Returns the
   * submitting threads.
   */
  private List<Thread> runFromSeveralThreads(SerialExecutor lane) {
    int perSubmitter = TASKS / SUBMITTERS;
    List<int[]> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(TASKS);
    List<Thread> submitters = Concurrently.run(SUBMITTERS, submitter -> {
      for (int i = 0; i < perSubmitter; i++) {
        int n = i;
        lane.execute(task(() -> order.add(new int[] {submitter, n}), done));
      }
      return Thread.currentThread();
    });
    Await.latch(done);

    assertEquals(1, mostAtOnce.get(), "tasks at once");
    assertEquals(TASKS, order.size());
    int[] next = new int[SUBMITTERS];
    for (int[] ran : order) {
      assertEquals(next[ran[0]], ran[1], "submitter " + ran[0] + "'s order");
      next[ran[0]]++;
    }
    return submitters;
  }

  @Test void tasksFromSeveralThreadsRunOneAtATimeEachInItsSubmittersOrder() {
    for (Thread submitter : runFromSeveralThreads(new SerialExecutor(pool))) {
      assertFalse(threads.contains(submitter), "a task ran on its submitting thread");
    }
  }

  @Test void aTaskThatThrowsDoesNotStopLaterTasks() throws Throwable {
    SerialExecutor lane = new SerialExecutor(pool);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(4);
    String log = loggedDuring(() -> {
      lane.execute(task(() -> ran.add("first"), done));
      lane.execute(task(() -> {
        throw new IllegalStateException("a handler's bug");
      }, done));
      lane.execute(task(() -> {
        throw new AssertionError("an error, not an exception");
      }, done));
      lane.execute(task(() -> ran.add("last"), done));
      Await.latch(done);
    });
    assertEquals(List.of("first", "last"), ran);
    assertTrue(log.contains("hatchet callback threw"), log);
    assertTrue(log.contains("a handler's bug"), log);
    assertTrue(log.contains("an error, not an exception"), log);
  }

  @Test void aDelegateThatRefusesStillGetsTheTasksRunOnAThreadOfTheirOwn() throws Exception {
    AtomicInteger refusals = new AtomicInteger();
    SerialExecutor lane = new SerialExecutor(runnable -> {
      refusals.incrementAndGet();
      throw new RejectedExecutionException("shut down");
    });
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(100);
    for (int i = 0; i < 100; i++) {
      int n = i;
      lane.execute(task(() -> order.add(n), done));
    }
    Await.latch(done);
    joinFallbackThreads();

    assertTrue(refusals.get() >= 1);
    assertEquals(100, order.size());
    for (int i = 0; i < 100; i++) assertEquals(i, order.get(i));
    assertEquals(1, mostAtOnce.get(), "tasks at once");
    assertFalse(threads.contains(Thread.currentThread()), "a task ran on the submitting thread");
    for (Thread thread : threads) {
      assertTrue(thread.getName().startsWith("hatchet-callbacks-late"), thread.getName());
    }
  }

  @Test void aShutDownExecutorStillGetsTheTasksRun() throws Exception {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    SerialExecutor lane = new SerialExecutor(closed);
    CountDownLatch done = new CountDownLatch(1);
    lane.execute(task(() -> { }, done));
    Await.latch(done);
    joinFallbackThreads();
    assertEquals(1, threads.size());
    assertNotSame(Thread.currentThread(), threads.iterator().next());
  }

  @Test void aDelegateThatThrowsStillGetsTheTasksRunAndIsLogged() throws Throwable {
    Executor broken = runnable -> {
      throw new IllegalStateException("a user's broken executor");
    };
    SerialExecutor lane = new SerialExecutor(broken);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(2);
    String log = loggedDuring(() -> {
      lane.execute(task(() -> ran.add("a"), done));
      lane.execute(task(() -> ran.add("b"), done));
      Await.latch(done);
    });
    joinFallbackThreads();

    assertEquals(List.of("a", "b"), ran);
    assertFalse(threads.contains(Thread.currentThread()), "a task ran on the submitting thread");
    assertTrue(log.contains("the callback executor threw"), log);
    assertTrue(log.contains("a user's broken executor"), log);
  }

  @Test void aLaneGoesBackToItsDelegateAfterAFallback() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Semaphore drained = new Semaphore(0);
    SerialExecutor lane = new SerialExecutor(runnable -> {
      if (calls.incrementAndGet() % 2 == 0) throw new RejectedExecutionException("busy");
      pool.execute(() -> {
        runnable.run();
        drained.release();
      });
    });
    List<String> ranOn = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      CountDownLatch done = new CountDownLatch(1);
      Thread[] thread = new Thread[1];
      lane.execute(task(() -> thread[0] = Thread.currentThread(), done));
      Await.latch(done);
      // Wait for the lane to be idle, so that the next task goes to the delegate again.
      if (thread[0].getName().startsWith("hatchet-callbacks-late")) {
        thread[0].join(TimeUnit.SECONDS.toMillis(Await.SECONDS));
        assertFalse(thread[0].isAlive(), thread[0] + " still runs");
      } else {
        assertTrue(drained.tryAcquire(Await.SECONDS, TimeUnit.SECONDS), "drain did not end");
      }
      ranOn.add(thread[0].getName().replaceAll("-[0-9]+$", ""));
    }
    assertEquals(20, calls.get(), "one delegate call a task");
    for (int round = 0; round < 20; round++) {
      assertEquals(round % 2 == 0 ? "test-delegate" : "hatchet-callbacks-late", ranOn.get(round),
          "round " + round);
    }
    assertFalse(threads.contains(Thread.currentThread()), "a task ran on the submitting thread");
  }
}
