package io.hatchet.hub;

import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub's delayed work (consumer grace periods, forgetting idle publishers) on its Netty
 * event loops, so it needs no thread of its own and stops with them. The loops exist only once
 * the server has started, and the registry that schedules exists before: {@link #start} joins
 * the two.
 */
final class HubTimer {
  private static final Logger log = LoggerFactory.getLogger(HubTimer.class);

  private volatile EventExecutorGroup executor;

  void start(EventExecutorGroup executor) {
    this.executor = executor;
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
