package io.hatchet.server.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.hatchet.hub.ConsumerInfo;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rooms and people: consumers into and out of rooms, a room's size, a user's consumers, a
 * send to a user, and disconnecting a user or one consumer. Ids and room names are path
 * segments, percent-encoded ({@code projects%2F51762b8f}).
 */
final class PeopleCalls {
  private final HatchetHub hub;
  private final AdminApi api;

  PeopleCalls(HatchetHub hub, AdminApi api) {
    this.hub = hub;
    this.api = api;
  }

  /** {@code action}'s result, or the HTTP form of the hub's refusal. */
  private static <T> T hub(Supplier<T> action) {
    try {
      return action.get();
    } catch (HubException e) {
      throw Refusals.of(e);
    }
  }

  Answer join(Call call) {
    String app = api.app(call.param("app"));
    return Answer.ok(Answer.field("joined",
        hub(() -> hub.join(app, call.param("consumerId"), call.param("room")))));
  }

  Answer leave(Call call) {
    String app = api.app(call.param("app"));
    return Answer.ok(Answer.field("left",
        hub(() -> hub.leave(app, call.param("consumerId"), call.param("room")))));
  }

  Answer room(Call call) {
    String app = api.app(call.param("app"));
    int members = hub(() -> hub.roomSize(app, call.param("room")));
    JsonObject answer = new JsonObject();
    answer.addProperty("room", call.param("room"));
    answer.addProperty("members", members);
    return Answer.ok(answer);
  }

  Answer consumersOf(Call call) {
    String app = api.app(call.param("app"));
    String userId = call.param("userId");
    JsonArray consumers = new JsonArray();
    for (ConsumerInfo info : hub(() -> hub.consumersOf(app, userId))) {
      JsonObject consumer = new JsonObject();
      consumer.addProperty("id", info.id());
      consumer.addProperty("connected", info.connected());
      JsonArray rooms = new JsonArray();
      info.rooms().forEach(rooms::add);
      consumer.add("rooms", rooms);
      consumers.add(consumer);
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("userId", userId);
    answer.add("consumers", consumers);
    return Answer.ok(answer);
  }

  Answer sendToUser(Call call) {
    String app = api.app(call.param("app"));
    Body body = new Body(call.object(false), "").only(Set.of("event", "data"));
    return api.sendToUser(app, call.param("userId"), body.string("event", true),
        body.value("data"));
  }

  Answer disconnectUser(Call call) {
    String app = api.app(call.param("app"));
    String userId = call.param("userId");
    int told = hub(() -> hub.disconnectUser(app, userId));
    if (told == 0) {
      throw new AdminException(HttpResponseStatus.NOT_FOUND, "unknown_user",
          "no consumer of user " + userId + " of app " + app + " is connected");
    }
    return Answer.ok(Answer.field("disconnected", told));
  }

  Answer disconnectConsumer(Call call) {
    String app = api.app(call.param("app"));
    String id = call.param("consumerId");
    if (!hub(() -> hub.disconnectConsumer(app, id))) {
      throw new AdminException(HttpResponseStatus.NOT_FOUND, "unknown_consumer",
          "consumer " + id + " of app " + app + " is not connected");
    }
    return Answer.ok(Answer.field("disconnected", true));
  }
}
