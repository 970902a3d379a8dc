package io.hatchet.server;

import io.hatchet.hub.HatchetHub;
import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import io.hatchet.server.config.ServiceConfig.Limits;
import io.hatchet.server.hooks.HttpAuthorizer;
import io.hatchet.server.hooks.HttpMessageHook;
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
        ServiceConfig.Hook hook = backend.authorizer();
        HttpAuthorizer authorizer = new HttpAuthorizer(hook.url().toString(),
            hook.timeout() != null ? hook.timeout() : backend.timeout(), hook.headers());
        hooks.add(authorizer::close);
        builder.authorizer(authorizer);
      }
      if (backend.messageHook() != null) {
        ServiceConfig.Hook hook = backend.messageHook();
        HttpMessageHook messageHook = new HttpMessageHook(hook.url().toString(),
            hook.timeout() != null ? hook.timeout() : backend.timeout(), hook.headers());
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
}
