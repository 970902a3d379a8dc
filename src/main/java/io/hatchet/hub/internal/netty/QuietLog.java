package io.hatchet.hub.internal.netty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs what clients do wrong without letting them fill the log: at most one WARN line per
 * {@link #INTERVAL_NANOS}, saying how many more were seen since, and the rest at DEBUG. Lines
 * say what was wrong in a few words and never hold what the client sent.
 */
public final class QuietLog {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Logger log;
  private final AtomicLong nextWarnAt = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  public QuietLog(Logger log) {
    this.log = log;
  }

  /** Logs that connection {@code id} did {@code what}. */
  public void warn(String id, String what) {
    long now = System.nanoTime();
    long next = nextWarnAt.get();
    if (now - next >= 0 && nextWarnAt.compareAndSet(next, now + INTERVAL_NANOS)) {
      long more = suppressed.getAndSet(0);
      if (more == 0) {
        log.warn("connection {}: {}", id, what);
      } else {
        log.warn("connection {}: {} ({} more such lines in the last 10 s at DEBUG)", id, what,
            more);
      }
    } else {
      suppressed.incrementAndGet();
      log.debug("connection {}: {}", id, what);
    }
  }
}
