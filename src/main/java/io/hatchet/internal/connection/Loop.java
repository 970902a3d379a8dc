package io.hatchet.internal.connection;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The connection's one logical thread: runs its tasks one at a time, in the order they were
 * handed over, on whichever thread hands one over while none is running. So a send goes out on
 * the caller's thread and what OkHttp reads is handled on its reader thread, without a hand-off
 * to another thread and the wake-up that costs, and still nothing of the connection's state is
 * ever touched by two threads at once. While a task runs, {@link #inLoop} is true on its thread.
 *
 * <p>A thread that found work waiting drains at most {@link #MAX_BATCH} tasks, then hands the
 * rest to the connection's own thread ({@code hatchet-N-io}), so that a caller never stays
 * trapped serving others. Timers hand their tasks to that thread too ({@link #handOff}): the timer
 * thread, shared by every Hatchet of the JVM, never drains. Tasks are the library's own, short,
 * never blocking; user code never runs here.
 */
final class Loop {
  static final int MAX_BATCH = 64;
  /** The owner while the drain is handed to the loop's thread and has not started there yet. */
  private static final Thread HANDED_OFF = new Thread("hatchet-loop-handed-off");

  private final ExecutorService thread;
  private final Consumer<Runnable> runner;
  // Guarded by this.
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean shut;
  private volatile Thread owner;

  /**
   * @param thread the loop's own thread, for what callers leave and timers hand over
   * @param runner runs one task, catching what it throws
   */
  Loop(ExecutorService thread, Consumer<Runnable> runner) {
    this.thread = thread;
    this.runner = runner;
  }

  /** Whether the caller is running a task of this loop. */
  boolean inLoop() {
    return owner == Thread.currentThread();
  }

  /**
   * Queues {@code task}; if no task is running, runs it and what else is queued on this thread.
   * Called from a task, it runs after that task, never inside it.
   */
  void execute(Runnable task) {
    synchronized (this) {
      if (shut) return;
      tasks.add(task);
      if (owner != null) return;
      owner = Thread.currentThread();
    }
    drain(MAX_BATCH);
  }

  /** Queues {@code task} to run on the loop's own thread, if no other thread is draining. */
  void handOff(Runnable task) {
    synchronized (this) {
      if (shut) return;
      tasks.add(task);
      if (owner != null) return;
      owner = HANDED_OFF;
    }
    startOnThread();
  }

  /** From now on, tasks are dropped: the connection is closed, and they have nobody to serve. */
  void shutdown() {
    synchronized (this) {
      shut = true;
      tasks.clear();
    }
    thread.shutdown();
  }

  private void drain(int budget) {
    for (int ran = 0; ; ran++) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          owner = null;
          return;
        }
        if (ran == budget) {
          tasks.addFirst(task);
          owner = HANDED_OFF;
          break;
        }
      }
      runner.accept(task);
    }
    startOnThread();
  }

  private void startOnThread() {
    try {
      thread.execute(() -> {
        synchronized (this) {
          owner = Thread.currentThread();
        }
        drain(Integer.MAX_VALUE);
      });
    } catch (RejectedExecutionException e) {
      // Closed: the close ended every session; what is left has nobody to serve.
      synchronized (this) {
        tasks.clear();
        owner = null;
      }
    }
  }
}
