package io.hatchet;

/**
 * Gives a consumer a fresh token: called before every authentication (the first, and after each
 * reconnect) and ahead of the token's expiry, so that a long-lived consumer never fails on an
 * expired token. Typically asks your backend, which calls {@link Producer#signAuth}.
 *
 * <p>Called on the Hatchet's callback executor, never on a socket thread; it may block for a
 * while (an HTTP call), delaying only that consumer's callbacks. When it throws, the consumer
 * authenticates with the last token it got if that is still good for 30 seconds; else it logs the
 * error and asks again after a back-off delay, while the connection and other sessions carry on.
 */
@FunctionalInterface
public interface TokenProvider {
  String token() throws Exception;
}
