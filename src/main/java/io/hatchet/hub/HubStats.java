package io.hatchet.hub;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a hub counts, as of {@link HatchetHub#stats()}: read from counters the hub keeps as it
 * goes, so that asking costs a walk over the apps and connections and nothing on the paths that
 * route events. Immutable. The figures are taken one after the other, not in one instant: while
 * events flow, they may disagree a little (a publish counted before its deliveries).
 */
public final class HubStats {
  private final Duration uptime;
  private final int connections;
  private final Map<String, AppStats> apps;
  private final long queuedBytes;
  private final long droppedConnections;

  HubStats(Duration uptime, int connections, Map<String, AppStats> apps, long queuedBytes,
      long droppedConnections) {
    this.uptime = uptime;
    this.connections = connections;
    this.apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps)); // in the apps' order
    this.queuedBytes = queuedBytes;
    this.droppedConnections = droppedConnections;
  }

  /**
   * How long the hub has run, since {@link HatchetHub.Builder#start()}.
   *
   * @return the time since it started
   */
  public Duration uptime() {
    return uptime;
  }

  /**
   * The socket.io connections open now, authenticated or not.
   *
   * @return how many
   */
  public int connections() {
    return connections;
  }

  /**
   * Each app's figures, by app name: every app of the hub, also those nobody uses.
   *
   * @return an immutable map
   */
  public Map<String, AppStats> apps() {
    return apps;
  }

  /**
   * Events routed, over all apps (see {@link AppStats#publishes()}).
   *
   * @return how many since the hub started
   */
  public long publishes() {
    long sum = 0;
    for (AppStats app : apps.values()) {
      sum += app.publishes();
    }
    return sum;
  }

  /**
   * Events routed to consumers, over all apps (see {@link AppStats#deliveries()}).
   *
   * @return how many since the hub started
   */
  public long deliveries() {
    long sum = 0;
    for (AppStats app : apps.values()) {
      sum += app.deliveries();
    }
    return sum;
  }

  /**
   * Bytes waiting to be written, over all connections: events, answers and errors the hub has
   * queued for a connection and the network has not taken yet (also what waits in a polling
   * connection's buffer for its next poll). It grows while consumers read more slowly than
   * events come; each connection's share is bounded by {@code maxConnectionBacklog}.
   *
   * @return about how many bytes
   */
  public long queuedBytes() {
    return queuedBytes;
  }

  /**
   * Connections the hub dropped because they did not take what it wrote to them: more than
   * {@code maxConnectionBacklog} bytes waited for one of them.
   *
   * @return how many since the hub started
   */
  public long droppedConnections() {
    return droppedConnections;
  }

  @Override public String toString() {
    return "HubStats{uptime=" + uptime + ", connections=" + connections + ", publishes="
        + publishes() + ", deliveries=" + deliveries() + ", queuedBytes=" + queuedBytes
        + ", droppedConnections=" + droppedConnections + ", apps=" + apps + "}";
  }
}
