package io.hatchet.server;

import io.hatchet.hub.HatchetHub;
import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import io.hatchet.server.config.ServiceConfig.Limits;
import io.hatchet.server.hooks.HttpAuthorizer;
import io.hatchet.server.hooks.HttpMessageHook;
import java.time.Duration;
import java.util.List;

/** A hub builder set as the config says: where to listen, the apps, every limit. */
final class HubSetup {
  private HubSetup() {
  }

  /**
   * A builder set as {@code config} says. What closes the backend hooks it makes is added to
   * {@code hooks}: the caller runs it once the hub is closed.
   */
  static HatchetHub.Builder builder(ServiceConfig config, List<Runnable> hooks) {
    ServiceConfig.Client client = config.client();
    HatchetHub.Builder builder = HatchetHub.builder()
        .host(client.host())
        .port(client.port())
        .path(client.path())
        .transports(client.transports().toArray(String[]::new));
    for (AppConfig app : config.apps()) builder.app(app.app());
    if (config.defaultApp() != null) builder.defaultApp(config.defaultApp());
    ServiceConfig.Hooks backend = config.hooks();
    if (backend != null) {
      builder.hookTimeout(backend.timeout());
      if (backend.authorizer() != null) {
        HttpAuthorizer authorizer = new HttpAuthorizer(backend.authorizer().url().toString(),
            timeout(backend.authorizer(), backend), backend.authorizer().headers());
        hooks.add(authorizer::close);
        builder.authorizer(authorizer);
      }
      if (backend.messageHook() != null) {
        HttpMessageHook messageHook = new HttpMessageHook(backend.messageHook().url().toString(),
            timeout(backend.messageHook(), backend), backend.messageHook().headers());
        hooks.add(messageHook::close);
        builder.messageHook(messageHook);
      }
    }
    if (client.tls() != null) {
      builder.tls(client.tls().certificateChain(), client.tls().privateKey());
    }
    if (!client.allowedOrigins().isEmpty()) {
      builder.allowedOrigins(client.allowedOrigins().toArray(String[]::new));
    }
    Limits limits = config.limits();
    return builder
        .maxMessageBytes(limits.maxMessageBytes())
        .clockSkew(limits.clockSkew())
        .consumerGracePeriod(limits.consumerGracePeriod())
        .recoveryWindow(limits.recoveryWindowMessages(), limits.recoveryWindowAge())
        .recoveryWindowBytes(limits.recoveryWindowBytes())
        .maxConnectionBacklog(limits.maxConnectionBacklog())
        .heartbeat(limits.heartbeatInterval(), limits.heartbeatTimeout())
        .handshakeTimeout(limits.handshakeTimeout())
        .maxSessionsPerConnection(limits.maxSessionsPerConnection())
        .maxWatchesPerConsumer(limits.maxWatchesPerConsumer())
        .maxRoomsPerConsumer(limits.maxRoomsPerConsumer())
        .maxPublishersPerApp(limits.maxPublishersPerApp())
        .maxTargetsPerPublish(limits.maxTargetsPerPublish())
        .maxConnectionsPerIp(limits.maxConnectionsPerIp())
        .maxRequestsPerSecond(limits.maxRequestsPerSecond());
  }

  /** A hook's own timeout, else the one all hooks share. */
  private static Duration timeout(ServiceConfig.Hook hook, ServiceConfig.Hooks all) {
    return hook.timeout() != null ? hook.timeout() : all.timeout();
  }
}
