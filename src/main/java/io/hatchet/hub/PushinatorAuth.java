package io.hatchet.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.hub.internal.netty.Socket;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import io.hatchet.protocol.Limits;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pushinator's client protocol: {@code socket.emit('auth', userId, hash)}, checked against the
 * users registered with {@link HatchetHub#registerUser}; then the socket is a consumer of that
 * user, in the user's room, watching {@code message}, and receives each event as a plain
 * socket.io event, {@code 42["message","text"]}. A third argument names the app; without it, the
 * hub's default app. A refused client gets its ack if it asked for one and an {@code error}
 * event with the code and message; one whose user id and hash are not registered is then
 * disconnected.
 *
 * <p>Such a connection carries that one client and nothing else: hatchet's {@code auth} on it is
 * refused, and so is pushinator's on a connection with hatchet sessions. When it closes, its
 * consumer goes at once: pushinator's clients recover nothing, so waiting for them would only
 * count them in what a send reaches.
 */
final class PushinatorAuth {
  private static final Logger log = LoggerFactory.getLogger(PushinatorAuth.class);
  /** The one event pushinator's clients receive. */
  static final String EVENT = "message";
  /** The event that tells a refused client why, before it is disconnected. */
  static final String ERROR_EVENT = "error";
  /** The name of the one session of a pushinator connection. */
  private static final String SESSION = "pushinator";
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

  private final HubRegistry registry;
  private final Registrations registrations;
  private final String defaultApp;

  PushinatorAuth(HubRegistry registry, Registrations registrations, String defaultApp) {
    this.registry = registry;
    this.registrations = registrations;
    this.defaultApp = defaultApp;
  }

  /** Whether {@code request} is pushinator's {@code auth}: positional arguments, no object. */
  static boolean matches(Request request) {
    return request.malformed == null && Events.AUTH.equals(request.name)
        && !request.args.isEmpty() && request.args.get(0).isJsonPrimitive();
  }

  /** Authenticates the client of {@code connection}, or refuses it and disconnects it. */
  void handle(Connection connection, Request request, long ackId) {
    Socket socket = connection.socket();
    JsonObject answer;
    try {
      answer = authenticate(connection, request);
    } catch (RequestException e) {
      log.debug("connection {}: pushinator auth refused: {}", socket.id(), e.getMessage());
      if (ackId >= 0) {
        RequestDispatcher.answer(socket, ackId, Answers.error(e.code, e.getMessage()));
      }
      JsonObject error = new JsonObject();
      error.addProperty("code", e.code.wireName());
      error.addProperty("message", e.getMessage());
      RequestDispatcher.emit(socket, ERROR_EVENT, error);
      if (e.code == ErrorCode.NOT_AUTHORIZED) {
        connection.disconnect(); // as pushinator did; a malformed auth may be sent again
      }
      return;
    }
    if (ackId >= 0) {
      RequestDispatcher.answer(socket, ackId, answer);
    }
  }

  private JsonObject authenticate(Connection connection, Request request)
      throws RequestException {
    String userId = userId(request.args.get(0));
    String hash = text(request.args.size() > 1 ? request.args.get(1) : null, "hash");
    String appName = request.args.size() > 2 ? text(request.args.get(2), "app") : defaultApp;
    AppRoutes app = appName == null ? null : registry.app(appName);
    if (app == null) {
      throw new RequestException(ErrorCode.UNKNOWN_APP, appName == null ? "this hub has no app"
          : "no app " + RequestException.quote(appName) + " on this hub");
    }
    Session current = connection.pushinator();
    if (current != null) {
      if (current.app == app && userId.equals(current.userId())) {
        return ok(userId); // the same again: nothing changes
      }
      throw RequestException.badRequest("this connection is authenticated as another user");
    }
    if (connection.sessionCount() > 0) {
      throw RequestException.badRequest("this connection carries hatchet sessions:"
          + " pushinator's auth needs a connection of its own");
    }
    if (!registrations.admit(appName, userId, hash, connection)) {
      throw new RequestException(ErrorCode.NOT_AUTHORIZED, "user "
          + RequestException.quote(userId) + " of app " + RequestException.quote(appName)
          + " is not registered with this hash");
    }
    try {
      Session session = connection.open(SESSION, app,
          Credential.registered(userId, EVENT), null, null);
      connection.watch(session, List.of(EVENT));
      connection.pushinator(session);
      app.consumers.release(session);
    } catch (RequestException e) {
      registrations.left(appName, userId, connection);
      throw e;
    }
    log.debug("connection {}: pushinator client of user '{}' of app '{}'",
        connection.socket().id(), userId, appName);
    return ok(userId);
  }

  /** {@code connection} closed: its client is no longer one of its user's, and its consumer goes. */
  void closed(Connection connection) {
    Session session = connection.pushinator();
    if (session != null) {
      registrations.left(session.app.name(), session.userId(), connection);
      connection.end(session.name);
    }
  }

  private static JsonObject ok(String userId) {
    JsonObject answer = Answers.ok();
    answer.addProperty("userId", userId);
    return answer;
  }

  /** A user id as pushinator's clients send it: a whole number, or a string. */
  private static String userId(JsonElement value) throws RequestException {
    if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
      String text = primitive.getAsNumber().toString();
      if (!INTEGER.matcher(text).matches()) {
        throw RequestException.badRequest("auth takes an object, or pushinator's userId and"
            + " hash: the userId must be a whole number or a string");
      }
      return text;
    }
    return text(value, "userId");
  }

  private static String text(JsonElement value, String what) throws RequestException {
    String text = value == null ? null : Fields.text(value);
    if (text == null) {
      throw RequestException.badRequest("auth takes an object, or pushinator's userId and hash:"
          + " the " + what + " must be a string");
    }
    int length = Limits.length(text);
    if (length < 1 || length > Limits.MAX_NAME_LENGTH) {
      throw RequestException.badRequest("auth takes an object, or pushinator's userId and hash:"
          + " the " + what + " must have 1 to "
          + Limits.MAX_NAME_LENGTH + " characters, not " + length);
    }
    return text;
  }
}
