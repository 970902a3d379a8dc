package io.hatchet;

/**
 * Gives a consumer a fresh token: called before its first authentication, before each
 * authentication after a reconnect when the token it has is about to expire, and ahead of expiry,
 * so that a long-lived consumer never fails on an expired token. Typically asks your backend, which
 * calls {@link Producer#signAuth}.
 *
 * <p>Called on the Hatchet's callback executor, never on a socket thread; it may block for a
 * while (an HTTP call), delaying only that consumer's callbacks. An exception is logged, and the
 * consumer tries again at its next connection attempt.
 */
@FunctionalInterface
public interface TokenProvider {
  String token() throws Exception;
}
