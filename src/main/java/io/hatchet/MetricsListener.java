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
  /** A listener that records nothing: the default. */
  MetricsListener NONE = new MetricsListener() {};

  /**
   * A session changed state.
   *
   * @param session the session
   * @param previous its state before
   * @param current its state now
   * @param reason why
   */
  default void onStateChange(Session session, State previous, State current, String reason) {}

  /**
   * The connection was lost or could not be opened.
   *
   * @param attempt how many attempts in a row have failed since the connection was last open, from 1
   * @param delayMillis how long until the next attempt, in milliseconds
   * @param reason why
   */
  default void onReconnect(int attempt, long delayMillis, String reason) {}

  /**
   * A session's pending requests changed.
   *
   * @param session the session
   * @param requests how many requests wait now
   * @param chars the size of their JSON text, in characters
   */
  default void onQueueDepth(Session session, int requests, long chars) {}

  /**
   * The hub answered a request.
   *
   * @param session the session that sent it
   * @param request what the request was, such as {@code publish}
   * @param latencyNanos how long after it was sent, in nanoseconds
   */
  default void onAck(Session session, String request, long latencyNanos) {}

  /**
   * A request ended without an answer from the hub: refused by a full queue, expired, dropped
   * (volatile), or timed out.
   *
   * @param session the session that made it
   * @param request what the request was, such as {@code publish}
   * @param reason the exception its future failed with
   */
  default void onDrop(Session session, String request, HatchetException reason) {}

  /**
   * A consumer authenticated again: with every missed event replayed, or with a gap.
   *
   * @param session the consumer
   * @param recovered true if every missed event follows, false if some were lost
   * @param replayed how many missed events follow
   */
  default void onRecovery(Session session, boolean recovered, long replayed) {}
}
