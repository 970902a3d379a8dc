package io.hatchet.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code end}: closes a session; answers ok also when it was not open. */
final class EndHandler implements RequestHandler {
  @Override public ObjectNode handle(Connection connection, ObjectNode request)
      throws RequestException {
    connection.end(Fields.session(request));
    return Answers.ok();
  }
}
