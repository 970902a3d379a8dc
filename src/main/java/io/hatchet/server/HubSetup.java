package io.hatchet.server;

import io.hatchet.hub.HatchetHub;
import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import io.hatchet.server.config.ServiceConfig.Limits;

/** A hub builder set as the config says: where to listen, the apps, every limit. */
final class HubSetup {
  private HubSetup() {
  }

  static HatchetHub.Builder builder(ServiceConfig config) {
    ServiceConfig.Client client = config.client();
    HatchetHub.Builder builder = HatchetHub.builder()
        .host(client.host())
        .port(client.port())
        .path(client.path())
        .transports(client.transports().toArray(String[]::new));
    for (AppConfig app : config.apps()) builder.app(app.app());
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
