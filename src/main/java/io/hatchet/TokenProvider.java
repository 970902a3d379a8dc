package io.hatchet;

/**
 * Gives a consumer a fresh token: called before every authentication (the first, and after each
 * reconnect) and ahead of the token's expiry, so that a long-lived consumer never fails on an
 * expired token. Typically asks your backend, which calls {@link Producer#signAuth}.
 *
 * <p>Called on the consumer's own callback lane, in order with its handlers, never on a socket
 * thread and never after the consumer is closed; one call at a time. It may block for a while (an
 * HTTP call): that delays this consumer's callbacks, and with the default callback executor (one
 * thread per Hatchet) every callback of the Hatchet, so give a blocking provider a
 * {@link Hatchet.Builder#callbackExecutor} with several threads. When it throws, the consumer
 * authenticates with the last token it got if that is still good for 30 seconds; else it logs the
 * error and asks again after a back-off delay, while the connection and other sessions carry on.
 */
@FunctionalInterface
public interface TokenProvider {
  /**
   * Fetches a token for the consumer's next authentication.
   *
   * @return a token signed by the app's producer, as {@link Producer#signAuth} makes
   * @throws Exception if no token can be had now: the consumer retries as described above
   */
  String token() throws Exception;
}
