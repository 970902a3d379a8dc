package io.hatchet.hub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hatchet.protocol.ErrorCode;

/** The objects the hub answers with, shaped as PROTOCOL.md says. */
final class Answers {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Answers() {
  }

  /** {@code {"ok": true}}, to which a handler may add fields. */
  static ObjectNode ok() {
    ObjectNode answer = JSON.objectNode();
    answer.put("ok", true);
    return answer;
  }

  /** {@code {"ok": false, "error": {"code": ..., "message": ...}}}. */
  static ObjectNode error(ErrorCode code, String message) {
    ObjectNode answer = JSON.objectNode();
    answer.put("ok", false);
    ObjectNode error = answer.putObject("error");
    error.put("code", code.wireName());
    error.put("message", message);
    return answer;
  }

  /**
   * The {@code hub-error} event for a failed request sent without acknowledgement. {@code request}
   * and {@code session} are left out when the request did not carry them readably.
   */
  static ObjectNode hubError(String request, String session, ErrorCode code, String message) {
    ObjectNode event = JSON.objectNode();
    if (request != null) {
      event.put("request", request);
    }
    if (session != null) {
      event.put("session", session);
    }
    event.put("code", code.wireName());
    event.put("message", message);
    return event;
  }
}
