package io.hatchet.hub;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.ConnectListener;
import com.corundumstudio.socketio.listener.DataListener;
import com.corundumstudio.socketio.listener.DisconnectListener;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one namespace listener: tracks connections and answers every request.
 *
 * <p>Requests arrive on the connection's Netty event loop (see {@link RequestJsonSupport} for how
 * every event, known or not, gets here) and are handled there, in the order they were sent.
 * Every request gets exactly one answer: the handler's, an error for a {@link RequestException},
 * or {@code internal} for anything else, which is logged. Without an acknowledgement, a success
 * is silent and a failure is sent as a {@code hub-error} event.
 */
final class RequestDispatcher
    implements DataListener<Object>, ConnectListener, DisconnectListener {
  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  private final HubRegistry registry;
  private final Map<String, RequestHandler> handlers;

  RequestDispatcher(HubRegistry registry) {
    this.registry = registry;
    this.handlers = Map.of(
        Events.AUTH, new AuthHandler(registry),
        Events.WATCH, WatchHandler.watch(),
        Events.UNWATCH, WatchHandler.unwatch(),
        Events.ALIAS, new AliasHandler(),
        Events.PUBLISH, new PublishHandler(registry.maxMessageBytes, registry.ticker),
        Events.END, new EndHandler(),
        Events.JOIN, RoomHandler.join(),
        Events.LEAVE, RoomHandler.leave(),
        Events.CONSUMERS, new ConsumersHandler(),
        // Answers whoever asks, authenticated or not: clients use it to find dead connections.
        Events.PING, (connection, request) -> Answers.ok());
  }

  /** Fires at the Engine.IO handshake: a connection has no sessions until it authenticates. */
  @Override public void onConnect(SocketIOClient client) {
    registry.connectionOpened(client);
  }

  /** May run on any thread: the event loop, the ping timer, or a disconnectAll() caller. */
  @Override public void onDisconnect(SocketIOClient client) {
    registry.connectionClosed(client);
  }

  @Override public void onData(SocketIOClient client, Object data, AckRequest ack) {
    if (!(data instanceof Request)) {
      log.warn("ignored an event netty-socketio did not decode as a request: {}", data);
      return;
    }
    Request request = (Request) data;
    Connection connection = registry.connection(client);
    if (connection == null) {
      // Closed while this packet was on its way: there is nobody left to answer.
      log.debug("dropped {} from a closed connection {}", request, client.getSessionId());
      return;
    }
    JsonObject answer;
    try {
      answer = handle(connection, request);
    } catch (RequestException e) {
      answer = failed(client, ack, request, e.code, e.getMessage());
    } catch (RuntimeException e) {
      log.error("request '{}' of connection {} failed", request.name, client.getSessionId(), e);
      answer = failed(client, ack, request, ErrorCode.INTERNAL,
          "the hub failed to handle '" + request.name + "'; its log says why");
    }
    if (ack.isAckRequested()) {
      ack.sendAckData(answer);
    }
    RequestHandler handler = handlerOf(request);
    if (handler != null) {
      try {
        handler.answered(connection, request.args.get(0).getAsJsonObject());
      } catch (RuntimeException e) {
        log.error("after answering '{}' of connection {}", request.name, client.getSessionId(), e);
      }
    }
  }

  /** The handler that handled {@code request}, or null if it never reached one. */
  private RequestHandler handlerOf(Request request) {
    if (request.malformed != null || request.args.isEmpty()
        || !request.args.get(0).isJsonObject()) {
      return null;
    }
    return handlers.get(request.name);
  }

  private JsonObject handle(Connection connection, Request request)
      throws RequestException {
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
    if (!(argument instanceof JsonObject object)) {
      throw RequestException.badRequest("the argument of '" + request.name
          + "' must be an object, not " + Fields.kind(argument));
    }
    return handler.handle(connection, object);
  }

  /** Returns the error answer, and emits it as hub-error when there is no ack to carry it. */
  private static JsonObject failed(SocketIOClient client, AckRequest ack, Request request,
      ErrorCode code, String message) {
    if (!ack.isAckRequested()) {
      client.sendEvent(Events.HUB_ERROR,
          Answers.hubError(request.name, sessionOf(request), code, message));
    }
    return Answers.error(code, message);
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
