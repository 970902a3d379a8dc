package io.hatchet;

/**
 * Hears about the life of one {@link Hatchet}: its connection and the failures of user callbacks.
 * Every method has an empty default, so implement only what you need.
 *
 * <p>Called on the Hatchet's callback executor, never on a socket thread and never under a lock of
 * the library. An exception thrown here is logged and otherwise ignored.
 */
public interface HatchetListener {
  /** A listener that does nothing: the default. */
  HatchetListener NONE = new HatchetListener() {};

  /**
   * The connection to the hub is open; sessions are authenticating again.
   *
   * @param url the hub's URL
   */
  default void onConnected(String url) {}

  /**
   * The connection to the hub was lost, or an attempt to open it failed; the library tries again
   * after a back-off delay until it is closed (or until
   * {@link Hatchet.Builder#failIfNotConnectedWithin} gives up). {@code reason} says why in words:
   * "hub closed the connection" for a connection that was open, and "cannot connect: " followed
   * by, for example, "connection refused (...)", "unknown host: ...", "TLS handshake failed: the
   * server does not speak TLS (...)", "the server answered the WebSocket upgrade with HTTP 404
   * (...)" or "timeout: ..." for an attempt. Every session's {@link StateListener#onDisconnect}
   * hears the same reason.
   *
   * @param url the hub's URL
   * @param reason why
   */
  default void onDisconnected(String url, String reason) {}

  /**
   * A handler given to {@link Consumer#watch} threw, or the event's data could not be decoded to
   * the type the handler asked for. The event is not delivered again.
   *
   * @param app the consumer's app
   * @param event the event's name
   * @param error what the handler threw, or why the data could not be decoded
   */
  default void onCallbackError(String app, String event, Throwable error) {}
}
