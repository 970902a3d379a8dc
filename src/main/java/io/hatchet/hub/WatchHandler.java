package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;
import java.util.List;

/** {@code watch} and {@code unwatch}: choose the events a consumer session receives. */
final class WatchHandler implements RequestHandler {
  private final boolean watch;

  private WatchHandler(boolean watch) {
    this.watch = watch;
  }

  static WatchHandler watch() {
    return new WatchHandler(true);
  }

  static WatchHandler unwatch() {
    return new WatchHandler(false);
  }

  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    String name = Fields.session(request);
    List<String> events = Fields.strings(request, "events", Limits.MAX_NAME_LENGTH, false);
    for (String event : events) Fields.checkEvent(event);
    Session session = connection.authenticated(name);
    String verb = watch ? "watch" : "unwatch";
    if (session.role() != Role.CONSUMER) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name + "' is a "
          + session.role().wireName + ": only consumer sessions may " + verb);
    }
    // All or nothing: check every event before changing anything.
    for (String event : events) {
      if (!session.permits(event)) {
        throw new RequestException(ErrorCode.NOT_PERMITTED,
            "key of app '" + session.app.name() + "' may not " + verb + " "
                + RequestException.quote(event));
      }
    }
    if (watch) {
      connection.watch(session, events);
    } else {
      connection.unwatch(session, events);
    }
    return Answers.ok();
  }
}
