package io.hatchet.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.internal.Threads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopTest {
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      Threads.daemon("loop-test-io"));
  private final Loop loop = new Loop(thread, Runnable::run);

  @AfterEach void shutDown() {
    loop.shutdown();
  }

  @Test void anIdleLoopRunsATaskOnTheCallersThreadAndSaysSo() {
    List<Boolean> inLoop = new ArrayList<>();
    Thread caller = Thread.currentThread();
    List<Thread> ranOn = new ArrayList<>();
    loop.execute(() -> {
      ranOn.add(Thread.currentThread());
      inLoop.add(loop.inLoop());
    });
    assertEquals(List.of(caller), ranOn);
    assertEquals(List.of(true), inLoop);
    assertFalse(loop.inLoop(), "not in the loop once the task is done");
  }

  @Test void aTaskHandedOverFromATaskRunsAfterItNotInsideIt() {
    List<String> order = new ArrayList<>();
    loop.execute(() -> {
      loop.execute(() -> order.add("second"));
      order.add("first");
    });
    assertEquals(List.of("first", "second"), order);
  }

  @Test void tasksFromManyThreadsRunOneAtATimeAndInEachThreadsOrder() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<List<Integer>> seen = new ArrayList<>();
    for (int t = 0; t < threads; t++) seen.add(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(threads * perThread);
    ExecutorService senders = Executors.newFixedThreadPool(threads, Threads.pool("sender"));
    try {
      for (int t = 0; t < threads; t++) {
        int sender = t;
        senders.execute(() -> {
          for (int i = 0; i < perThread; i++) {
            int n = i;
            loop.execute(() -> {
              if (running.incrementAndGet() != 1) overlaps.incrementAndGet();
              seen.get(sender).add(n); // unsynchronized: safe only if tasks never overlap
              running.decrementAndGet();
              done.countDown();
            });
          }
        });
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "not all tasks ran: " + done.getCount());
    } finally {
      senders.shutdown();
    }
    assertEquals(0, overlaps.get(), "tasks overlapped");
    for (List<Integer> numbers : seen) {
      assertEquals(perThread, numbers.size());
      for (int i = 0; i < perThread; i++) assertEquals(i, numbers.get(i));
    }
  }

  @Test void aCallerDrainsABoundedBatchAndTheLoopsThreadTheRest() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    int tasks = Loop.MAX_BATCH * 3;
    loop.execute(() -> {
      // Queued behind this task: the caller runs some, then hands the rest over.
      for (int i = 0; i < tasks; i++) {
        int n = i;
        loop.execute(() -> {
          threadNames.add(Thread.currentThread().getName());
          order.add(n);
          if (n == tasks - 1) done.countDown();
        });
      }
    });
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(threadNames.contains(Thread.currentThread().getName()), () -> "" + threadNames);
    assertTrue(threadNames.stream().anyMatch(name -> name.startsWith("loop-test-io")),
        () -> "never handed to the loop's thread: " + threadNames);
    for (int i = 0; i < tasks; i++) assertEquals(i, order.get(i));
  }

  @Test void aHandedOffTaskRunsOnTheLoopsThread() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    List<String> names = Collections.synchronizedList(new ArrayList<>());
    loop.handOff(() -> {
      names.add(Thread.currentThread().getName());
      ran.countDown();
    });
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    assertTrue(names.get(0).startsWith("loop-test-io"), () -> "ran on " + names);
  }

  @Test void afterShutdownTasksAreDropped() {
    loop.shutdown();
    AtomicInteger ran = new AtomicInteger();
    loop.execute(ran::incrementAndGet);
    loop.handOff(ran::incrementAndGet);
    assertEquals(0, ran.get());
  }
}
