package io.hatchet.hub.internal.netty;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the hub's threads: daemon, so they never keep a JVM alive, and named
 * {@code hatchet-hub-<hub>-<role>-<n>} so they are easy to find in a thread dump.
 */
public final class HubThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  public HubThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override public Thread newThread(Runnable runnable) {
    // FastThreadLocalThread: Netty's pooled buffers and thread locals are faster on these.
    Thread thread = new FastThreadLocalThread(runnable, prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
