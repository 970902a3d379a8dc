package io.hatchet.testing;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

/**
 * One event an {@link EventRecorder} received: its name and its data. Immutable: it holds a copy
 * of the data, not the tree the consumer's other handlers share.
 */
public final class RecordedEvent {
  private static final int MAX_SHOWN_CHARS = 200;

  private final String event;
  private final JsonElement data;
  private final Gson gson;

  RecordedEvent(String event, JsonElement data, Gson gson) {
    this.event = event;
    this.data = data;
    this.gson = gson;
  }

  /**
   * The event's name, as watched.
   *
   * @return the name given to {@link EventRecorder#handler(String)} or
   *     {@link EventRecorder#watch}
   */
  public String event() {
    return event;
  }

  /**
   * The data, as a Gson tree of its own: change it as you like.
   *
   * @return a new copy on each call; {@link com.google.gson.JsonNull} if the event had no data
   */
  public JsonElement data() {
    return data.deepCopy();
  }

  /**
   * The data decoded to {@code type} with the recorder's Gson.
   *
   * @param <T> the type the data is decoded to
   * @param type the class to decode the data to
   * @return the data as a {@code T}, decoded anew on each call; null if the data is JSON
   *     {@code null}
   * @throws IllegalArgumentException if {@code type} is null
   * @throws AssertionError if the data is not a {@code type}, naming the event and its data
   */
  public <T> T data(Class<T> type) {
    if (type == null) throw new IllegalArgumentException("type == null");
    try {
      return gson.fromJson(data, type);
    } catch (JsonParseException | IllegalStateException e) {
      throw new AssertionError("cannot read " + this + " as a " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The data as compact JSON, like {@code {"line":100,"file":"ben.txt"}}.
   *
   * @return the whole data, never shortened; the text {@code null} if the event had no data
   */
  public String json() {
    return data.toString();
  }

  /** The name and the JSON, shortened past 200 characters: for failure messages. */
  @Override public String toString() {
    String json = json();
    if (json.length() > MAX_SHOWN_CHARS) json = json.substring(0, MAX_SHOWN_CHARS) + "...";
    return event + " " + json;
  }
}
