package io.hatchet.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The users an application registered for pushinator's client protocol, by app: each with the
 * hash its clients authenticate with, and the connections authenticated as it now. A
 * registration lasts until it is removed, whatever its clients do. Thread-safe: each user under
 * its own lock, so that a client authenticating while its user is removed is either refused or
 * disconnected with the others.
 */
final class Registrations {
  private final Map<String, ConcurrentMap<String, User>> byApp;
  private final int maxPerApp;

  Registrations(Collection<String> apps, int maxPerApp) {
    Map<String, ConcurrentMap<String, User>> byApp = new HashMap<>();
    for (String app : apps) {
      byApp.put(app, new ConcurrentHashMap<>());
    }
    this.byApp = Map.copyOf(byApp);
    this.maxPerApp = maxPerApp;
  }

  /**
   * Registers {@code userId} of {@code app} with {@code hash}, or gives it a new hash; its
   * clients already authenticated stay.
   *
   * @throws HubException {@code too_many} if the app has as many users registered as allowed
   */
  void register(String app, String userId, String hash) {
    ConcurrentMap<String, User> users = byApp.get(app);
    byte[] bytes = hash.getBytes(StandardCharsets.UTF_8);
    while (true) {
      User user = users.get(userId);
      if (user == null) {
        if (users.size() >= maxPerApp) {
          throw HubException.of(HubLimits.reached("users registered with app "
              + RequestException.quote(app) + " (maxRegisteredUsers)", maxPerApp));
        }
        if (users.putIfAbsent(userId, new User(bytes)) == null) {
          return;
        }
        continue;
      }
      synchronized (user) {
        if (!user.removed) {
          user.hash = bytes;
          return;
        }
      }
    }
  }

  /**
   * Removes the registration of {@code userId}; its clients' connections are returned, for the
   * caller to close.
   *
   * @return the connections, or null if the user was not registered
   */
  List<Connection> unregister(String app, String userId) {
    User user = byApp.get(app).remove(userId);
    if (user == null) {
      return null;
    }
    synchronized (user) {
      user.removed = true;
      List<Connection> connections = new ArrayList<>(user.connections);
      user.connections.clear();
      return connections;
    }
  }

  /**
   * Whether {@code hash} is the registered hash of {@code userId}; if it is, {@code connection}
   * counts among the user's until {@link #left}.
   */
  boolean admit(String app, String userId, String hash, Connection connection) {
    User user = byApp.get(app).get(userId);
    if (user == null) {
      return false;
    }
    synchronized (user) {
      // In constant time, so that how long the answer takes tells nothing about the hash.
      if (user.removed
          || !MessageDigest.isEqual(user.hash, hash.getBytes(StandardCharsets.UTF_8))) {
        return false;
      }
      user.connections.add(connection);
      return true;
    }
  }

  /** {@code connection} of a client of {@code userId} closed. */
  void left(String app, String userId, Connection connection) {
    User user = byApp.get(app).get(userId);
    if (user != null) {
      synchronized (user) {
        user.connections.remove(connection);
      }
    }
  }

  /** One registered user: guarded by its own lock. */
  private static final class User {
    byte[] hash;
    boolean removed;
    final Set<Connection> connections = new HashSet<>(2);

    User(byte[] hash) {
      this.hash = hash;
    }
  }
}
