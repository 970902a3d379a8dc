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
 * they were published.
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
    String name = Fields.session(request);
    String event = Fields.string(request, "event", Limits.MAX_NAME_LENGTH);
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
    byte[] json = toJson(data);
    if (json.length > maxMessageBytes) {
      throw new RequestException(ErrorCode.TOO_LARGE,
          "data has " + json.length + " bytes, more than the hub's limit of " + maxMessageBytes);
    }

    Message message = new Message(event, json, ticker.nanoTime());
    AppRoutes app = session.app;
    if (publisher == null) {
      return Answers.ok("routed", app.route(message, to, rooms));
    }
    PublisherLog.Outcome outcome = app.publishers.publish(publisher, seq,
        () -> app.route(message, to, rooms));
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
}
