package io.hatchet.hub.internal.netty;

import java.util.Objects;
import java.util.Set;

/**
 * What a {@link SocketServer} is told by the hub: where to listen, the Engine.IO settings it
 * announces, and the bounds it keeps. Immutable; the hub checks the values before it makes one.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param path the Engine.IO path, with its leading and trailing slash ({@code /socket.io/})
 * @param threadPrefix the prefix of the names of the threads the server starts
 * @param pingIntervalMillis how often the server pings each connection
 * @param pingTimeoutMillis how long it waits for the pong before it closes the connection
 * @param maxPayload the largest WebSocket frame or polling request body, in bytes
 * @param maxBacklogBytes the bytes that may wait to be written to one connection; past them it
 *     is dropped
 * @param handshakeTimeoutMillis how long a new connection may take from its first byte to its
 *     socket.io CONNECT; also the longest a request's headers may take to arrive
 * @param maxConnectionsPerIp connections one IP address may hold at once; 0: no bound
 * @param maxRequestsPerSecond socket.io events one connection may send per second (twice as
 *     many Engine.IO packets of any kind); 0: no bound
 * @param cors which browser origins may read the hub's polling answers
 * @param routes what answers plain HTTP requests on other paths
 * @param tls the TLS every connection speaks; null: plain HTTP
 * @param transports the Engine.IO transports clients may use: {@code polling} and/or
 *     {@code websocket}
 */
public record ServerConfig(String host, int port, String path, String threadPrefix,
    long pingIntervalMillis, long pingTimeoutMillis, int maxPayload, long maxBacklogBytes,
    long handshakeTimeoutMillis, int maxConnectionsPerIp, int maxRequestsPerSecond,
    CorsPolicy cors, HttpRoutes routes, ServerTls tls, Set<String> transports) {
  /** Both transports: what socket.io clients use unless told otherwise. */
  public static final Set<String> ALL_TRANSPORTS = Set.of("polling", "websocket");

  /** A server of plain HTTP, with both transports. */
  public ServerConfig(String host, int port, String path, String threadPrefix,
      long pingIntervalMillis, long pingTimeoutMillis, int maxPayload, long maxBacklogBytes,
      long handshakeTimeoutMillis, int maxConnectionsPerIp, int maxRequestsPerSecond,
      CorsPolicy cors, HttpRoutes routes) {
    this(host, port, path, threadPrefix, pingIntervalMillis, pingTimeoutMillis, maxPayload,
        maxBacklogBytes, handshakeTimeoutMillis, maxConnectionsPerIp, maxRequestsPerSecond, cors,
        routes, null, ALL_TRANSPORTS);
  }

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(threadPrefix, "threadPrefix");
    Objects.requireNonNull(cors, "cors");
    Objects.requireNonNull(routes, "routes");
    transports = Set.copyOf(transports);
    if (transports.isEmpty() || !ALL_TRANSPORTS.containsAll(transports)) {
      throw new IllegalArgumentException("transports must be polling and/or websocket: "
          + transports);
    }
    if (!path.startsWith("/") || !path.endsWith("/")) {
      throw new IllegalArgumentException("path must start and end with '/': " + path);
    }
  }

  /** This config with {@code tls} (null: plain HTTP) instead of its own. */
  public ServerConfig withTls(ServerTls tls) {
    return new ServerConfig(host, port, path, threadPrefix, pingIntervalMillis,
        pingTimeoutMillis, maxPayload, maxBacklogBytes, handshakeTimeoutMillis,
        maxConnectionsPerIp, maxRequestsPerSecond, cors, routes, tls, transports);
  }

  /** This config with {@code transports} instead of its own. */
  public ServerConfig withTransports(Set<String> transports) {
    return new ServerConfig(host, port, path, threadPrefix, pingIntervalMillis,
        pingTimeoutMillis, maxPayload, maxBacklogBytes, handshakeTimeoutMillis,
        maxConnectionsPerIp, maxRequestsPerSecond, cors, routes, tls, transports);
  }
}
