package io.hatchet.server.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.hub.AppStats;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubStats;
import io.hatchet.server.config.ServiceConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The admin API's calls, each a route of its {@link Router}, answered through the hub's public
 * API: README, "Admin API", documents each.
 */
public final class AdminApi implements AutoCloseable {
  private final HatchetHub hub;
  private final String defaultApp;
  private final AdminMetrics metrics;
  private final Router router = new Router();
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * Makes the calls for {@code hub}.
   *
   * @param hub the running hub
   * @param config its config
   */
  public AdminApi(HatchetHub hub, ServiceConfig config) {
    this.hub = hub;
    this.defaultApp = config.defaultApp();
    this.metrics = new AdminMetrics(hub);
    routes(router, this, new UserCalls(hub, this), new PublishCalls(hub, this),
        new PeopleCalls(hub, this));
  }

  /** The routes, with handlers that are not called: for checking the README against them. */
  static Router routes() {
    return routes(new Router(), null, null, null, null);
  }

  private static Router routes(Router router, AdminApi api, UserCalls users,
      PublishCalls publishes, PeopleCalls people) {
    return router.add("POST", "/user/register", call -> users.register(call))
        .add("POST", "/user/send", call -> users.send(call))
        .add("POST", "/user/unregister", call -> users.unregister(call))
        .add("GET", "/apps", call -> api.apps())
        .add("POST", "/apps/{app}/publish", call -> publishes.publish(call))
        .add("PUT", "/apps/{app}/rooms/{room}/members/{consumerId}", call -> people.join(call))
        .add("DELETE", "/apps/{app}/rooms/{room}/members/{consumerId}", call -> people.leave(call))
        .add("GET", "/apps/{app}/rooms/{room}", call -> people.room(call))
        .add("GET", "/apps/{app}/users/{userId}/consumers", call -> people.consumersOf(call))
        .add("POST", "/apps/{app}/users/{userId}/send", call -> people.sendToUser(call))
        .add("POST", "/apps/{app}/users/{userId}/disconnect", call -> people.disconnectUser(call))
        .add("POST", "/apps/{app}/consumers/{consumerId}/disconnect",
            call -> people.disconnectConsumer(call))
        .add("GET", "/health", call -> api.health())
        .add("GET", "/stats", call -> api.stats())
        .add("GET", "/metrics", call -> Answer.text(api.metrics.scrape(), AdminMetrics.CONTENT_TYPE));
  }

  Router router() {
    return router;
  }

  AdminMetrics metrics() {
    return metrics;
  }

  /** Calls from now on are answered 503, but {@code /health}, which says why. */
  void drain() {
    draining.set(true);
  }

  boolean draining() {
    return draining.get();
  }

  String defaultApp() {
    return defaultApp;
  }

  /** {@code name}, checked to be an app of the hub: else 404 {@code unknown_app}. */
  String app(String name) {
    if (name == null || !hub.apps().contains(name)) {
      throw new AdminException(HttpResponseStatus.NOT_FOUND, "unknown_app",
          "no app " + (name == null ? "named" : "'" + name + "'") + " on this hub; its apps: "
              + String.join(", ", hub.apps()));
    }
    return name;
  }

  Answer sendToUser(String app, String userId, String event, JsonElement data) {
    Answer answer = UserCalls.sendToUser(hub, app, userId, event, data);
    metrics.published(app);
    return answer;
  }

  private Answer apps() {
    JsonArray apps = new JsonArray();
    hub.apps().forEach(apps::add);
    JsonObject answer = new JsonObject();
    answer.add("apps", apps);
    answer.addProperty("defaultApp", defaultApp);
    return Answer.ok(answer);
  }

  private Answer health() {
    boolean ready = !draining.get();
    JsonObject body = new JsonObject();
    body.addProperty("status", ready ? "ok" : "stopping");
    body.addProperty("alive", true);
    body.addProperty("ready", ready);
    return Answer.of(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
  }

  private Answer stats() {
    HubStats stats = hub.stats();
    JsonObject body = new JsonObject();
    body.addProperty("uptimeSeconds", stats.uptime().toMillis() / 1000.0);
    body.addProperty("connections", stats.connections());
    body.addProperty("publishes", stats.publishes());
    body.addProperty("deliveries", stats.deliveries());
    body.addProperty("queuedBytes", stats.queuedBytes());
    body.addProperty("droppedConnections", stats.droppedConnections());
    JsonObject apps = new JsonObject();
    for (Map.Entry<String, AppStats> entry : stats.apps().entrySet()) {
      AppStats app = entry.getValue();
      JsonObject sessions = new JsonObject();
      sessions.addProperty("consumers", app.consumers());
      sessions.addProperty("contributors", app.contributors());
      sessions.addProperty("producers", app.producers());
      JsonObject one = new JsonObject();
      one.add("sessions", sessions);
      one.addProperty("publishes", app.publishes());
      one.addProperty("deliveries", app.deliveries());
      one.addProperty("adminPublishes", metrics.published().getOrDefault(entry.getKey(), 0L));
      apps.add(entry.getKey(), one);
    }
    body.add("apps", apps);
    body.add("admin", metrics.calls());
    return Answer.ok(body);
  }

  @Override public void close() {
    metrics.close();
  }
}
