package io.hatchet.internal.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.protocol.ErrorCode;

/**
 * The hub's answer to a request, {@code {"ok": true, ...}} or {@code {"ok": false, "error":
 * {...}}}, read leniently: a field that is missing or of another type reads as the default.
 */
final class Answer {
  private final JsonObject json;

  Answer(JsonObject json) {
    this.json = json;
  }

  /** What a request gets when the hub answers with something that is not an object. */
  static Answer bad(JsonElement what) {
    JsonObject error = new JsonObject();
    error.addProperty("code", ErrorCode.BAD_ANSWER.wireName());
    error.addProperty("message", "the hub answered " + what);
    JsonObject json = new JsonObject();
    json.addProperty("ok", false);
    json.add("error", error);
    return new Answer(json);
  }

  boolean optBoolean(String name) {
    JsonPrimitive value = primitive(name);
    return value != null && value.isBoolean() && value.getAsBoolean();
  }

  int optInt(String name, int otherwise) {
    long value = optLong(name, otherwise);
    return value == (int) value ? (int) value : otherwise;
  }

  int optInt(String name) {
    return optInt(name, 0);
  }

  long optLong(String name, long otherwise) {
    JsonPrimitive value = primitive(name);
    if (value == null || !value.isNumber()) return otherwise;
    try {
      return value.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return otherwise;
    }
  }

  String optString(String name, String otherwise) {
    JsonPrimitive value = primitive(name);
    return value != null && value.isString() ? value.getAsString() : otherwise;
  }

  String optString(String name) {
    return optString(name, "");
  }

  /** The field {@code name} as it came, or JSON null if there is none. */
  JsonElement opt(String name) {
    JsonElement value = json.get(name);
    return value != null ? value : JsonNull.INSTANCE;
  }

  /** The object field {@code name} as an answer of its own, or null. */
  Answer optObject(String name) {
    return json.get(name) instanceof JsonObject object ? new Answer(object) : null;
  }

  private JsonPrimitive primitive(String name) {
    return json.get(name) instanceof JsonPrimitive value ? value : null;
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
