package io.hatchet.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The callback executor: the user's, or one daemon thread of our own that we shut down. */
final class Callbacks {
  private final Executor executor;
  private final ExecutorService owned;
  private final String threadName;

  Callbacks(Executor userExecutor, String label) {
    if (userExecutor != null) {
      this.executor = userExecutor;
      this.owned = null;
      this.threadName = null;
    } else {
      this.threadName = label + "-callbacks";
      this.owned = Executors.newSingleThreadExecutor(Threads.daemon(threadName));
      this.executor = owned;
    }
  }

  Executor executor() {
    return executor;
  }

  /** Whether the executor is our own single thread, rather than the user's. */
  boolean owned() {
    return owned != null;
  }

  void close() {
    if (owned == null) return; // the user's executor stays theirs
    owned.shutdown(); // runs what is queued: the futures failed by close
    // Closed from a callback: the thread cannot wait for itself to end.
    if (Thread.currentThread().getName().equals(threadName)) return;
    try {
      owned.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
