package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/** The consumer, contributor or {@link Hatchet} was closed before the hub answered. */
public final class ClosedException extends HatchetException {
  /** @param message what was not answered or sent, for people; the code is {@code closed} */
  public ClosedException(String message) {
    super(ErrorCode.CLOSED.wireName(), message);
  }
}
