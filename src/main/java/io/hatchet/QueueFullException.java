package io.hatchet;

/**
 * A send was refused because its consumer or contributor already had as many requests waiting for
 * the hub as {@link Hatchet.Builder#maxQueuedSends} allows. Nothing already queued is dropped.
 */
public final class QueueFullException extends HatchetException {
  public QueueFullException(String message) {
    super("queue_full", message);
  }
}
