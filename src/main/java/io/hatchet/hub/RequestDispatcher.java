package io.hatchet.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.hub.internal.netty.Socket;
import io.hatchet.hub.internal.netty.SocketHandler;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of every socket: tracks connections and answers every request.
 *
 * <p>Requests arrive on the connection's event loop and are handled there, in the order they
 * were sent. Each is read here from its packet ({@link RequestReader}), whatever it holds, and
 * gets exactly one answer: the handler's, an error for a {@link RequestException} (a packet that
 * is not strict JSON, an unknown name, a wrong argument), or {@code internal} for anything else,
 * which is logged. Without an acknowledgement, a success is silent and a failure is sent as a
 * {@code hub-error} event.
 */
final class RequestDispatcher implements SocketHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
  private static final String HUB_ERROR_PREFIX = "42[\"" + Events.HUB_ERROR + "\",";

  private final HubRegistry registry;
  private final Map<String, RequestHandler> handlers;
  private final AuthHandler auth;
  private final PublishHandler publish;
  private final PushinatorAuth pushinator;
  /** The hub's hooks; null for a hub without any, whose requests never wait. */
  private final Hooks hooks;

  RequestDispatcher(HubRegistry registry) {
    this(registry, null, null);
  }

  RequestDispatcher(HubRegistry registry, Hooks hooks, PushinatorAuth pushinator) {
    this.registry = registry;
    this.hooks = hooks;
    this.pushinator = pushinator;
    this.auth = new AuthHandler(registry);
    this.publish = new PublishHandler(registry.maxMessageBytes,
        registry.limits.targetsPerPublish(), registry.ticker);
    this.handlers = Map.of(
        Events.AUTH, auth,
        Events.WATCH, WatchHandler.watch(),
        Events.UNWATCH, WatchHandler.unwatch(),
        Events.ALIAS, new AliasHandler(),
        Events.PUBLISH, publish,
        Events.END, new EndHandler(),
        Events.JOIN, RoomHandler.join(),
        Events.LEAVE, RoomHandler.leave(),
        Events.CONSUMERS, new ConsumersHandler(),
        // Answers whoever asks, authenticated or not: clients use it to find dead connections.
        Events.PING, (connection, request) -> Answers.ok());
  }

  /** A socket joined the namespace: a connection has no sessions until it authenticates. */
  @Override public void connected(Socket socket) {
    Connection connection = registry.connectionOpened(socket);
    if (hooks == null) {
      return;
    }
    Handshake handshake = null;
    if (hooks.authorizer != null) {
      try {
        handshake = Handshake.of(socket);
      } catch (RequestException e) {
        refused(socket, e.getMessage());
        connection.disconnect();
        return;
      }
    }
    connection.hooked(new PendingRequests(socket.id(), hooks.maxPending, hooks.maxPendingChars),
        handshake);
  }

  /**
   * Refuses a CONNECT that carries credentials to a hub without an authorizer, which would not
   * read them: a client that passed {@code io(url, {auth})} learns at once that it must send
   * {@code auth} requests, instead of waiting on a session that never opens.
   */
  @Override public JsonObject refuseConnect(Socket socket) {
    String auth = socket.handshakeAuth();
    if (auth == null || (hooks != null && hooks.authorizer != null)
        || JsonParser.parseString(auth).getAsJsonObject().size() == 0) {
      return null;
    }
    JsonObject data = new JsonObject();
    data.addProperty("code", ErrorCode.BAD_REQUEST.wireName());
    JsonObject refusal = new JsonObject();
    refusal.addProperty("message", "this hub takes credentials in auth requests, not in the"
        + " handshake: connect without auth, then emit \"auth\" (PROTOCOL.md)");
    refusal.add("data", data);
    return refusal;
  }

  @Override public void writable(Socket socket) {
    if (socket.attachment() instanceof Connection connection) {
      connection.writable();
    }
  }

  @Override public void closed(Socket socket, String reason) {
    if (socket.attachment() instanceof Connection connection) {
      if (connection.pending() != null) {
        connection.pending().close();
      }
      if (pushinator != null) {
        pushinator.closed(connection);
      }
    }
    registry.connectionClosed(socket);
  }

  @Override public void refused(Socket socket, String why) {
    sendHubError(socket, Answers.hubError(null, null, ErrorCode.BAD_REQUEST,
        "the hub closes this connection: " + why));
  }

  @Override public void limited(Socket socket, long ackId) {
    String message = "more than " + registry.limits.requestsPerSecond()
        + " requests a second on one connection: this one was not read";
    if (ackId >= 0) {
      answer(socket, ackId, Answers.error(ErrorCode.RATE_LIMITED, message));
    } else {
      sendHubError(socket, Answers.hubError(null, null, ErrorCode.RATE_LIMITED, message));
    }
  }

  @Override public void event(Socket socket, String packet, int payloadStart, long ackId) {
    Connection connection = (Connection) socket.attachment();
    if (connection == null) {
      return; // closed while this packet was on its way: nobody is left to answer
    }
    Request request = RequestReader.read(packet.substring(payloadStart));
    PendingRequests pending = connection.pending();
    if (pending != null && !(pending.isEmpty() && !hooks.wants(request))) {
      wait(connection, pending, request, packet.length() - payloadStart, ackId);
      return;
    }
    handle(connection, request, ackId);
  }

  /**
   * Puts {@code request} in its connection's line, behind those that wait for hooks (see
   * {@link PendingRequests}); past the line's bounds, refuses it {@code too_many} at once.
   * {@code chars}: the length of its packet.
   */
  private void wait(Connection connection, PendingRequests pending, Request request,
      int chars, long ackId) {
    Socket socket = connection.socket();
    if (Events.PING.equals(request.name)) {
      handle(connection, request, ackId); // changes nothing: it need not wait its turn
      return;
    }
    RequestException refusal = pending.refusal(chars);
    if (refusal != null) {
      respond(socket, ackId, request, Answers.error(refusal.code, refusal.getMessage()));
      return;
    }
    PendingRequests.Entry entry;
    if (!hooks.wants(request)) {
      entry = new PendingRequests.Entry() {
        @Override boolean isPublish() {
          return false;
        }

        @Override void start() {
          handle(connection, request, ackId); // at the head: its turn
          ready = true;
        }

        @Override void finish() {
        }
      };
    } else if (Events.AUTH.equals(request.name)) {
      entry = auth.authorizing(connection, hooks, request, ackId);
    } else {
      entry = publish.checking(connection, hooks, request, ackId);
    }
    pending.add(entry, chars);
  }

  /** Handles {@code request} now, and answers it. */
  private void handle(Connection connection, Request request, long ackId) {
    Socket socket = connection.socket();
    RequestHandler handler = null;
    JsonObject argument = null;
    JsonObject answer;
    try {
      handler = handlerOf(request);
      if (handler == null) {
        pushinator.handle(connection, request, ackId);
        return;
      }
      argument = request.args.get(0).getAsJsonObject();
      answer = handler.handle(connection, argument);
    } catch (RequestException e) {
      answer = failed(socket, ackId, request, e.code, e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} of connection {} failed", RequestException.quote(request.name),
          socket.id(), e);
      answer = failed(socket, ackId, request, ErrorCode.INTERNAL,
          "the hub failed to handle this request; its log says why");
    }
    if (ackId >= 0) {
      answer(socket, ackId, answer);
    }
    if (argument != null) {
      try {
        handler.answered(connection, argument);
      } catch (RuntimeException e) {
        log.error("after answering {} of connection {}", RequestException.quote(request.name),
            socket.id(), e);
      }
    }
  }

  /** The handler of {@code request}, once it is known to be well-formed. */
  private RequestHandler handlerOf(Request request) throws RequestException {
    if (request.malformed != null) {
      throw RequestException.badRequest(request.malformed);
    }
    RequestHandler handler = handlers.get(request.name);
    if (handler == null) {
      throw new RequestException(ErrorCode.UNKNOWN_EVENT,
          "the hub has no request named " + RequestException.quote(request.name));
    }
    if (request.args.isEmpty()) {
      throw RequestException.badRequest("'" + request.name + "' needs an object argument");
    }
    JsonElement argument = request.args.get(0);
    if (!argument.isJsonObject()) {
      if (pushinator != null && PushinatorAuth.matches(request)) {
        return null; // auth(userId, hash): pushinator's
      }
      throw RequestException.badRequest("the argument of '" + request.name
          + "' must be an object, not " + Fields.kind(argument));
    }
    return handler;
  }

  /** The object argument of a request known to be well-formed: its first. */
  static JsonObject argument(Request request) {
    return request.args.get(0).getAsJsonObject();
  }

  /**
   * Sends {@code answer} to {@code request}: on its ack, or, for a request without one, as a
   * {@code hub-error} if it is a failure.
   */
  static void respond(Socket socket, long ackId, Request request, JsonObject answer) {
    if (ackId >= 0) {
      answer(socket, ackId, answer);
    } else if (answer.get("error") instanceof JsonObject error) {
      JsonObject event = Answers.hubError(cut(request.name), cut(sessionOf(request)),
          Fields.text(error.get("code")), Fields.text(error.get("message")));
      if (error.has("metadata")) {
        event.add("metadata", error.get("metadata"));
      }
      sendHubError(socket, event);
    }
  }

  /** Emits {@code event}, a name of the hub's in ASCII, with {@code argument} to the client. */
  static void emit(Socket socket, String event, JsonObject argument) {
    socket.send(packet("42[\"" + event + "\",", argument));
  }

  /** Returns the error answer, and emits it as hub-error when there is no ack to carry it. */
  private static JsonObject failed(Socket socket, long ackId, Request request, ErrorCode code,
      String message) {
    if (ackId < 0) {
      sendHubError(socket, Answers.hubError(cut(request.name), cut(sessionOf(request)), code,
          message));
    }
    return Answers.error(code, message);
  }

  static void answer(Socket socket, long ackId, JsonObject answer) {
    socket.send(packet("43" + ackId + "[", answer));
  }

  private static void sendHubError(Socket socket, JsonObject event) {
    socket.send(packet(HUB_ERROR_PREFIX, event));
  }

  /** {@code prefix} (ASCII), {@code json} and a closing {@code ]}, as a buffer to send. */
  private static ByteBuf packet(String prefix, JsonObject json) {
    JsonBytes bytes = new JsonBytes(prefix.length() + 64);
    for (int i = 0; i < prefix.length(); i++) {
      bytes.raw(prefix.charAt(i));
    }
    bytes.value(json).raw(']');
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(bytes.size());
    bytes.writeTo(buffer);
    return buffer;
  }

  /**
   * A name the client sent, as a hub-error's {@code request} or {@code session} may carry it:
   * whole up to a session name's length, so that clients can match it; null past that, so that
   * no name of any length is echoed back.
   */
  private static String cut(String name) {
    return name != null && name.length() <= RequestException.MAX_QUOTED ? name : null;
  }

  /** The {@code session} field of the request, if it has a readable one. */
  private static String sessionOf(Request request) {
    if (request.args.isEmpty()) {
      return null;
    }
    return request.args.get(0) instanceof JsonObject argument
        ? Fields.text(argument.get("session")) : null;
  }
}
