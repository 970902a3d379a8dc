package io.hatchet.hub;

import io.hatchet.hub.internal.netty.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Everything the hub knows: its apps and routes, and the open connections. Thread-safe. */
final class HubRegistry {
  private final Map<String, AppRoutes> apps;
  private final ConcurrentMap<String, Connection> connections = new ConcurrentHashMap<>();
  final int maxMessageBytes;
  /** Bytes of deliveries that may wait for a connection that does not read them. */
  final long maxConnectionBacklog;
  /** Started by {@link HatchetHub} once its server has made its event loops. */
  final HubLoops loops = new HubLoops();
  /** What ages are decided by: when a publish happened, whether a period is over. */
  final Ticker ticker;
  final HubLimits limits;

  HubRegistry(Collection<App> apps, int maxMessageBytes, Duration clockSkew,
      Duration consumerGracePeriod, int windowMessages, long windowBytes, Duration windowAge,
      long maxConnectionBacklog, HubLimits limits, Ticker ticker) {
    this.ticker = ticker;
    this.limits = limits;
    Map<String, AppRoutes> byName = new LinkedHashMap<>();
    for (App app : apps) {
      byName.put(app.name(), new AppRoutes(app, new TokenVerifier(app, clockSkew),
          new ConsumerDirectory(app.name(), loops, ticker, consumerGracePeriod,
              windowMessages, windowBytes, windowAge, limits),
          // A publisher's retries come within its reconnects: as long as a consumer's.
          new PublisherLog(loops, ticker, ConsumerDirectory.nanos(consumerGracePeriod),
              limits.publishersPerApp())));
    }
    this.apps = Map.copyOf(byName);
    this.maxMessageBytes = maxMessageBytes;
    this.maxConnectionBacklog = maxConnectionBacklog;
  }

  /** Returns the app of this name, or null. */
  AppRoutes app(String name) {
    return apps.get(name);
  }

  /** A socket joined the namespace: it becomes a connection, kept with the socket. */
  Connection connectionOpened(Socket socket) {
    Connection connection = new Connection(socket, maxConnectionBacklog, limits.sessionsPerConnection());
    socket.attach(connection);
    connections.put(socket.id(), connection);
    return connection;
  }

  void connectionClosed(Socket socket) {
    Connection connection = connections.remove(socket.id());
    if (connection != null) {
      connection.close();
    }
  }

  int connectionCount() {
    return connections.size();
  }

  void disconnectAll() {
    for (Connection connection : new ArrayList<>(connections.values())) {
      connection.disconnect();
    }
  }

  /** Forgets every connection, for a hub that has stopped. */
  void closeAll() {
    List<String> ids = new ArrayList<>(connections.keySet());
    for (String id : ids) {
      Connection connection = connections.remove(id);
      if (connection != null) {
        connection.close();
      }
    }
  }

  /** Consumer records and index entries over all apps: zero when no consumer id is kept. */
  int consumerIndexSize() {
    int size = 0;
    for (AppRoutes app : apps.values()) {
      size += app.consumers.size();
    }
    return size;
  }

  /** Event and alias index entries over all apps: zero when no record watches or has an alias. */
  int indexSize() {
    int size = 0;
    for (AppRoutes app : apps.values()) {
      size += app.consumers.routeIndexSize();
    }
    return size;
  }

  /**
   * Consumer records without a session over all apps: those waiting out their grace period. A
   * closed connection's consumers count here once the hub has taken them off it. For tests.
   */
  int consumersInGrace() {
    int count = 0;
    for (AppRoutes app : apps.values()) {
      count += app.consumers.inGrace();
    }
    return count;
  }

  /** Publishers remembered over all apps. For tests. */
  int publisherCount() {
    int count = 0;
    for (AppRoutes app : apps.values()) {
      count += app.publishers.size();
    }
    return count;
  }
}
