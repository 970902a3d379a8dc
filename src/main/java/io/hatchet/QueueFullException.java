package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * A send was refused because its consumer or contributor already had as many requests waiting for
 * the hub as {@link Hatchet.Builder#maxQueuedSends} allows. Nothing already queued is dropped.
 */
public final class QueueFullException extends HatchetException {
  /** @param message what was not answered or sent, for people; the code is {@code queue_full} */
  public QueueFullException(String message) {
    super(ErrorCode.QUEUE_FULL.wireName(), message);
  }
}
