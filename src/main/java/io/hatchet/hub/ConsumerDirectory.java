package io.hatchet.hub;

import io.hatchet.internal.Tokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The consumers of one app by id, and the rooms they are in.
 *
 * <p>A consumer id outlives the sessions that claim it: rooms belong to the id, so a consumer
 * that reconnects finds its rooms again. When its session's connection closes, the record waits
 * a grace period for a new session, then goes with its rooms; {@code end} removes it at once.
 *
 * <p>Changes come from many threads: the consumer's connection (auth, end, close, which may run
 * on any thread), producers' connections (join, leave) and the timer. They all take this
 * object's lock, so a join never lands on a record being removed and every removal takes the
 * record out of every index. The lock is held for a few map operations only. Publishers read the
 * indexes without it, from any event loop: every index is a concurrent map of concurrent sets.
 * Lock order: a {@link Connection}'s lock, then this one, never the reverse.
 */
final class ConsumerDirectory {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration MAX_GRACE = Duration.ofNanos(Long.MAX_VALUE / 2);

  private final String appName;
  private final HubTimer timer;
  private final long graceNanos;
  private final ConcurrentMap<String, ConsumerRecord> byId = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Set<ConsumerRecord>> membersByRoom =
      new ConcurrentHashMap<>();
  /** Token consumers' records by user, for {@code consumers}. */
  private final ConcurrentMap<String, Set<ConsumerRecord>> recordsByUser =
      new ConcurrentHashMap<>();

  ConsumerDirectory(String appName, HubTimer timer, Duration gracePeriod) {
    this.appName = appName;
    this.timer = timer;
    // At most ~146 years, so that deadlines on System.nanoTime() never overflow.
    this.graceNanos = gracePeriod.compareTo(MAX_GRACE) > 0 ? MAX_GRACE.toNanos()
        : gracePeriod.toNanos();
  }

  /** A fresh id: 128 random bits as 22 URL-safe base64 characters, like the Java client's. */
  static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Gives {@code session} its consumer id: a free id gets a new record; the id of a record of
   * the same user (a reconnect) is taken over, rooms included, and routes to this session from
   * now on, even if the old session is still open. A token consumer joins its user room.
   *
   * @throws RequestException {@code id_in_use} if the id belongs to another user
   */
  synchronized void claim(Session session) throws RequestException {
    String id = session.consumerId;
    ConsumerRecord record = live(id);
    if (record == null) {
      record = new ConsumerRecord(id, session.userId());
      byId.put(id, record);
      if (record.userId != null) {
        add(recordsByUser, record.userId, record);
      }
    } else if (!Objects.equals(record.userId, session.userId())) {
      throw new RequestException(ErrorCode.ID_IN_USE,
          "consumer id '" + id + "' of app '" + appName + "' belongs to another user");
    } else {
      record.cancelExpiry();
    }
    record.session = session;
    if (record.userId != null) {
      join(record, Tokens.userRoom(record.userId));
    }
  }

  /** {@code session}'s connection closed: its record waits the grace period for a reconnect. */
  synchronized void disconnected(Session session) {
    ConsumerRecord record = byId.get(session.consumerId);
    if (record == null || record.session != session) {
      return; // ended already, or taken over by a newer session
    }
    record.session = null;
    record.expiresAt = System.nanoTime() + graceNanos;
    long generation = ++record.generation;
    record.expiry = timer.schedule(() -> expire(record, generation), graceNanos);
    if (record.expiry == null) {
      remove(record); // the hub is stopping: no reconnect will come
    }
  }

  /** {@code session} ended: its record and rooms go at once, unless a newer session has it. */
  synchronized void ended(Session session) {
    ConsumerRecord record = byId.get(session.consumerId);
    if (record != null && record.session == session) {
      remove(record);
    }
  }

  /**
   * Puts consumer {@code id} into {@code room}; false if it already was there.
   *
   * @throws RequestException {@code unknown_consumer} if no live record has this id
   */
  synchronized boolean join(String id, String room) throws RequestException {
    ConsumerRecord record = live(id);
    if (record == null) {
      throw new RequestException(ErrorCode.UNKNOWN_CONSUMER, "app '" + appName
          + "' has no consumer '" + id + "' (never authenticated, ended, or gone too long)");
    }
    return join(record, room);
  }

  /** Takes consumer {@code id} out of {@code room}; false if it was not there or is unknown. */
  synchronized boolean leave(String id, String room) {
    ConsumerRecord record = live(id);
    if (record == null || !record.rooms.remove(room)) {
      return false;
    }
    remove(membersByRoom, room, record);
    return true;
  }

  /** The token consumers of {@code userId} with a session right now. */
  int connected(String userId) {
    Set<ConsumerRecord> records = recordsByUser.get(userId);
    int count = 0;
    if (records != null) {
      for (ConsumerRecord record : records) {
        if (record.session != null) count++;
      }
    }
    return count;
  }

  /**
   * The sessions in any of {@code rooms} that watch {@code event}, each once, grouped by
   * connection so each connection gets one {@code deliver}.
   */
  Map<Connection, List<String>> recipients(String event, List<String> rooms) {
    Map<Connection, List<String>> byConnection = new HashMap<>();
    Set<Session> seen = new HashSet<>();
    for (String room : new LinkedHashSet<>(rooms)) {
      Set<ConsumerRecord> members = membersByRoom.get(room);
      if (members == null) {
        continue;
      }
      for (ConsumerRecord record : members) {
        Session session = record.session;
        if (session != null && session.watched.contains(event) && seen.add(session)) {
          byConnection.computeIfAbsent(session.connection, c -> new ArrayList<>(1))
              .add(session.name);
        }
      }
    }
    return byConnection;
  }

  /** Records, room entries and user entries; zero once every consumer is gone. For tests. */
  int size() {
    int size = byId.size() + membersByRoom.size() + recordsByUser.size();
    for (Set<ConsumerRecord> members : membersByRoom.values()) size += members.size();
    for (Set<ConsumerRecord> records : recordsByUser.values()) size += records.size();
    return size;
  }

  /** Whether consumer {@code id} is in {@code room}. For tests. */
  boolean isMember(String id, String room) {
    Set<ConsumerRecord> members = membersByRoom.get(room);
    return members != null && members.stream().anyMatch(record -> record.id.equals(id));
  }

  /**
   * The record of {@code id}, or null if there is none or its grace period is over: the timer
   * may run a little late, and an id must be free from the moment the protocol says.
   */
  private ConsumerRecord live(String id) {
    ConsumerRecord record = byId.get(id);
    if (record != null && record.session == null && System.nanoTime() - record.expiresAt >= 0) {
      remove(record);
      return null;
    }
    return record;
  }

  private synchronized void expire(ConsumerRecord record, long generation) {
    if (byId.get(record.id) == record && record.session == null
        && record.generation == generation) {
      remove(record);
    }
  }

  private boolean join(ConsumerRecord record, String room) {
    if (!record.rooms.add(room)) {
      return false;
    }
    add(membersByRoom, room, record);
    return true;
  }

  private void remove(ConsumerRecord record) {
    record.cancelExpiry();
    byId.remove(record.id, record);
    for (String room : record.rooms) {
      remove(membersByRoom, room, record);
    }
    record.rooms.clear();
    if (record.userId != null) {
      remove(recordsByUser, record.userId, record);
    }
    record.session = null;
  }

  // compute() is atomic per key, so a set emptied by one call is never reused by another.
  private static void add(
      ConcurrentMap<String, Set<ConsumerRecord>> index, String key, ConsumerRecord record) {
    index.compute(key, (k, records) -> {
      Set<ConsumerRecord> result = records != null ? records : ConcurrentHashMap.newKeySet();
      result.add(record);
      return result;
    });
  }

  private static void remove(
      ConcurrentMap<String, Set<ConsumerRecord>> index, String key, ConsumerRecord record) {
    index.computeIfPresent(key, (k, records) -> {
      records.remove(record);
      return records.isEmpty() ? null : records;
    });
  }

  /** One consumer id: its user, its rooms, and the session it routes to. */
  private static final class ConsumerRecord {
    final String id;
    /** The token's user, or null for a consumer that authenticated with a key. */
    final String userId;
    /** Changed under the directory's lock; read only under it. */
    final Set<String> rooms = new HashSet<>();
    /** The live session, or null while in the grace period. Read by publishers without lock. */
    volatile Session session;
    // Guarded by the directory's lock:
    long expiresAt;
    long generation;
    ScheduledFuture<?> expiry;

    ConsumerRecord(String id, String userId) {
      this.id = id;
      this.userId = userId;
    }

    void cancelExpiry() {
      generation++; // an expiry already running finds a newer generation and does nothing
      if (expiry != null) {
        expiry.cancel(false);
        expiry = null;
      }
    }

    @Override public String toString() {
      return "ConsumerRecord{" + id + ", rooms=" + rooms.size() + "}";
    }
  }
}
