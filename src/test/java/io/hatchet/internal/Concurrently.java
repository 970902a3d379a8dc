package io.hatchet.internal;

import io.hatchet.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** For tests of what threads share: one body on several threads, released together. */
public final class Concurrently {
  private Concurrently() {}

  /**
   * Runs {@code body} on {@code threads} new threads at once, each given its index, and returns
   * their results by index. Fails if one throws or if they are not done in {@link Await#SECONDS}.
   */
  public static <T> List<T> run(int threads, IntFunction<T> body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "test-concurrently");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CountDownLatch start = new CountDownLatch(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.countDown();
          if (!start.await(Await.SECONDS, TimeUnit.SECONDS)) throw new TimeoutException("start");
          return body.apply(index);
        }));
      }
      List<T> results = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
      for (Future<T> future : futures) {
        results.add(future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      throw new AssertionError("a thread failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("threads not done after " + Await.SECONDS + " s");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
