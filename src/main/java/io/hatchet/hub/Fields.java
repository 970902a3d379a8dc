package io.hatchet.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchet.protocol.Limits;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields of a request object, refusing missing or ill-typed ones with bad_request. */
final class Fields {
  private Fields() {
  }

  /** The {@code session} field: a string of 1 to {@link Limits#MAX_SESSION_LENGTH} characters. */
  static String session(JsonNode request) throws RequestException {
    return string(request, "session", Limits.MAX_SESSION_LENGTH);
  }

  /** A field that must be present, with any JSON value (null included). */
  static JsonNode required(JsonNode request, String field) throws RequestException {
    JsonNode value = request.get(field);
    if (value == null) {
      throw RequestException.badRequest("'" + field + "' is missing");
    }
    return value;
  }

  /** A string field of 1 to {@code maxLength} characters. */
  static String string(JsonNode request, String field, int maxLength) throws RequestException {
    return checkString(required(request, field), "'" + field + "'", maxLength);
  }

  /** A field that must be present and be null or a string of 1 to {@code maxLength} characters. */
  static String nullableString(JsonNode request, String field, int maxLength)
      throws RequestException {
    JsonNode value = required(request, field);
    return value.isNull() ? null : checkString(value, "'" + field + "'", maxLength);
  }

  /** An optional string field of 1 to {@code maxLength} characters; absent or null gives null. */
  static String optionalString(JsonNode request, String field, int maxLength)
      throws RequestException {
    JsonNode value = request.get(field);
    return value == null || value.isNull()
        ? null : checkString(value, "'" + field + "'", maxLength);
  }

  /**
   * An optional integer field of at least {@code min} (and at most 2^63 - 1); absent or null
   * gives null. {@code 1.0} is not an integer here: a number must be written as one.
   */
  static Long optionalLong(JsonNode request, String field, long min) throws RequestException {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min) {
      throw RequestException.badRequest(
          "'" + field + "' must be an integer from " + min + " to 2^63 - 1");
    }
    return value.longValue();
  }

  /** A field holding a list of strings of 1 to {@code maxLength} characters each. */
  static List<String> strings(JsonNode request, String field, int maxLength, boolean nonEmpty)
      throws RequestException {
    JsonNode value = required(request, field);
    if (!value.isArray()) {
      throw RequestException.badRequest("'" + field + "' must be a list of strings");
    }
    if (nonEmpty && value.isEmpty()) {
      throw RequestException.badRequest("'" + field + "' must not be empty");
    }
    List<String> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      result.add(checkString(value.get(i), "'" + field + "[" + i + "]'", maxLength));
    }
    return result;
  }

  private static String checkString(JsonNode value, String what, int maxLength)
      throws RequestException {
    if (!value.isTextual()) {
      throw RequestException.badRequest(what + " must be a string");
    }
    String text = value.textValue();
    int length = Limits.length(text);
    if (length < 1 || length > maxLength) {
      throw RequestException.badRequest(
          what + " must have 1 to " + maxLength + " characters, not " + length);
    }
    return text;
  }
}
