package io.hatchet.server.admin;

import com.google.gson.JsonObject;
import io.hatchet.hub.HatchetHub;
import io.hatchet.server.config.ServiceConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The admin API's calls, each a route of its {@link Router}, answered from the hub's public API.
 */
public final class AdminApi implements AutoCloseable {
  private final HatchetHub hub;
  private final ServiceConfig config;
  private final AdminMetrics metrics;
  private final Router router = new Router();
  private final Instant started = Instant.now();

  /**
   * Makes the calls for {@code hub}.
   *
   * @param hub the running hub
   * @param config its config
   */
  public AdminApi(HatchetHub hub, ServiceConfig config) {
    this.hub = hub;
    this.config = config;
    this.metrics = new AdminMetrics(hub);
    router.add("GET", "/health", call -> health())
        .add("GET", "/stats", call -> stats())
        .add("GET", "/metrics", call -> Answer.text(metrics.scrape(), AdminMetrics.CONTENT_TYPE));
  }

  Router router() {
    return router;
  }

  AdminMetrics metrics() {
    return metrics;
  }

  private Answer health() {
    JsonObject body = new JsonObject();
    body.addProperty("status", "ok");
    body.addProperty("alive", true);
    body.addProperty("ready", true);
    return Answer.ok(body);
  }

  private Answer stats() {
    JsonObject body = new JsonObject();
    body.addProperty("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    body.addProperty("connections", hub.connectionCount());
    return Answer.ok(body);
  }

  @Override public void close() {
    metrics.close();
  }
}
