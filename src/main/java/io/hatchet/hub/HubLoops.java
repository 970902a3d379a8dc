package io.hatchet.hub;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Netty event loops, for work of the hub's own: delayed work (consumer grace periods,
 * forgetting idle publishers), which so needs no thread of its own and stops with them, and
 * writing deliveries (see {@link Connection}). The loops exist only once the server has made
 * them, and the registry that uses them exists before: {@link #start} joins the two.
 */
final class HubLoops {
  private static final Logger log = LoggerFactory.getLogger(HubLoops.class);

  private volatile EventExecutorGroup executor;

  void start(EventExecutorGroup executor) {
    this.executor = executor;
  }

  /**
   * The event loop running the calling thread, or, called from elsewhere, one of the loops; null
   * before {@link #start}. A connection opened on a loop gets that loop: its channel's, where
   * writing to the channel costs no hand-over.
   */
  EventExecutor current() {
    EventExecutorGroup executor = this.executor;
    if (executor == null) {
      return null;
    }
    for (EventExecutor loop : executor) {
      if (loop.inEventLoop()) {
        return loop;
      }
    }
    return executor.next();
  }

  /**
   * Runs {@code task} after {@code delayNanos} on some event loop. Returns null when the hub is
   * not running (not started yet, or stopping): then nothing will run, and the caller should do
   * at once what it wanted to do later.
   */
  ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    EventExecutorGroup executor = this.executor;
    if (executor == null || executor.isShuttingDown()) {
      return null;
    }
    try {
      return executor.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          // A scheduled future would keep the exception to itself; nobody reads it.
          log.error("a delayed hub task failed", e);
        }
      }, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // shut down between the check and the call
    }
  }
}
