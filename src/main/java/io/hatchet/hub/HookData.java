package io.hatchet.hub;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * What a hook hands the hub as data (a verdict's replacement data, an authorization's
 * metadata), as JSON: a {@code JsonElement} as it is, anything else encoded with Gson. Converted
 * on the hook's thread, when the hook makes its answer, so that a value Gson cannot encode fails
 * there.
 */
final class HookData {
  private static final Gson GSON = new Gson();

  private HookData() {
  }

  /**
   * {@code data} as a JSON tree; null stays null (no data), a JSON null is kept.
   *
   * @throws IllegalArgumentException if Gson cannot encode it
   */
  static JsonElement tree(Object data) {
    if (data == null || data instanceof JsonElement) {
      return (JsonElement) data;
    }
    try {
      return JsonParser.parseString(GSON.toJson(data));
    } catch (RuntimeException | StackOverflowError e) {
      throw new IllegalArgumentException("Gson cannot encode data of "
          + data.getClass().getName() + ": " + e, e);
    }
  }
}
