package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * A request waited for a connection longer than {@link Hatchet.Builder#maxQueueAge} and was given
 * up without being sent.
 */
public final class ExpiredException extends HatchetException {
  /** @param message what was not answered or sent, for people; the code is {@code expired} */
  public ExpiredException(String message) {
    super(ErrorCode.EXPIRED.wireName(), message);
  }
}
