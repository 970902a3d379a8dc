package io.hatchet.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of latency samples in nanoseconds, recorded from any thread. Bounded: samples
 * past the capacity are counted as dropped, never stored, so memory is known before a run.
 * Percentiles are exact (sorted), which at a few hundred thousand samples costs milliseconds.
 */
final class Samples {
  private final long[] values;
  private final AtomicInteger next = new AtomicInteger();
  private boolean sorted;

  Samples(int capacity) {
    values = new long[capacity];
  }

  void add(long nanos) {
    int i = next.getAndIncrement();
    if (i < values.length) values[i] = nanos;
  }

  /** Samples recorded (at most the capacity). */
  int count() {
    return Math.min(next.get(), values.length);
  }

  /** Samples offered beyond the capacity. */
  int dropped() {
    return Math.max(0, next.get() - values.length);
  }

  /** The {@code q} quantile (0..1) in milliseconds; NaN without samples. Call after recording. */
  double millis(double q) {
    int n = count();
    if (n == 0) return Double.NaN;
    if (!sorted) {
      Arrays.sort(values, 0, n);
      sorted = true;
    }
    int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    return values[index] / 1e6;
  }

  double maxMillis() {
    return millis(1.0);
  }
}
