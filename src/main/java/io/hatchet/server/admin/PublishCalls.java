package io.hatchet.server.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /apps/{app}/publish}: an event to every consumer of the app that watches it, to
 * aliases ({@code "to"}) or to rooms ({@code "rooms"}), with the checks and limits of a publish
 * over a socket (the hub's own sends apply them). A JSON array of such objects is a batch:
 * every object is checked first, and a malformed one refuses the whole batch with nothing sent;
 * then they are published in order, each answered in its place of the answer's array.
 */
final class PublishCalls {
  /** The most publishes one batch may hold. */
  static final int MAX_BATCH = 1_000;
  private static final Set<String> FIELDS = Set.of("event", "data", "to", "rooms");

  private final HatchetHub hub;
  private final AdminApi api;

  PublishCalls(HatchetHub hub, AdminApi api) {
    this.hub = hub;
    this.api = api;
  }

  /** One publish, read and checked for shape. */
  private record Publish(String event, JsonElement data, List<String> to, List<String> rooms) {
    static Publish read(JsonElement json, String where) {
      if (!json.isJsonObject()) {
        throw AdminException.badRequest((where.isEmpty() ? "the body" : where)
            + " must be an object {\"event\": ..., \"data\": ...}");
      }
      Body body = new Body(json.getAsJsonObject(), where).only(FIELDS);
      List<String> to = body.strings("to");
      List<String> rooms = body.strings("rooms");
      if (to != null && rooms != null) {
        throw AdminException.badRequest((where.isEmpty() ? "" : where + ": ")
            + "give \"to\" (aliases) or \"rooms\", not both");
      }
      return new Publish(body.string("event", true), body.value("data"), to, rooms);
    }
  }

  Answer publish(Call call) {
    String app = api.app(call.param("app"));
    JsonElement json = call.json(false);
    if (!json.isJsonArray()) {
      Publish publish = Publish.read(json, "");
      try {
        return Answer.ok(Answer.field("routed", send(app, publish)));
      } catch (HubException e) {
        throw Refusals.of(e);
      }
    }
    JsonArray items = json.getAsJsonArray();
    if (items.isEmpty()) throw AdminException.badRequest("the batch is empty");
    if (items.size() > MAX_BATCH) {
      throw new AdminException(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST,
          "too_many", "a batch holds at most " + MAX_BATCH + " publishes, not " + items.size());
    }
    List<Publish> batch = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) batch.add(Publish.read(items.get(i), "[" + i + "]"));
    JsonArray answers = new JsonArray(batch.size());
    for (Publish publish : batch) {
      try {
        answers.add(Answer.field("routed", send(app, publish)));
      } catch (HubException e) {
        JsonObject refused = Answer.errorBody(e.code(), e.getMessage());
        answers.add(refused);
      }
    }
    return Answer.ok(answers);
  }

  private int send(String app, Publish publish) {
    int routed;
    if (publish.to() != null) {
      routed = hub.send(app, publish.event(), publish.data(), publish.to());
    } else if (publish.rooms() != null) {
      routed = hub.sendToRooms(app, publish.event(), publish.data(), publish.rooms());
    } else {
      routed = hub.broadcast(app, publish.event(), publish.data());
    }
    api.metrics().published(app);
    return routed;
  }
}
