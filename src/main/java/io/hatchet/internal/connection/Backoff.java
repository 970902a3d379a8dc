package io.hatchet.internal.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts to connect: "full jitter", a random time between zero and
 * {@code min × 2^attempt} capped at {@code max}, so that clients cut off together do not all come
 * back at the same moment. Never gives up.
 */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;

  Backoff(Duration min, Duration max) {
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
  }

  long delayMillis(int attempt) {
    long cap = maxMillis;
    if (attempt < 31) cap = Math.min(maxMillis, minMillis << attempt);
    return ThreadLocalRandom.current().nextLong(cap + 1);
  }
}
