package io.hatchet.server.admin;

import com.google.gson.JsonObject;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * pushinator's admin calls, as its README documents them: {@code POST /user/register
 * {"userId":5,"hash":"xxx1234"}} and {@code POST /user/send {"userId":5,"message":"..."}},
 * plus {@code POST /user/unregister}. They are for the default app; {@code ?app=} or an
 * {@code "app"} field names another. Their bodies are read as JSON whatever their content type,
 * as pushinator's {@code curl -d} sends a form's.
 */
final class UserCalls {
  private final HatchetHub hub;
  private final AdminApi api;

  UserCalls(HatchetHub hub, AdminApi api) {
    this.hub = hub;
    this.api = api;
  }

  private record Request(String app, String userId, Body body) {
  }

  private Request read(Call call, Set<String> fields) {
    Body body = new Body(call.object(true), "").only(fields);
    String named = body.string("app", false);
    String query = call.query("app");
    if (named != null && query != null && !named.equals(query)) {
      throw AdminException.badRequest("?app=" + query + " and \"app\": \"" + named
          + "\" name two apps");
    }
    String app = api.app(named != null ? named : query != null ? query : api.defaultApp());
    return new Request(app, body.id("userId"), body);
  }

  Answer register(Call call) {
    Request request = read(call, Set.of("app", "userId", "hash"));
    String hash = request.body().string("hash", true);
    try {
      hub.registerUser(request.app(), request.userId(), hash);
    } catch (HubException e) {
      throw Refusals.of(e); // bad_request, too_many past maxRegisteredUsers
    }
    return Answer.ok(user(request, "registered", true));
  }

  Answer unregister(Call call) {
    Request request = read(call, Set.of("app", "userId"));
    boolean was;
    try {
      was = hub.unregisterUser(request.app(), request.userId());
    } catch (HubException e) {
      throw Refusals.of(e);
    }
    if (!was) {
      throw new AdminException(HttpResponseStatus.NOT_FOUND, "unknown_user",
          "user " + request.userId() + " of app " + request.app() + " is not registered");
    }
    return Answer.ok(user(request, "unregistered", true));
  }

  Answer send(Call call) {
    Request request = read(call, Set.of("app", "userId", "message"));
    if (!request.body().has("message")) throw AdminException.badRequest("\"message\" is missing");
    return api.sendToUser(request.app(), request.userId(), "message",
        request.body().value("message"));
  }

  private static JsonObject user(Request request, String what, boolean value) {
    JsonObject answer = new JsonObject();
    answer.addProperty("app", request.app());
    answer.addProperty("userId", request.userId());
    answer.addProperty(what, value);
    return answer;
  }

  static AdminException noConsumer(String app, String userId) {
    return new AdminException(HttpResponseStatus.NOT_FOUND, "unknown_user", "user " + userId
        + " of app " + app + " has no consumer: it is not registered, or none of its clients is"
        + " connected; nothing was sent");
  }

  /** {@code hub.sendToUser}, answered {@code {"routed": n}}, or 404 if it reached no one. */
  static Answer sendToUser(HatchetHub hub, String app, String userId, String event,
      com.google.gson.JsonElement data) {
    int routed;
    try {
      routed = hub.sendToUser(app, userId, event, data);
    } catch (HubException e) {
      throw Refusals.of(e);
    }
    if (routed == 0) throw noConsumer(app, userId);
    return Answer.ok(Answer.field("routed", routed));
  }
}
