package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.Limits;

/** {@code consumers}: how many token consumers of a user are connected now (producers). */
final class ConsumersHandler implements RequestHandler {
  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    String name = Fields.session(request);
    String userId = Fields.string(request, "userId", Limits.MAX_NAME_LENGTH);
    Session session = connection.authenticated(name);
    RoomHandler.requireProducer(session, "count consumers");
    return Answers.ok("consumers", session.app.consumers.connected(userId));
  }
}
