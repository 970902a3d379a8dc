package io.hatchet.server;

import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** What the hub logs once it has started: where it listens, its apps, where things are. */
final class Banner {
  private Banner() {
  }

  static void log(Logger log, ServiceConfig config, Service service, String logTo) {
    // Since the JVM started: what an operator waits for, the JVM's own start included.
    long millis = ManagementFactory.getRuntimeMXBean().getUptime();
    ServiceConfig.Client client = config.client();
    log.info("hatchet hub {} started in {} ms: pid {}, config {}", Version.get(), millis,
        ProcessHandle.current().pid(), config.file());
    log.info("clients connect to {} (listening on {}:{}, path {}, transports {}{})",
        service.hub().url(), client.host(), service.hub().port(), client.path(),
        String.join(", ", client.transports()),
        client.allowedOrigins().isEmpty() ? ", any origin"
            : ", origins " + String.join(", ", client.allowedOrigins()));
    log.info("admin API at {} (listening on {}, bearer token required)", service.adminUrl(),
        config.admin().host());
    for (AppConfig app : config.apps()) {
      log.info("app {}: {}{}", app.app().name(), roles(app),
          app.app().name().equals(config.defaultApp()) ? "; the default app of /user/..." : "");
    }
    log.info("pidfile {}; log to {}", config.pidfile(), logTo);
  }

  static String roles(AppConfig app) {
    List<String> roles = new ArrayList<>();
    if (app.consumerKeys() > 0) roles.add("consumers (" + count(app.consumerKeys(), "key") + ")");
    if (app.contributorKeys() > 0) {
      roles.add("contributors (" + count(app.contributorKeys(), "key") + ")");
    }
    List<String> producer = new ArrayList<>();
    if (app.producerSecrets() > 0) producer.add(count(app.producerSecrets(), "secret"));
    if (app.producerPublicKeys() > 0) producer.add(count(app.producerPublicKeys(), "public key"));
    if (!producer.isEmpty()) {
      roles.add("producers and token consumers (" + String.join(", ", producer) + ")");
    }
    return roles.isEmpty() ? "no keys (registered users and the authorizer only)"
        : String.join(", ", roles);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
