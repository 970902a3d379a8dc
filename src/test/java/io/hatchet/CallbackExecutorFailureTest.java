package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.TestThreads.daemonFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: a callback executor whose execute() threw anything but RejectedExecutionException once
 * threw on the connection's thread in the middle of an answer: the future being completed never
 * ended, and the session's later callbacks never ran.
 */
/** Every future ends, even when the user's callback executor throws. */
class CallbackExecutorFailureTest {
  private static final long SECONDS = 10;

  private final HubFixture fixture = new HubFixture();
  private final ExecutorService pool = Executors.newFixedThreadPool(2, daemonFactory("test-pool"));

  @AfterEach
  void close() throws Exception {
    fixture.close();
    pool.shutdownNow();
  }

  @Test
  void everyFutureEndsWhenTheCallbackExecutorThrows() throws Exception {
    ThrowingExecutor executor = new ThrowingExecutor(pool, 3);
    Hatchet hatchet = fixture.track(Hatchet.builder(fixture.hub.url())
        .callbackExecutor(executor).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    List<CompletableFuture<?>> futures = new ArrayList<>();
    futures.add(consumer.ready());
    futures.add(contributor.ready());
    for (int i = 0; i < 10; i++) {
      futures.add(consumer.watch("e" + i, data -> {}));
      futures.add(contributor.broadcast("log", i));
    }

    try {
      CompletableFuture.allOf(futures.stream()
              .map(future -> future.handle((value, error) -> null))
              .toArray(CompletableFuture[]::new))
          .get(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // counted below
    }
    assertTrue(executor.thrown.get() > 0, "the executor never threw");
    long open = futures.stream().filter(future -> !future.isDone()).count();
    assertEquals(0, open, open + " of " + futures.size() + " futures had not ended "
        + SECONDS + " s after they were made; the executor threw " + executor.thrown.get()
        + " times");
  }

  /** Hands tasks to {@code delegate}, but throws from every {@code every}-th execute(). */
  private static final class ThrowingExecutor implements Executor {
    private final Executor delegate;
    private final int every;
    private final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger thrown = new AtomicInteger();

    ThrowingExecutor(Executor delegate, int every) {
      this.delegate = delegate;
      this.every = every;
    }

    @Override
    public void execute(Runnable task) {
      if (calls.incrementAndGet() % every == 0) {
        thrown.incrementAndGet();
        throw new IllegalStateException("the executor is out of order"); // not a rejection
      }
      delegate.execute(task);
    }
  }
}
