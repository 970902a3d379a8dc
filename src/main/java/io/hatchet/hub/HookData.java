package io.hatchet.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.hatchet.protocol.EventData;

/**
 * What a hook hands the hub as data (a verdict's replacement data, an authorization's
 * metadata), as JSON, encoded as a client's publish encodes its data ({@link EventData}: a
 * {@code JsonElement} as it is, the java.time types as ISO-8601 strings). Converted on the hook's
 * thread, when the hook makes its answer, so that a value Gson cannot encode fails there.
 */
final class HookData {
  private HookData() {
  }

  /**
   * {@code data} as a JSON tree; null stays null (no data), a JSON null is kept.
   *
   * @throws IllegalArgumentException if Gson cannot encode it, or would encode it as null or
   *     {@code {}} by accident (see {@link EventData#encode})
   */
  static JsonElement tree(Object data) {
    if (data == null || data instanceof JsonElement) {
      return (JsonElement) data;
    }
    return JsonParser.parseString(EventData.encode(EventData.GSON, data));
  }
}
