package io.hatchet.hub.internal.netty;

/**
 * A token bucket: {@code perSecond} tokens a second, at most as many saved up, so that a client
 * may send a burst of one second's worth and then keep to the rate. Not thread-safe: each
 * socket's buckets live on its loop.
 */
final class RateBucket {
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final int perSecond;
  private double tokens;
  private long refilledAt = System.nanoTime();

  RateBucket(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  /** Takes a token if there is one; with a rate of 0, always. */
  boolean take() {
    if (perSecond == 0) return true;
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - refilledAt) * (double) perSecond / SECOND_NANOS);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens--;
    return true;
  }
}
