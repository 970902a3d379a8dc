package io.hatchet.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;
import java.util.List;

/**
 * {@code publish}: routes a contributor's or producer's event to the consumer records that
 * watch it: all of them, those with an alias in {@code to}, or (producers only) those in one of
 * {@code rooms}; connected or in their grace period. With {@code publisher} and {@code seq}, a
 * retry of a publish already accepted is answered without routing it again.
 *
 * <p>Runs on the publisher's event loop and hands each recipient connection its {@code deliver}
 * from there (see {@link Fanout}), so each consumer gets one publisher's events in the order
 * they were published. On a hub with a {@link MessageHook}, a publish is checked, then waits for
 * its verdict in its connection's {@link PendingRequests} ({@link #checking}), then is routed.
 */
final class PublishHandler implements RequestHandler {
  /** A buffer grown past this, for a large message, is dropped after it rather than kept. */
  private static final int KEPT_BUFFER_BYTES = 64 * 1024;
  /** Each event loop's buffer for encoding data, so that small messages cost no growing. */
  private static final ThreadLocal<JsonBytes> BUFFERS =
      ThreadLocal.withInitial(() -> new JsonBytes(1024));

  private final int maxMessageBytes;
  private final int maxTargets;
  private final Ticker ticker;

  PublishHandler(int maxMessageBytes, int maxTargets, Ticker ticker) {
    this.maxMessageBytes = maxMessageBytes;
    this.maxTargets = maxTargets;
    this.ticker = ticker;
  }

  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    return handle(connection, request, null);
  }

  /** A publish that passed its checks, with its data encoded, waiting for its verdict. */
  private record Publish(Session session, String event, JsonElement data, List<String> to,
      List<String> rooms, String publisher, Long seq, byte[] json) {
  }

  /**
   * Reads and checks a publish, and encodes its data; then routes it, or, for {@code checking}
   * (not null on a hub with a message hook), gives it the publish to ask about and returns null.
   * One method for both, so that a hub without a hook routes as directly as it always did.
   *
   * @throws RequestException {@code bad_request}, {@code too_many}, {@code not_authenticated},
   *     {@code not_permitted} or {@code too_large}
   */
  private JsonObject handle(Connection connection, JsonObject request, Checking checking)
      throws RequestException {
    String name = Fields.session(request);
    String event = Fields.checkEvent(Fields.string(request, "event", Limits.MAX_NAME_LENGTH));
    JsonElement data = Fields.required(request, "data");
    if (request.has("to") && request.has("rooms")) {
      throw RequestException.badRequest("'to' and 'rooms' may not be given together");
    }
    // Without 'to' a broadcast; 'to': null is refused rather than read as "everyone".
    List<String> to = request.has("to")
        ? Fields.strings(request, "to", Limits.MAX_NAME_LENGTH, true)
        : null;
    List<String> rooms = request.has("rooms")
        ? Fields.strings(request, "rooms", Limits.MAX_NAME_LENGTH, true)
        : null;
    List<String> targets = to != null ? to : rooms;
    if (targets != null && targets.size() > maxTargets) {
      throw HubLimits.reached((to != null ? "aliases in 'to'" : "rooms in 'rooms'")
          + " of one publish", maxTargets);
    }
    String publisher = Fields.optionalString(request, "publisher", Limits.MAX_SESSION_LENGTH);
    Long seq = Fields.optionalLong(request, "seq", 1);
    if ((publisher == null) != (seq == null)) {
      throw RequestException.badRequest("'publisher' and 'seq' go together: give both or none");
    }
    Session session = connection.authenticated(name);
    if (session.role() == Role.CONSUMER) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name
          + "' is a consumer: only contributor and producer sessions may publish");
    }
    if (rooms != null && session.role() != Role.PRODUCER) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name
          + "' is a " + session.role().wireName + ": only producer sessions may publish to rooms");
    }
    if (!session.permits(event)) {
      throw new RequestException(ErrorCode.NOT_PERMITTED,
          "key of app '" + session.app.name() + "' may not publish "
              + RequestException.quote(event));
    }

    // Encoded once here; every recipient's window and packet share these bytes.
    byte[] json = encode(data);
    if (checking != null) {
      checking.publish = new Publish(session, event, data, to, rooms, publisher, seq, json);
      return null;
    }
    return route(session.app, event, to, rooms, publisher, seq, json);
  }

  /**
   * {@code data} as UTF-8 JSON, numbers as they were sent.
   *
   * @throws RequestException {@code too_large}
   */
  private byte[] encode(JsonElement data) throws RequestException {
    byte[] json = toJson(data);
    if (json.length > maxMessageBytes) {
      throw new RequestException(ErrorCode.TOO_LARGE,
          "data has " + json.length + " bytes, more than the hub's limit of " + maxMessageBytes);
    }
    return json;
  }

  /**
   * Routes {@code event} with {@code json} as its data.
   *
   * @throws RequestException {@code too_many} for a publisher past the app's bound
   */
  private JsonObject route(AppRoutes app, String event, List<String> to, List<String> rooms,
      String publisher, Long seq, byte[] json) throws RequestException {
    Message message = new Message(event, json, ticker.nanoTime());
    if (publisher == null) {
      return Answers.ok("routed", app.route(message, to, rooms));
    }
    return answer(app.publishers.publish(publisher, seq,
        () -> app.route(message, to, rooms)));
  }

  private static JsonObject answer(PublisherLog.Outcome outcome) {
    JsonObject answer = Answers.ok("routed", outcome.routed());
    if (outcome.duplicate()) {
      answer.addProperty("duplicate", true);
    }
    return answer;
  }

  /** {@code data} as UTF-8 JSON, numbers as they were sent. */
  private static byte[] toJson(JsonElement data) {
    JsonBytes buffer = BUFFERS.get();
    byte[] json = buffer.clear().value(data).toByteArray();
    if (buffer.capacity() > KEPT_BUFFER_BYTES) {
      BUFFERS.remove();
    }
    return json;
  }

  /** A publish of {@code connection} that waits in its line for the message hook. */
  PendingRequests.Entry checking(Connection connection, Hooks hooks, Request request,
      long ackId) {
    return new Checking(connection, hooks, request, ackId);
  }

  /**
   * One publish in line for its verdict: checked at its start, so that the hook is asked only
   * about what the hub would route; routed, or not, at its finish, in order.
   */
  private final class Checking extends PendingRequests.Hooked {
    /** What {@link #start} checked and encoded. */
    private Publish publish;

    Checking(Connection connection, Hooks hooks, Request request, long ackId) {
      super(connection, hooks, request, ackId);
    }

    @Override boolean isPublish() {
      return true;
    }

    @Override void start() {
      try {
        handle(connection, argument(), this);
        if (publish.publisher != null) {
          PublisherLog.Outcome retry =
              publish.session.app.publishers.accepted(publish.publisher, publish.seq);
          if (retry != null) {
            answerEarly(answer(retry)); // routed before: its verdict was given then
            return;
          }
        }
      } catch (RequestException e) {
        answerEarly(Answers.error(e.code, e.getMessage()));
        return;
      }
      PublishContext context = new PublishContext(publish.session, publish.event, publish.data,
          publish.to, publish.rooms);
      ask("the message hook", () -> hooks.messageHook.check(context));
    }

    /** Routes the publish as its verdict says, or tells why not. */
    @Override JsonObject decide() {
      try {
        if (failure != null) {
          return Answers.error(failure, failureMessage);
        }
        if (!(outcome instanceof Verdict verdict)) {
          // The application's mistake: logged for it, as the hook's failures are.
          hooks.warn(connection.socket(), "the message hook answered "
              + outcome.getClass().getName() + ", not a Verdict");
          return Answers.error(ErrorCode.HOOK_FAILED,
              "the message hook failed on this request; the hub's log says why");
        }
        if (verdict.rejects()) {
          return Answers.error(verdict.code, verdict.message);
        }
        // A session the hub itself ended meanwhile publishes nothing more.
        if (connection.authenticated(publish.session.name) != publish.session) {
          return Answers.error(ErrorCode.NOT_AUTHENTICATED, "session '" + publish.session.name
              + "' ended while its publish waited for the message hook");
        }
        byte[] json = verdict.replacement == null ? publish.json : encode(verdict.replacement);
        return route(publish.session.app, publish.event, publish.to, publish.rooms,
            publish.publisher, publish.seq, json);
      } catch (RequestException e) {
        return Answers.error(e.code, e.getMessage());
      }
    }
  }
}
