package io.hatchet;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link Consumer}, {@link Contributor} and {@link Producer} have in common: one identity,
 * authenticated on its {@link Hatchet}'s shared connection, with a {@link State} and a bounded
 * queue of requests waiting for the hub.
 */
public interface Session extends AutoCloseable {
  /**
   * The app this session authenticates to.
   *
   * @return the app's name
   */
  String app();

  /**
   * The state now; see {@link State}.
   *
   * @return the current state
   */
  State state();

  /**
   * Adds a listener of state changes. A listener added after the session connected hears only
   * later changes; read {@link #state()} for the present one.
   *
   * @param listener called on the session's callback executor
   */
  void addStateListener(StateListener listener);

  /**
   * Removes a listener added with {@link #addStateListener}; nothing happens if it was not.
   *
   * @param listener the listener to remove
   */
  void removeStateListener(StateListener listener);

  /**
   * How many requests wait for the hub's answer: queued while not connected, or sent and not yet
   * answered. At most {@link Hatchet.Builder#maxQueuedSends}.
   *
   * @return the number of requests waiting
   */
  int pendingRequests();

  /**
   * The size of those requests' JSON text, in characters; at most
   * {@link Hatchet.Builder#maxQueuedChars}.
   *
   * @return the characters waiting
   */
  long pendingChars();

  /**
   * Completes when the session has first authenticated and the hub has answered what was asked
   * before that: for a {@link Consumer}, every watch, unwatch and alias called before its
   * authentication completed. After {@code ready()}, those watches are in effect at the hub, so
   * an event sent from then on, by any contributor or producer, reaches the consumer. A watch the
   * hub refuses fails its own future, not this one. Fails with {@link AuthenticationException}
   * if the hub refuses the credential, or {@link ClosedException} if the session is closed
   * first. Completes once, on the callback executor, after the futures of those calls; a
   * reconnect does not complete it again.
   *
   * @return a future of the first authentication and of what it was asked to confirm
   */
  CompletableFuture<Void> ready();

  /**
   * What the hub's authorizer said about this session when it last accepted it: the
   * {@code metadata} of its auth answer (PROTOCOL.md, {@code auth}), such as who is online. JSON
   * null before the first authentication, and when the hub gave none. A refusal's metadata is
   * {@link AuthenticationException#metadata()}.
   *
   * @return a copy of the metadata, never null
   */
  JsonElement metadata();

  /**
   * Ends the session at the hub and fails whatever still waits with {@link ClosedException}.
   * Idempotent; returns at once.
   */
  @Override
  void close();
}
