package io.hatchet.internal.connection;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides which failed attempts to connect are logged at WARN: the first at once, then one a
 * period at most, saying how many were left out meanwhile. A hub that stays down for a day is
 * retried every few seconds; its log should say so in a few dozen lines, not tens of thousands.
 * Used on the connection's thread only.
 */
final class FailureWarnings {
  /** One warning a minute at most. */
  static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanoClock;
  private final long periodNanos;
  private boolean warnedBefore;
  private long lastWarnedAt;
  private int leftOut;

  FailureWarnings(LongSupplier nanoClock, long periodNanos) {
    this.nanoClock = nanoClock;
    this.periodNanos = periodNanos;
  }

  /**
   * A failed attempt: returns how many failures went unlogged since the last warning (to log
   * this one with), or -1 if this one goes unlogged too.
   */
  int next() {
    long now = nanoClock.getAsLong();
    if (warnedBefore && now - lastWarnedAt < periodNanos) {
      leftOut++;
      return -1;
    }
    warnedBefore = true;
    lastWarnedAt = now;
    int count = leftOut;
    leftOut = 0;
    return count;
  }
}
