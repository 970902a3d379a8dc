package io.hatchet.internal.connection;

import io.hatchet.ClosedException;
import io.hatchet.HatchetException;

/**
 * A session on the connection, as the connection sees it. Every method is called on the
 * connection's thread, and must be short and never block.
 */
public interface Member {
  /** The name that the hub's deliveries and this session's requests carry. */
  String name();

  /** A new attempt to connect started. */
  void attempting();

  /** The connection is open: time to authenticate. */
  void connected();

  /** The connection dropped; {@code reason} says why. Nothing sent before is answered now. */
  void disconnected(String reason);

  /** The connection is closed for good: end, and tell the hub if it knew this session. */
  void closed(ClosedException e);

  /**
   * The connection gave up for good before it ever opened (failIfNotConnectedWithin): end, and
   * fail everything waiting with {@code e}.
   */
  void failed(HatchetException e);

  /** Fails the requests that have waited for a connection since before {@code deadlineNanos}. */
  void expire(long deadlineNanos);

  /**
   * The size in UTF-8 bytes of the next request this session would send, or -1 if it has none
   * ready: the connection calls {@link #sendNext} when its budget has room for that many.
   */
  int nextSize();

  /** Sends the request {@link #nextSize} described, with {@link Link#emit}. */
  void sendNext();

  /**
   * An event routed to this session, numbered {@code seq} for it (0: not numbered). What the
   * user is to be told goes to {@code handoff}, which hands it over with the rest of the packet.
   */
  default void deliver(Delivery delivery, long seq, Handoff handoff) {}
}
