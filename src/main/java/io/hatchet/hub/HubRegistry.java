package io.hatchet.hub;

import com.corundumstudio.socketio.SocketIOClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Everything the hub knows: its apps and routes, and the open connections. Thread-safe. */
final class HubRegistry {
  private final Map<String, AppRoutes> apps;
  private final ConcurrentMap<UUID, Connection> connections = new ConcurrentHashMap<>();
  final int maxMessageBytes;
  /** Bytes of deliveries that may wait for a connection that does not read them. */
  final long maxConnectionBacklog;
  /** Started by {@link HubServer} once it has made its event loops. */
  final HubLoops loops = new HubLoops();
  /** What ages are decided by: when a publish happened, whether a period is over. */
  final Ticker ticker;

  HubRegistry(Collection<App> apps, int maxMessageBytes, Duration clockSkew,
      Duration consumerGracePeriod, int windowMessages, Duration windowAge,
      long maxConnectionBacklog, Ticker ticker) {
    this.ticker = ticker;
    Map<String, AppRoutes> byName = new LinkedHashMap<>();
    for (App app : apps) {
      byName.put(app.name(), new AppRoutes(app, new TokenVerifier(app, clockSkew),
          new ConsumerDirectory(app.name(), loops, ticker, consumerGracePeriod,
              windowMessages, windowAge),
          // A publisher's retries come within its reconnects: as long as a consumer's.
          new PublisherLog(loops, ticker, ConsumerDirectory.nanos(consumerGracePeriod))));
    }
    this.apps = Map.copyOf(byName);
    this.maxMessageBytes = maxMessageBytes;
    this.maxConnectionBacklog = maxConnectionBacklog;
  }

  /** Returns the app of this name, or null. */
  AppRoutes app(String name) {
    return apps.get(name);
  }

  Connection connectionOpened(SocketIOClient client) {
    Connection connection = new Connection(client, loops.current(), maxConnectionBacklog);
    Connection previous = connections.put(client.getSessionId(), connection);
    if (previous != null) {
      previous.close();
    }
    return connection;
  }

  void connectionClosed(SocketIOClient client) {
    Connection connection = connections.remove(client.getSessionId());
    if (connection != null) {
      connection.close();
    }
  }

  /** Returns the open connection of this client, or null if it has closed. */
  Connection connection(SocketIOClient client) {
    return connections.get(client.getSessionId());
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
    List<UUID> ids = new ArrayList<>(connections.keySet());
    for (UUID id : ids) {
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
