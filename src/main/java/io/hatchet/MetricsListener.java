package io.hatchet;

/**
 * Numbers about one {@link Hatchet}'s work, for a metrics system: state changes, reconnects, queue
 * depth, answer latency, drops and recoveries. Every method has an empty default; implement what
 * you record. Set with {@link Hatchet.Builder#metrics}.
 *
 * <p>Called on the Hatchet's callback executor, never on a socket thread or under a library lock,
 * one call at a time. Keep it quick: it is called for every answered request.
 */
public interface MetricsListener {
  MetricsListener NONE = new MetricsListener() {};

  /** A session changed state. */
  default void onStateChange(Session session, State previous, State current, String reason) {}

  /** The connection was lost or could not be opened; the next attempt comes after {@code delayMillis}. */
  default void onReconnect(int attempt, long delayMillis, String reason) {}

  /** A session's pending requests changed: {@code requests} waiting, {@code chars} characters. */
  default void onQueueDepth(Session session, int requests, long chars) {}

  /** The hub answered a request {@code latencyNanos} after it was sent. */
  default void onAck(Session session, String request, long latencyNanos) {}

  /**
   * A request ended without an answer from the hub: refused by a full queue, expired, dropped
   * (volatile), or timed out.
   */
  default void onDrop(Session session, String request, HatchetException reason) {}

  /** A consumer authenticated again: with every missed event replayed, or with a gap. */
  default void onRecovery(Session session, boolean recovered, long replayed) {}
}
