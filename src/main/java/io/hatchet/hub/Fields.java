package io.hatchet.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.protocol.Events;
import io.hatchet.protocol.Limits;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields of a request object, refusing missing or ill-typed ones with bad_request. */
final class Fields {
  private Fields() {
  }

  /** The {@code session} field: a string of 1 to {@link Limits#MAX_SESSION_LENGTH} characters. */
  static String session(JsonObject request) throws RequestException {
    return string(request, "session", Limits.MAX_SESSION_LENGTH);
  }

  /** A field that must be present, with any JSON value (null included). */
  static JsonElement required(JsonObject request, String field) throws RequestException {
    JsonElement value = request.get(field);
    if (value == null) {
      throw RequestException.badRequest("'" + field + "' is missing");
    }
    return value;
  }

  /** A string field of 1 to {@code maxLength} characters. */
  static String string(JsonObject request, String field, int maxLength) throws RequestException {
    return checkString(required(request, field), "'" + field + "'", maxLength);
  }

  /** A field that must be present and be null or a string of 1 to {@code maxLength} characters. */
  static String nullableString(JsonObject request, String field, int maxLength)
      throws RequestException {
    JsonElement value = required(request, field);
    return value.isJsonNull() ? null : checkString(value, "'" + field + "'", maxLength);
  }

  /** An optional string field of 1 to {@code maxLength} characters; absent or null gives null. */
  static String optionalString(JsonObject request, String field, int maxLength)
      throws RequestException {
    JsonElement value = request.get(field);
    return value == null || value.isJsonNull()
        ? null : checkString(value, "'" + field + "'", maxLength);
  }

  /**
   * An optional integer field of at least {@code min} (and at most 2^63 - 1); absent or null
   * gives null. {@code 1.0} is not an integer here: a number must be written as one.
   */
  static Long optionalLong(JsonObject request, String field, long min) throws RequestException {
    JsonElement value = request.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    Long number = integer(value);
    if (number == null || number < min) {
      throw RequestException.badRequest(
          "'" + field + "' must be an integer from " + min + " to 2^63 - 1");
    }
    return number;
  }

  /**
   * The integer {@code value} is written as, or null if it is no number written without fraction
   * or exponent, or one beyond a long. Read from the number's text, which a client chose: never
   * through BigDecimal, which a long literal or a large exponent makes slow.
   */
  private static Long integer(JsonElement value) {
    if (!(value instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
      return null;
    }
    String text = primitive.getAsNumber().toString();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return null;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A field holding a list of strings of 1 to {@code maxLength} characters each. */
  static List<String> strings(JsonObject request, String field, int maxLength, boolean nonEmpty)
      throws RequestException {
    JsonElement value = required(request, field);
    if (!(value instanceof JsonArray array)) {
      throw RequestException.badRequest("'" + field + "' must be a list of strings");
    }
    if (nonEmpty && array.isEmpty()) {
      throw RequestException.badRequest("'" + field + "' must not be empty");
    }
    List<String> result = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      result.add(checkString(array.get(i), "'" + field + "[" + i + "]'", maxLength));
    }
    return result;
  }

  /** The string {@code value} holds, or null if it is absent or not a string. */
  static String text(JsonElement value) {
    return value instanceof JsonPrimitive primitive && primitive.isString()
        ? primitive.getAsString() : null;
  }

  /** What kind of JSON value {@code value} is, for messages: "object", "string", ... */
  static String kind(JsonElement value) {
    if (value.isJsonObject()) {
      return "object";
    }
    if (value.isJsonArray()) {
      return "array";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = (JsonPrimitive) value;
    return primitive.isString() ? "string" : primitive.isNumber() ? "number" : "boolean";
  }

  private static String checkString(JsonElement value, String what, int maxLength)
      throws RequestException {
    String text = text(value);
    if (text == null) {
      throw RequestException.badRequest(what + " must be a string");
    }
    return checkLength(text, what, maxLength);
  }

  /** {@code event}, checked to be an event's name: not {@link Events#EVERY_EVENT}. */
  static String checkEvent(String event) throws RequestException {
    if (event.equals(Events.EVERY_EVENT)) {
      throw RequestException.badRequest("'*' is not an event name: in an auth answer it stands"
          + " for every event; name each event");
    }
    return event;
  }

  /** {@code text}, checked to have 1 to {@code maxLength} code points. */
  static String checkLength(String text, String what, int maxLength) throws RequestException {
    int length = Limits.length(text);
    if (length < 1 || length > maxLength) {
      throw RequestException.badRequest(
          what + " must have 1 to " + maxLength + " characters, not " + length);
    }
    return text;
  }
}
