package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;

/** {@code join} and {@code leave}: a producer puts a consumer id into a room or takes it out. */
final class RoomHandler implements RequestHandler {
  private final boolean join;

  private RoomHandler(boolean join) {
    this.join = join;
  }

  static RoomHandler join() {
    return new RoomHandler(true);
  }

  static RoomHandler leave() {
    return new RoomHandler(false);
  }

  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    String name = Fields.session(request);
    String room = Fields.string(request, "room", Limits.MAX_NAME_LENGTH);
    String consumer = Fields.string(request, "consumer", Limits.MAX_SESSION_LENGTH);
    Session session = connection.authenticated(name);
    requireProducer(session, join ? "join" : "leave");
    // Done before the answer, on this connection's event loop: a publish this producer sends
    // next is handled after it and finds the consumer in the room.
    boolean changed = join
        ? session.app.consumers.join(consumer, room)
        : session.app.consumers.leave(consumer, room);
    return Answers.ok("changed", changed);
  }

  /** Refuses every session but a producer's with {@code not_permitted}. */
  static void requireProducer(Session session, String verb) throws RequestException {
    if (session.role() != Role.PRODUCER) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + session.name
          + "' is a " + session.role().wireName + ": only producer sessions may " + verb);
    }
  }
}
