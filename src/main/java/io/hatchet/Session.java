package io.hatchet;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link Consumer}, {@link Contributor} and {@link Producer} have in common: one identity,
 * authenticated on its {@link Hatchet}'s shared connection, with a {@link State} and a bounded
 * queue of requests waiting for the hub.
 */
public interface Session extends AutoCloseable {
  /** The app this session authenticates to. */
  String app();

  /** The state now; see {@link State}. */
  State state();

  /**
   * Adds a listener of state changes. A listener added after the session connected hears only
   * later changes; read {@link #state()} for the present one.
   */
  void addStateListener(StateListener listener);

  void removeStateListener(StateListener listener);

  /**
   * How many requests wait for the hub's answer: queued while not connected, or sent and not yet
   * answered. At most {@link Hatchet.Builder#maxQueuedSends}.
   */
  int pendingRequests();

  /** The size of those requests' JSON text, in characters; bounded by {@code maxQueuedBytes}. */
  long pendingBytes();

  /**
   * Completes when the session has first authenticated and the hub has answered what was asked
   * before that: for a {@link Consumer}, every watch, unwatch and alias called before its
   * authentication completed. After {@code ready()}, those watches are in effect at the hub, so
   * an event sent from then on, by any contributor or producer, reaches the consumer. A watch the
   * hub refuses fails its own future, not this one. Fails with {@link AuthenticationException}
   * if the hub refuses the credential, or {@link ClosedException} if the session is closed
   * first. Completes once, on the callback executor, after the futures of those calls; a
   * reconnect does not complete it again.
   */
  CompletableFuture<Void> ready();

  /**
   * Ends the session at the hub and fails whatever still waits with {@link ClosedException}.
   * Idempotent; returns at once.
   */
  @Override
  void close();
}
