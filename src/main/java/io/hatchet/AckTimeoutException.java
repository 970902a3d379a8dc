package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * The hub did not answer a request within {@link Hatchet.Builder#ackTimeout}. The request may or
 * may not have taken effect.
 */
public final class AckTimeoutException extends HatchetException {
  public AckTimeoutException(String message) {
    super(ErrorCode.ACK_TIMEOUT.wireName(), message);
  }
}
