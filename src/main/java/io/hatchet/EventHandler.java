package io.hatchet;

/**
 * Receives the data of one watched event.
 *
 * <p>Called on the {@link Hatchet}'s callback executor, never on a socket thread and never while the
 * library holds a lock. Calls for one {@link Consumer} are made one at a time, in the order the hub
 * delivered the events. An exception thrown here is reported to
 * {@link HatchetListener#onCallbackError} and does not stop later deliveries.
 *
 * @param <T> the type the event's data is decoded to
 */
@FunctionalInterface
public interface EventHandler<T> {
  /**
   * Handles one delivery of the event.
   *
   * @param data the event's data, decoded to {@code T}; shared by every handler of the event, so
   *     treat it as read-only
   */
  void handle(T data);
}
