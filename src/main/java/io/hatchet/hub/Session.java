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
  final Credential credential;
  /** The consumer id, which rooms hold; null for contributors and producers. */
  final String consumerId;
  /** Read by publishers of other connections while this connection's requests change it. */
  final Set<String> watched = ConcurrentHashMap.newKeySet();
  volatile String alias;

  Session(Connection connection, String name, AppRoutes app, Credential credential,
      String consumerId) {
    this.connection = connection;
    this.name = name;
    this.app = app;
    this.credential = credential;
    this.consumerId = consumerId;
  }

  Role role() {
    return credential.role;
  }

  /** The user of a token consumer, else null. */
  String userId() {
    return credential.userId;
  }

  boolean permits(String event) {
    return credential.permits(event);
  }

  @Override public String toString() {
    return "Session{" + name + ", app=" + app.name() + ", " + credential.role.wireName + "}";
  }
}
