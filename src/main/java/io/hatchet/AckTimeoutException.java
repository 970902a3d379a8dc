package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * The hub did not answer a request within {@link Hatchet.Builder#ackTimeout}. The request may or
 * may not have taken effect.
 */
public final class AckTimeoutException extends HatchetException {
  /** @param message what was not answered or sent, for people; the code is {@code ack_timeout} */
  public AckTimeoutException(String message) {
    super(ErrorCode.ACK_TIMEOUT.wireName(), message);
  }
}
