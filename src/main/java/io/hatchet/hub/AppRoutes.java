package io.hatchet.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The routing indexes of one app: which consumer sessions watch an event, and which carry an
 * alias. Publishers read them from any event loop without locking; a session's own connection
 * changes them (under its lock), so a session is never half added or left behind.
 *
 * <p>Also holds the app's {@link TokenVerifier}, and its {@link ConsumerDirectory} of consumer
 * ids and rooms, which sessions enter and leave through {@link #opened} and {@link #forget}.
 */
final class AppRoutes {
  final App app;
  final TokenVerifier verifier;
  final ConsumerDirectory consumers;
  private final ConcurrentMap<String, Set<Session>> watchersByEvent = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Set<Session>> sessionsByAlias = new ConcurrentHashMap<>();

  AppRoutes(App app, TokenVerifier verifier, ConsumerDirectory consumers) {
    this.app = app;
    this.verifier = verifier;
    this.consumers = consumers;
  }

  String name() {
    return app.name();
  }

  void watch(Session session, String event) {
    if (session.watched.add(event)) {
      add(watchersByEvent, event, session);
    }
  }

  void unwatch(Session session, String event) {
    if (session.watched.remove(event)) {
      remove(watchersByEvent, event, session);
    }
  }

  /** Gives {@code session} this alias, or none if {@code alias} is null. */
  void alias(Session session, String alias) {
    String old = session.alias;
    if (old != null && old.equals(alias)) {
      return;
    }
    if (old != null) {
      remove(sessionsByAlias, old, session);
    }
    session.alias = alias;
    if (alias != null) {
      add(sessionsByAlias, alias, session);
    }
  }

  /**
   * Indexes a new session: a consumer claims its id (and a token consumer joins its user room
   * and takes its user id as alias). Nothing is indexed if the claim fails.
   *
   * @throws RequestException {@code id_in_use}
   */
  void opened(Session session) throws RequestException {
    if (session.consumerId != null) {
      consumers.claim(session);
    }
    if (session.userId() != null) {
      alias(session, session.userId());
    }
  }

  /**
   * Takes {@code session} out of every index. Its consumer id goes too if it {@code ended};
   * after a closed connection the id keeps its rooms for the grace period.
   */
  void forget(Session session, boolean ended) {
    for (String event : session.watched) {
      remove(watchersByEvent, event, session);
    }
    session.watched.clear();
    alias(session, null);
    if (session.consumerId != null) {
      if (ended) {
        consumers.ended(session);
      } else {
        consumers.disconnected(session);
      }
    }
  }

  /**
   * Returns the consumer sessions that should receive {@code event}, grouped by connection so
   * each connection gets one {@code deliver}. {@code to} null means every watching session.
   */
  Map<Connection, List<String>> recipients(String event, List<String> to) {
    Map<Connection, List<String>> byConnection = new HashMap<>();
    if (to == null) {
      Set<Session> watchers = watchersByEvent.get(event);
      if (watchers != null) {
        for (Session session : watchers) {
          byConnection.computeIfAbsent(session.connection, c -> new ArrayList<>(1))
              .add(session.name);
        }
      }
      return byConnection;
    }
    for (String alias : new LinkedHashSet<>(to)) {
      Set<Session> aliased = sessionsByAlias.get(alias);
      if (aliased == null) {
        continue;
      }
      for (Session session : aliased) {
        if (!session.watched.contains(event)) {
          continue;
        }
        List<String> names =
            byConnection.computeIfAbsent(session.connection, c -> new ArrayList<>(1));
        // A session renamed between two aliases of the list while we look must count once.
        if (!names.contains(session.name)) {
          names.add(session.name);
        }
      }
    }
    return byConnection;
  }

  /** Index entries (session per event, session per alias); zero once every session is gone. */
  int indexSize() {
    int size = 0;
    for (Set<Session> sessions : watchersByEvent.values()) size += sessions.size();
    for (Set<Session> sessions : sessionsByAlias.values()) size += sessions.size();
    return size;
  }

  /** Number of keys in the indexes; empty sets are removed, so this drops to zero too. */
  int indexKeys() {
    return watchersByEvent.size() + sessionsByAlias.size();
  }

  // compute() is atomic per key, so a set emptied by one thread is never reused by another.
  private static void add(ConcurrentMap<String, Set<Session>> index, String key, Session s) {
    index.compute(key, (k, sessions) -> {
      Set<Session> result = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
      result.add(s);
      return result;
    });
  }

  private static void remove(ConcurrentMap<String, Set<Session>> index, String key, Session s) {
    index.computeIfPresent(key, (k, sessions) -> {
      sessions.remove(s);
      return sessions.isEmpty() ? null : sessions;
    });
  }
}
