package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/** The consumer, contributor or {@link Hatchet} was closed before the hub answered. */
public final class ClosedException extends HatchetException {
  public ClosedException(String message) {
    super(ErrorCode.CLOSED.wireName(), message);
  }
}
