package io.hatchet.hub;

import io.hatchet.protocol.Claims;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.EventData;
import io.hatchet.protocol.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The hub object's own sends and calls on its apps ({@link HatchetHub#broadcast} and the rest):
 * the checks a publish over a socket gets, each refusal a {@link HubException} with the code a
 * socket would have been answered with, then the same routing ({@link AppRoutes#route}).
 * Thread-safe: every call runs on its caller's thread, so that one thread's sends are routed in
 * the order it made them.
 */
final class HubSends {
  private final HubRegistry registry;

  HubSends(HubRegistry registry) {
    this.registry = registry;
  }

  /**
   * Routes {@code data} as {@code event} to every consumer of {@code app} that watches it, or
   * with {@code to} those with one of its aliases, or with {@code rooms} those in one of them.
   */
  int send(String app, String event, Object data, Collection<String> to,
      Collection<String> rooms) {
    AppRoutes routes = app(app);
    checkEvent(event);
    List<String> aliases = to != null ? names(to, "aliases", "alias") : null;
    List<String> roomNames = rooms != null ? names(rooms, "rooms", "room") : null;
    byte[] json = encode(data);
    if (json.length > registry.maxMessageBytes) {
      throw new HubException(ErrorCode.TOO_LARGE, "data has " + json.length
          + " bytes, more than the hub's limit of " + registry.maxMessageBytes);
    }
    // Encoded once here; every recipient's window and packet share these bytes.
    Message message = new Message(event, json, registry.ticker.nanoTime());
    return routes.route(message, aliases, roomNames);
  }

  /** Routes to the room of {@code userId}, where each of its token consumers is. */
  int sendToUser(String app, String userId, String event, Object data) {
    app(app);
    checkName(userId, "userId");
    return send(app, event, data, null, List.of(Claims.userRoom(userId)));
  }

  /** {@code names}, refused if null: a send to no one is no broadcast. */
  static Collection<String> required(Collection<String> names, String what) {
    if (names == null) {
      throw new HubException(ErrorCode.BAD_REQUEST, what + " is null");
    }
    return names;
  }

  /** The app of this name, or a refusal. */
  AppRoutes app(String name) {
    if (name == null) {
      throw new HubException(ErrorCode.BAD_REQUEST, "app is null");
    }
    AppRoutes app = registry.app(name);
    if (app == null) {
      throw new HubException(ErrorCode.UNKNOWN_APP, "the hub has no app "
          + RequestException.quote(name));
    }
    return app;
  }

  /** An event's name: 1 to 256 characters, and not {@code *}. */
  private static void checkEvent(String event) {
    checkName(event, "event");
    try {
      Fields.checkEvent(event);
    } catch (RequestException e) {
      throw HubException.of(e);
    }
  }

  /** An event name, alias, room or user id: 1 to 256 characters. */
  static String checkName(String value, String what) {
    return check(value, what, Limits.MAX_NAME_LENGTH);
  }

  /** A consumer id: 1 to 64 characters. */
  static String checkId(String value, String what) {
    return check(value, what, Limits.MAX_SESSION_LENGTH);
  }

  private static String check(String value, String what, int maxLength) {
    if (value == null) {
      throw new HubException(ErrorCode.BAD_REQUEST, what + " is null");
    }
    try {
      return Fields.checkLength(value, what, maxLength);
    } catch (RequestException e) {
      throw HubException.of(e);
    }
  }

  /** Aliases or rooms to send to: at least one, at most the hub's bound, each a name. */
  private List<String> names(Collection<String> names, String what, String each) {
    if (names.isEmpty()) {
      throw new HubException(ErrorCode.BAD_REQUEST,
          what + " must not be empty (a broadcast takes none)");
    }
    int max = registry.limits.targetsPerPublish();
    if (names.size() > max) {
      throw HubException.of(HubLimits.reached(what + " of one send", max));
    }
    List<String> checked = new ArrayList<>(names.size());
    for (String name : names) {
      checked.add(checkName(name, each));
    }
    return checked;
  }

  /** {@code data} as UTF-8 JSON, as a client's publish encodes it. */
  private static byte[] encode(Object data) {
    try {
      return EventData.encode(EventData.GSON, data).getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      HubException refusal = new HubException(ErrorCode.BAD_REQUEST, e.getMessage());
      refusal.initCause(e);
      throw refusal;
    }
  }
}
