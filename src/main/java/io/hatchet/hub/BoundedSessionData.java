package io.hatchet.hub;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The hub's {@link SessionData}: a map under its own lock, of {@link #MAX_KEYS} keys at most. */
final class BoundedSessionData implements SessionData {
  private final Map<String, Object> values = new HashMap<>(); // Guarded by this.

  @Override public synchronized Object get(String key) {
    return key == null ? null : values.get(key);
  }

  @Override public void put(String key, Object value) {
    Identity.checkName(key, "key");
    synchronized (this) {
      if (value == null) {
        values.remove(key);
        return;
      }
      if (values.size() >= MAX_KEYS && !values.containsKey(key)) {
        throw new IllegalStateException("session data holds " + MAX_KEYS
            + " keys, its limit: remove one before adding '" + key + "'");
      }
      values.put(key, value);
    }
  }

  @Override public synchronized Object remove(String key) {
    return key == null ? null : values.remove(key);
  }

  @Override public synchronized Set<String> keys() {
    return Set.copyOf(values.keySet());
  }

  @Override public synchronized String toString() {
    return "SessionData" + values.keySet();
  }
}
