package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Waiting in tests: always on a future or latch, always with a deadline. */
public final class Await {
  public static final long SECONDS = 15;

  private Await() {}

  public static <T> T get(CompletableFuture<T> future) {
    try {
      return future.get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("future not done after " + SECONDS + " s");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for {@code future} to fail and returns its cause, checked to be a {@code type}. */
  public static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.get(SECONDS, TimeUnit.SECONDS));
    return assertInstanceOf(type, e.getCause());
  }

  public static void latch(CountDownLatch latch) {
    try {
      if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
        fail("latch still at " + latch.getCount() + " after " + SECONDS + " s");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * For what no event announces, like a thread ending: checks {@code condition} until it holds or
   * the deadline passes.
   */
  public static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("still not true after " + SECONDS + " s: " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** Names of live threads that hatchet started (client or hub). */
  public static Set<String> hatchetThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("hatchet"))
        .collect(Collectors.toSet());
  }
}
