package io.hatchet.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * How the {@code data} of an event is written as JSON, by the client's publishes and by the hub's
 * own sends alike: with Gson, and the java.time types as ISO-8601 strings. A {@code JsonElement}
 * is written as it is.
 */
public final class EventData {
  /**
   * Gson's defaults, and the java.time types as ISO-8601 strings. Gson is thread-safe, so one
   * serves every caller.
   */
  public static final Gson GSON = JavaTime.register(new GsonBuilder()).create();

  private EventData() {
  }

  /**
   * Encodes {@code data} with {@code gson}.
   *
   * @param gson the Gson to encode with
   * @param data any value Gson encodes, null included
   * @return the JSON text
   * @throws IllegalArgumentException saying why Gson could not encode it, or that Gson would
   *     write it as null or {@code {}} by accident (an anonymous or local class, a lambda)
   */
  public static String encode(Gson gson, Object data) {
    String json;
    try {
      json = gson.toJson(data);
    } catch (RuntimeException | StackOverflowError e) {
      String type = data == null ? "null" : data.getClass().getName();
      throw new IllegalArgumentException("Gson cannot encode data of " + type + ": " + e, e);
    }
    if (data != null && (json.equals("null") || json.equals("{}"))) {
      refuseNamelessClass(data.getClass());
    }
    return json;
  }

  /**
   * Gson writes null for anonymous and local classes, and {@code {}} for a lambda (unless a Gson
   * of the user's has an adapter for them): the send would succeed with nothing in it.
   */
  private static void refuseNamelessClass(Class<?> type) {
    String kind = type.isAnonymousClass() ? "an anonymous class"
        : type.isLocalClass() ? "a local class"
        : type.isSynthetic() || type.isHidden() ? "a lambda or other generated class"
        : null;
    if (kind != null) {
      throw new IllegalArgumentException("data of " + kind + " (" + type.getName() + ") would be "
          + "sent as null or {}, which is what Gson makes of such classes: give a named class, a "
          + "record, a Map or a JsonElement");
    }
  }
}
