package io.hatchet.hub;

import java.util.Set;

/**
 * Data the hub keeps for one session for as long as it is open: what an {@link Authorizer}
 * learned about the client (its user name, its plan) and a {@link MessageHook} reads when the
 * session publishes. Each session has its own, made empty when it authenticates and forgotten
 * when it ends or its connection closes.
 *
 * <p>Bounded: at most {@link #MAX_KEYS} keys at once. Thread-safe: the hooks may read and change
 * it from any thread, also while the session's requests are being handled.
 */
public interface SessionData {
  /** The most keys one session's data holds at once: 64. */
  int MAX_KEYS = 64;

  /**
   * The value of {@code key}.
   *
   * @param key a key
   * @return its value, or null if there is none
   */
  Object get(String key);

  /**
   * Sets {@code key} to {@code value}; a null value removes the key.
   *
   * @param key a key of 1 to 256 characters
   * @param value any value; the hub only keeps it
   * @throws IllegalArgumentException if {@code key} is null, empty or longer than 256 characters
   * @throws IllegalStateException if {@code key} is new and the data holds {@link #MAX_KEYS}
   *     keys already
   */
  void put(String key, Object value);

  /**
   * Removes {@code key}.
   *
   * @param key a key
   * @return the value it had, or null if it had none
   */
  Object remove(String key);

  /**
   * The keys set now, as a copy.
   *
   * @return the keys
   */
  Set<String> keys();
}
