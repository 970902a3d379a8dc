package io.hatchet.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread hatchet starts is named and a daemon, so none keeps a JVM alive. A Hatchet's
 * threads are named {@code hatchet-<N>-<role>}, N being the number in its log lines
 * ({@code hatchet-1-io}, {@code hatchet-1-callbacks}); only a pool's threads add their own
 * number ({@code hatchet-1-okhttp-3}), so that no name carries a number that means nothing.
 */
public final class Threads {
  private Threads() {}

  /** For an executor of one thread: each thread it makes is named {@code name}. */
  public static ThreadFactory daemon(String name) {
    return runnable -> daemon(runnable, name);
  }

  /** For a pool: its threads are named {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory pool(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
