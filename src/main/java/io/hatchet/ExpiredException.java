package io.hatchet;

/**
 * A request waited for a connection longer than {@link Hatchet.Builder#maxQueueAge} and was given
 * up without being sent.
 */
public final class ExpiredException extends HatchetException {
  public ExpiredException(String message) {
    super("expired", message);
  }
}
