package io.hatchet.server.admin;

import io.hatchet.hub.HatchetHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} shows, in Prometheus's text format: the hub's figures, the admin
 * API's own calls, and the JVM's.
 */
final class AdminMetrics implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  AdminMetrics(HatchetHub hub) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder("hatchet.connections", hub, HatchetHub::connectionCount)
        .description("socket.io connections open, authenticated or not").register(registry);
  }

  /** Counts a call answered; on an admin event loop. */
  void answered(String route, int status, long nanos) {
    Counter.builder("hatchet.admin.calls").description("admin API calls answered")
        .tag("route", route).tag("status", Integer.toString(status)).register(registry)
        .increment();
    Timer.builder("hatchet.admin.call.duration").description("how long admin calls took")
        .tag("route", route).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  String scrape() {
    return registry.scrape();
  }

  @Override public void close() {
    gc.close();
    registry.close();
  }
}
