package io.hatchet.internal.connection;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.util.Arrays;

/**
 * One event as delivered, shared by every consumer it is routed to and every handler of theirs:
 * its data is read once, and decoded once per type, however many consumers and handlers see it.
 * So what handlers get is shared, and must be treated as read-only.
 *
 * <p>Read from any callback thread. The decoded values are kept without a lock (user type
 * adapters run during decoding, and user code never runs under a library lock): two threads that
 * race on a type may both decode it, and either value serves.
 */
public final class Delivery {
  private final String event;
  private final JsonElement data;
  /** Decodings so far, as {type, value or Failure} pairs; replaced whole, never changed. */
  private volatile Object[] decoded = new Object[0];

  public Delivery(String event, JsonElement data) {
    this.event = event;
    this.data = data;
  }

  public String event() {
    return event;
  }

  /** The data as a Gson tree; the same tree for everyone. */
  public JsonElement data() {
    return data;
  }

  /**
   * The data decoded to {@code type} by {@code gson}, the first time it is asked for and from
   * memory after. A type that cannot be decoded throws the same exception every time.
   */
  @SuppressWarnings("unchecked")
  public <T> T as(Class<T> type, Gson gson) {
    if (type == JsonElement.class) return (T) data;
    Object[] known = decoded;
    for (int i = 0; i < known.length; i += 2) {
      if (known[i] == type) return (T) valueOrThrow(known[i + 1]);
    }
    Object value;
    try {
      value = gson.fromJson(data, type);
    } catch (RuntimeException e) {
      value = new Failure(e);
    }
    Object[] more = Arrays.copyOf(known, known.length + 2);
    more[known.length] = type;
    more[known.length + 1] = value;
    decoded = more;
    return (T) valueOrThrow(value);
  }

  private static Object valueOrThrow(Object value) {
    if (value instanceof Failure failure) throw failure.error;
    return value;
  }

  /** A decoding that failed, kept apart from values, whatever their type. */
  private record Failure(RuntimeException error) {}
}
