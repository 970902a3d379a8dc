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

  /** Shared by every socket when the rate is off: a bucket of its own would cost 32 bytes each. */
  private static final RateBucket UNLIMITED = new RateBucket(0);

  /** A bucket of {@code perSecond} tokens a second, or one that always gives if 0. */
  static RateBucket of(int perSecond) {
    return perSecond == 0 ? UNLIMITED : new RateBucket(perSecond);
  }

  private RateBucket(int perSecond) {
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
