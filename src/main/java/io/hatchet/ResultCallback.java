package io.hatchet;

/**
 * A one-shot callback in the style of Node's {@code function (err, res)}: called once, with either
 * an error or a result. Called on the Hatchet's callback executor, never on a socket thread.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface ResultCallback<T> {
  /**
   * Called once, with the outcome.
   *
   * @param error why it failed, or null on success
   * @param result the result, or null on failure
   */
  void onResult(Throwable error, T result);
}
