package io.hatchet.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread of all Hatchets in the JVM: ack timeouts, connect timeouts, reconnect
 * delays, heartbeats and token refreshes. Reference-counted, so it lives while at least one
 * Hatchet is open and no longer; a daemon, so it never keeps a JVM alive.
 */
final class SharedScheduler {
  private static ScheduledThreadPoolExecutor executor;
  private static int users;

  private SharedScheduler() {}

  static synchronized ScheduledThreadPoolExecutor acquire() {
    if (users++ == 0) {
      executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("hatchet-scheduler"));
      executor.setRemoveOnCancelPolicy(true); // cancelled ack timeouts must not pile up
    }
    return executor;
  }

  static synchronized void release() {
    if (--users == 0) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
