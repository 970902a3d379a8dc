package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;

/** The objects the hub answers with, shaped as PROTOCOL.md says. */
final class Answers {
  private Answers() {
  }

  /** {@code {"ok": true}}, to which a handler may add fields. */
  static JsonObject ok() {
    JsonObject answer = new JsonObject();
    answer.addProperty("ok", true);
    return answer;
  }

  /** {@code {"ok": true, field: value}}. */
  static JsonObject ok(String field, Number value) {
    JsonObject answer = ok();
    answer.addProperty(field, value);
    return answer;
  }

  /** {@code {"ok": true, field: value}}. */
  static JsonObject ok(String field, boolean value) {
    JsonObject answer = ok();
    answer.addProperty(field, value);
    return answer;
  }

  /** {@code {"ok": false, "error": {"code": ..., "message": ...}}}. */
  static JsonObject error(ErrorCode code, String message) {
    return error(code.wireName(), message);
  }

  /** An error answer with a code of the hub's or of a hook's: {@link #error(ErrorCode, String)}. */
  static JsonObject error(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject answer = new JsonObject();
    answer.addProperty("ok", false);
    answer.add("error", error);
    return answer;
  }

  /**
   * The {@code hub-error} event for a failed request sent without acknowledgement. {@code request}
   * and {@code session} are left out when the request did not carry them readably.
   */
  static JsonObject hubError(String request, String session, ErrorCode code, String message) {
    return hubError(request, session, code.wireName(), message);
  }

  /** A {@code hub-error} with a code of the hub's or of a hook's. */
  static JsonObject hubError(String request, String session, String code, String message) {
    JsonObject event = new JsonObject();
    if (request != null) {
      event.addProperty("request", request);
    }
    if (session != null) {
      event.addProperty("session", session);
    }
    event.addProperty("code", code);
    event.addProperty("message", message);
    return event;
  }
}
