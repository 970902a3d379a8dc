package io.hatchet.hub;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that stands still until the test moves it: a hub built with one decides
 * every age (window, grace period, publishers' memory) by the test's steps, however slowly the
 * machine runs them. The hub's timers still wait in real time, so a test that waits for one (a
 * record removed, a publisher forgotten) does so with a generous bound, after moving the ticker.
 */
final class FakeTicker implements Ticker {
  /** Just short of where readings wrap: an age compared by value, not as a difference, fails. */
  private static final long START = Long.MAX_VALUE - Duration.ofSeconds(1).toNanos();

  private final AtomicLong now = new AtomicLong(START);

  @Override public long nanoTime() {
    return now.get();
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
