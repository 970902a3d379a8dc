package io.hatchet;

/**
 * Hears the state changes of one {@link Session}, and, for a consumer, how each return after a
 * disconnection went. Every method has an empty default. Besides {@link #onStateChange}, which
 * hears every change, the three that most code waits for have methods of their own:
 * {@link #onConnect}, {@link #onDisconnect} and {@link #onReconnect}.
 *
 * <p>Called on the session's callback executor, in order with its handlers and futures: a
 * consumer's {@link #onGap} comes before the first event after the gap. Never on a socket thread,
 * never under a library lock.
 */
public interface StateListener {
  /**
   * Every change, with its reason in words: for example "hub closed the connection",
   * "cannot connect: connection refused (nothing listens at that address and port)" or
   * "bad_key: ...".
   *
   * @param previous the state before
   * @param current the state now
   * @param reason why, in words
   */
  default void onStateChange(State previous, State current, String reason) {}

  /** The session authenticated: the first time, and after each reconnection. */
  default void onConnect() {}

  /**
   * The session lost its connection, or an attempt to open it failed, also before the first
   * authentication (the state then stays {@link State#CONNECTING}); it will try again. The reason
   * is the one {@link HatchetListener#onDisconnected} hears: "hub closed the connection",
   * "cannot connect: unknown host: ...", "cannot connect: TLS handshake failed: ...", "cannot
   * connect: the server answered the WebSocket upgrade with HTTP 404 ...", "cannot connect:
   * timeout: ...".
   *
   * @param reason why the connection was lost, or the attempt failed
   */
  default void onDisconnect(String reason) {}

  /**
   * A new attempt to reconnect started.
   *
   * @param reason why the connection was lost
   */
  default void onReconnect(String reason) {}

  /**
   * A consumer authenticated again and the hub still had every event it missed meanwhile:
   * {@code replayed} of them follow, in order, before any newer one.
   *
   * @param replayed how many missed events follow
   */
  default void onRecovered(long replayed) {}

  /**
   * A consumer authenticated again but missed events the hub no longer has (it was away longer
   * than the hub's recovery window, or the hub restarted). Events after this call are new ones.
   *
   * @param reason why the hub could not replay them
   */
  default void onGap(String reason) {}
}
