package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * A volatile send was dropped because it could not go out at once: the session was not connected,
 * or the connection was lost before the hub answered. Volatile sends are never queued or retried.
 */
public final class DroppedException extends HatchetException {
  /** @param message what was not answered or sent, for people; the code is {@code dropped} */
  public DroppedException(String message) {
    super(ErrorCode.DROPPED.wireName(), message);
  }
}
