package io.hatchet.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated identity on one connection. Its watched events and alias are changed only by
 * its {@link Connection} (under the connection's lock) and read by publishers on any thread.
 */
final class Session {
  final Connection connection;
  final String name;
  final AppRoutes app;
  final KeyGrant grant;
  /** Read by publishers of other connections while this connection's requests change it. */
  final Set<String> watched = ConcurrentHashMap.newKeySet();
  volatile String alias;

  Session(Connection connection, String name, AppRoutes app, KeyGrant grant) {
    this.connection = connection;
    this.name = name;
    this.app = app;
    this.grant = grant;
  }

  Role role() {
    return grant.role;
  }

  @Override public String toString() {
    return "Session{" + name + ", app=" + app.name() + ", " + grant.role.wireName + "}";
  }
}
