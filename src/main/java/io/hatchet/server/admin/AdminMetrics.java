package io.hatchet.server.admin;

import com.google.gson.JsonObject;
import io.hatchet.hub.AppStats;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * What {@code GET /metrics} shows, in Prometheus's text format, from Micrometer's registry: the
 * hub's figures ({@code hub.stats()}, taken once per scrape), the admin API's own calls and
 * publishes, and the JVM's.
 */
final class AdminMetrics implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HatchetHub hub;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile HubStats stats;
  private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();
  private final LongAdder failedCalls = new LongAdder();

  AdminMetrics(HatchetHub hub) {
    this.hub = hub;
    this.stats = hub.stats();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    gauge("hatchet.connections", null, "socket.io connections open, authenticated or not",
        s -> s.connections());
    gauge("hatchet.queued", "bytes", "bytes waiting to be written to connections",
        s -> s.queuedBytes());
    FunctionCounter.builder("hatchet.dropped.connections", this,
            m -> m.stats.droppedConnections())
        .description("connections dropped for not taking what was written to them")
        .register(registry);
    for (String app : hub.apps()) {
      for (String role : new String[] {"consumer", "contributor", "producer"}) {
        Gauge.builder("hatchet.sessions", this, m -> sessions(m.stats.apps().get(app), role))
            .description("sessions authenticated now").tag("app", app).tag("role", role)
            .register(registry);
      }
      FunctionCounter.builder("hatchet.publishes", this, m -> appStat(m, app, true))
          .description("events routed").tag("app", app).register(registry);
      FunctionCounter.builder("hatchet.deliveries", this, m -> appStat(m, app, false))
          .description("events routed to consumers, one per consumer").tag("app", app)
          .register(registry);
      AtomicLong count = published.computeIfAbsent(app, a -> new AtomicLong());
      FunctionCounter.builder("hatchet.admin.publishes", count, AtomicLong::get)
          .description("events published through the admin API").tag("app", app)
          .register(registry);
    }
  }

  private void gauge(String name, String unit, String description,
      ToDoubleFunction<HubStats> value) {
    Gauge.builder(name, this, m -> value.applyAsDouble(m.stats)).baseUnit(unit)
        .description(description).register(registry);
  }

  private static double appStat(AdminMetrics metrics, String app, boolean publishes) {
    AppStats stats = metrics.stats.apps().get(app);
    if (stats == null) return 0;
    return publishes ? stats.publishes() : stats.deliveries();
  }

  private static double sessions(AppStats app, String role) {
    if (app == null) return 0;
    return switch (role) {
      case "consumer" -> app.consumers();
      case "contributor" -> app.contributors();
      default -> app.producers();
    };
  }

  /** Counts a call answered; on an admin event loop. */
  void answered(String route, int status, long nanos) {
    calls.increment();
    if (status >= 400) failedCalls.increment();
    Counter.builder("hatchet.admin.calls").description("admin API calls answered")
        .tag("route", route).tag("status", Integer.toString(status)).register(registry)
        .increment();
    Timer.builder("hatchet.admin.call.duration").description("how long admin calls took")
        .tag("route", route).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts an event published through the admin API. */
  void published(String app) {
    AtomicLong count = published.get(app);
    if (count != null) count.incrementAndGet();
  }

  Map<String, Long> published() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    published.forEach((app, count) -> counts.put(app, count.get()));
    return counts;
  }

  JsonObject calls() {
    JsonObject admin = new JsonObject();
    admin.addProperty("calls", calls.sum());
    admin.addProperty("failedCalls", failedCalls.sum());
    return admin;
  }

  /** The metrics now: the hub's figures are taken once, for every meter of this scrape. */
  synchronized String scrape() {
    stats = hub.stats();
    return registry.scrape();
  }

  @Override public void close() {
    gc.close();
    registry.close();
  }
}
