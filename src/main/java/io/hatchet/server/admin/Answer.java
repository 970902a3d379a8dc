package io.hatchet.server.admin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the admin API answers a call: a status and a JSON body, or a text body (the Prometheus
 * metrics).
 *
 * @param status the HTTP status
 * @param json the JSON body, or null for a text one
 * @param text the text body, or null for a JSON one
 * @param contentType the text body's content type
 */
record Answer(HttpResponseStatus status, JsonElement json, String text, String contentType) {
  static Answer ok(JsonElement json) {
    return new Answer(HttpResponseStatus.OK, json, null, null);
  }

  static Answer of(HttpResponseStatus status, JsonElement json) {
    return new Answer(status, json, null, null);
  }

  static Answer text(String text, String contentType) {
    return new Answer(HttpResponseStatus.OK, null, text, contentType);
  }

  static Answer error(HttpResponseStatus status, String code, String message) {
    return new Answer(status, errorBody(code, message), null, null);
  }

  /** {@code {"error":{"code":...,"message":...}}}. */
  static JsonObject errorBody(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return body;
  }

  /** A JSON object of one field. */
  static JsonObject field(String name, Number value) {
    JsonObject object = new JsonObject();
    object.addProperty(name, value);
    return object;
  }

  /** A JSON object of one field. */
  static JsonObject field(String name, boolean value) {
    JsonObject object = new JsonObject();
    object.addProperty(name, value);
    return object;
  }
}
