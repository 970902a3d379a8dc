package io.hatchet;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** For threads a test starts, and for handlers a test blocks on purpose. */
final class TestThreads {
  private TestThreads() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, ... */
  static ThreadFactory daemonFactory(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Waits for {@code latch} where a checked exception cannot go, like a handler or a Runnable:
   * throws an unchecked exception if it is not open after {@link Await#SECONDS}.
   */
  static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(Await.SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("stuck");
    } catch (InterruptedException e) {
      throw new CompletionException(e);
    }
  }
}
