package io.hatchet.hub;

import com.google.gson.JsonObject;

/** {@code end}: closes a session; answers ok also when it was not open. */
final class EndHandler implements RequestHandler {
  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    connection.end(Fields.session(request));
    return Answers.ok();
  }
}
