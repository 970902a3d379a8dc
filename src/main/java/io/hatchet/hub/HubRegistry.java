package io.hatchet.hub;

import io.hatchet.hub.internal.netty.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

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
  private final long startedAt = System.nanoTime();
  private final LongAdder droppedConnections = new LongAdder();
  /** Set once the hub begins to close gracefully: a connection opened now is told to go. */
  private volatile boolean closing;

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
    this.apps = Collections.unmodifiableMap(byName); // in the order they were given
    this.maxMessageBytes = maxMessageBytes;
    this.maxConnectionBacklog = maxConnectionBacklog;
  }

  /** Returns the app of this name, or null. */
  AppRoutes app(String name) {
    return apps.get(name);
  }

  /** The names of the apps, in the order they were given. */
  Set<String> appNames() {
    return apps.keySet();
  }

  /** A socket joined the namespace: it becomes a connection, kept with the socket. */
  Connection connectionOpened(Socket socket) {
    Connection connection = new Connection(socket, maxConnectionBacklog,
        limits.sessionsPerConnection(), droppedConnections::increment);
    socket.attach(connection);
    connections.put(socket.id(), connection);
    if (closing) {
      connection.leave(); // put first: either this or leaveAll tells it, maybe both
    }
    return connection;
  }

  void connectionClosed(Socket socket) {
    Connection connection = connections.remove(socket.id());
    if (connection != null) {
      connection.close();
      connection.socketClosed();
    }
  }

  boolean closing() {
    return closing;
  }

  /**
   * Begins to close: tells every connection to go once what is queued for it is written (see
   * {@link Connection#leave}), and each one opened from now on too. Returns at once, with a
   * future for each connection open now that says whether all of it was written.
   */
  List<CompletableFuture<Boolean>> leaveAll() {
    closing = true;
    List<CompletableFuture<Boolean>> left = new ArrayList<>(connections.size());
    for (Connection connection : connections.values()) {
      left.add(connection.leave());
    }
    return left;
  }

  /** What the hub counts now. */
  HubStats stats() {
    Map<String, AppStats> byApp = new LinkedHashMap<>();
    for (Map.Entry<String, AppRoutes> app : apps.entrySet()) {
      byApp.put(app.getKey(), app.getValue().stats());
    }
    long queued = 0;
    for (Connection connection : connections.values()) {
      queued += connection.queuedBytes();
    }
    return new HubStats(Duration.ofNanos(System.nanoTime() - startedAt),
        connections.size(), byApp, queued, droppedConnections.sum());
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
