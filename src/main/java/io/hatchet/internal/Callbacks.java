package io.hatchet.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The callback executor: the user's, or one daemon thread of our own that we shut down. */
final class Callbacks {
  private final Executor executor;
  private final ExecutorService owned;

  Callbacks(Executor userExecutor, String label) {
    if (userExecutor != null) {
      this.executor = userExecutor;
      this.owned = null;
    } else {
      this.owned = Executors.newSingleThreadExecutor(
          Threads.daemon(label.replace("hatchet-", "hatchet-callbacks-")));
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
    if (Thread.currentThread().getName().startsWith("hatchet-callbacks-")) return;
    try {
      owned.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
