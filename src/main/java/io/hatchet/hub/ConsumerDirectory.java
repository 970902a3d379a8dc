package io.hatchet.hub;

import io.hatchet.protocol.Claims;
import io.hatchet.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The consumers of one app by id, and the indexes publishes find them by: the events they watch,
 * their aliases, their rooms, their users.
 *
 * <p>A consumer id's {@link ConsumerRecord} outlives the sessions that claim it: what it
 * watches, its alias and rooms belong to the id, and events keep being routed to it while it has
 * no session. When its session's connection closes, the record waits a grace period for a new
 * session, then goes with its window and everything it was indexed under; {@code end} removes it
 * at once.
 *
 * <p>Changes come from many threads: the consumer's connection (auth, watch, alias, end, close,
 * which may run on any thread), producers' connections (join, leave) and the timer. They all take
 * this object's lock, so a join never lands on a record being removed and every removal takes
 * the record out of every index. The lock is held for a few map operations only. Publishers
 * read the indexes without it, from any event loop. Lock order: a {@link Connection}'s lock, then
 * this one, then a record's, never the reverse.
 */
final class ConsumerDirectory {
  /** At most ~146 years, so that a deadline's difference from a {@link Ticker} reading fits. */
  static final long MAX_NANOS = Long.MAX_VALUE / 2;

  private final String appName;
  private final HubLoops timer;
  private final Ticker ticker;
  private final long graceNanos;
  private final HubLimits limits;
  private final int windowMessages;
  private final long windowBytes;
  private final long windowAgeNanos;
  private final ConcurrentMap<String, ConsumerRecord> byId = new ConcurrentHashMap<>();
  private final RecordIndex byEvent = new RecordIndex();
  private final RecordIndex byAlias = new RecordIndex();
  private final RecordIndex byRoom = new RecordIndex();
  /** Token consumers' records by user, for {@code consumers}. */
  private final RecordIndex byUser = new RecordIndex();
  /**
   * The cohort the last new record joined, and its connection: the next new record on that
   * connection joins it too while its window is empty (see {@link Cohort}). Consumers made
   * together on one connection are the ones likely to be routed the same events.
   */
  private Cohort openCohort;
  private Connection openConnection;

  ConsumerDirectory(String appName, HubLoops timer, Ticker ticker, Duration gracePeriod,
      int windowMessages, long windowBytes, Duration windowAge, HubLimits limits) {
    this.limits = limits;
    this.appName = appName;
    this.timer = timer;
    this.ticker = ticker;
    this.graceNanos = nanos(gracePeriod);
    this.windowMessages = windowMessages;
    this.windowBytes = windowBytes;
    this.windowAgeNanos = nanos(windowAge);
  }

  /** {@code duration} in nanoseconds, saturated at {@link #MAX_NANOS}. */
  static long nanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : duration.toNanos();
  }

  /**
   * Gives {@code session} its consumer id: a free id gets a new record; the id of a record of
   * the same user (a reconnect) is taken over with what it watches, its alias and rooms, and
   * routes to this session from now on: an older session still open gets nothing more from it.
   * A token consumer joins its user room and has its user id as alias. What the session
   * recovers is decided here; the replay waits for {@link #release}.
   *
   * @param resume the last number the consumer received, or null
   * @throws RequestException {@code id_in_use} if the id belongs to another user
   */
  synchronized ConsumerRecord.Resumption claim(Session session, Long resume)
      throws RequestException {
    String id = session.consumerId;
    ConsumerRecord record = live(id);
    boolean fresh = record == null;
    if (fresh) {
      record = new ConsumerRecord(id, session.userId());
      enterCohort(record, session.connection);
      byId.put(id, record);
      if (record.userId != null) {
        byUser.add(record.userId, record);
      }
    } else if (!Objects.equals(record.userId, session.userId())) {
      throw new RequestException(ErrorCode.ID_IN_USE,
          "consumer id '" + id + "' of app '" + appName + "' belongs to another user");
    } else {
      record.cancelExpiry();
      // Any key consumer may claim a key consumer's id: keep no watch its key does not allow.
      for (String event : record.watched()) {
        if (!session.permits(event)) {
          unwatch(record, event);
        }
      }
    }
    if (record.userId != null) {
      join(record, Claims.userRoom(record.userId));
      alias(record, record.userId);
    }
    return record.attach(session, resume, fresh, ticker.nanoTime());
  }

  private void enterCohort(ConsumerRecord record, Connection connection) {
    if (openCohort == null || openConnection != connection || !openCohort.join(record)) {
      openCohort = Cohort.of(record,
          new RecoveryWindow(windowMessages, windowBytes, windowAgeNanos));
      openConnection = connection;
    }
  }

  /** Holds on to no connection that may be closing, nor to its cohort. */
  private void forgetOpenCohort(Connection connection) {
    if (openConnection == connection) {
      openCohort = null;
      openConnection = null;
    }
  }

  /** {@code session}'s auth answer is on its way: write its replay, then live events. */
  void release(Session session) {
    ConsumerRecord record = byId.get(session.consumerId);
    if (record != null) {
      record.release(session); // does nothing unless the session is still attached and held
    }
  }

  /** {@code session}'s connection closed: its record waits the grace period for a reconnect. */
  synchronized void disconnected(Session session) {
    forgetOpenCohort(session.connection);
    ConsumerRecord record = current(session);
    if (record == null) {
      return; // ended already, or taken over by a newer session
    }
    // Before detaching: a publisher that sees no session must see this deadline.
    record.expiresAt = ticker.nanoTime() + graceNanos;
    record.detach(session);
    expireIn(record, ++record.generation, graceNanos);
  }

  /** {@code session} ended: its record goes at once, unless a newer session has it. */
  synchronized void ended(Session session) {
    forgetOpenCohort(session.connection);
    ConsumerRecord record = current(session);
    if (record != null) {
      remove(record);
    }
  }

  /**
   * Adds {@code events} to what {@code session}'s record watches (if it still has the record):
   * all of them, or none if that would pass the hub's bound.
   *
   * @throws RequestException {@code too_many}
   */
  synchronized void watch(Session session, List<String> events) throws RequestException {
    ConsumerRecord record = current(session);
    if (record != null) {
      Set<String> watched = new HashSet<>(record.watched());
      List<String> added = new ArrayList<>(events.size());
      for (String event : events) {
        if (watched.add(event)) added.add(event);
      }
      if (added.isEmpty()) {
        return;
      }
      if (watched.size() > limits.watchesPerConsumer()) {
        throw HubLimits.reached("events watched by one consumer", limits.watchesPerConsumer());
      }
      record.watch(watched);
      for (String event : added) {
        byEvent.add(event, record);
      }
    }
  }

  synchronized void unwatch(Session session, List<String> events) {
    ConsumerRecord record = current(session);
    if (record != null) {
      for (String event : events) {
        unwatch(record, event);
      }
    }
  }

  /** Gives {@code session}'s record this alias, or none if {@code alias} is null. */
  synchronized void alias(Session session, String alias) {
    ConsumerRecord record = current(session);
    if (record != null) {
      alias(record, alias);
    }
  }

  /**
   * Puts consumer {@code id} into {@code room}; false if it already was there.
   *
   * @throws RequestException {@code unknown_consumer} if no live record has this id, or
   *     {@code too_many} if it is in as many rooms as the hub allows
   */
  synchronized boolean join(String id, String room) throws RequestException {
    ConsumerRecord record = live(id);
    if (record == null) {
      throw new RequestException(ErrorCode.UNKNOWN_CONSUMER, "app '" + appName
          + "' has no consumer '" + id + "' (never authenticated, ended, or gone too long)");
    }
    Set<String> rooms = record.rooms();
    if (rooms.size() >= limits.roomsPerConsumer() && !rooms.contains(room)) {
      throw HubLimits.reached("rooms of one consumer", limits.roomsPerConsumer());
    }
    return join(record, room);
  }

  /** Takes consumer {@code id} out of {@code room}; false if it was not there or is unknown. */
  synchronized boolean leave(String id, String room) {
    ConsumerRecord record = live(id);
    if (record == null || !record.exit(room)) {
      return false;
    }
    byRoom.remove(room, record);
    return true;
  }

  /**
   * The consumer ids of {@code userId}, connected or waiting out their grace period, by id.
   * Under the lock, for their rooms.
   */
  synchronized List<ConsumerInfo> consumersOf(String userId) {
    List<ConsumerInfo> result = new ArrayList<>();
    long now = ticker.nanoTime();
    for (ConsumerRecord record : byUser.get(userId)) {
      if (record.routable(now)) {
        result.add(new ConsumerInfo(record.id, record.userId, record.session() != null,
            record.rooms()));
      }
    }
    result.sort(Comparator.comparing(ConsumerInfo::id));
    return result;
  }

  /** The sessions of {@code userId}'s consumer ids, those connected now. */
  List<Session> sessionsOf(String userId) {
    List<Session> sessions = new ArrayList<>();
    for (ConsumerRecord record : byUser.get(userId)) {
      Session session = record.session();
      if (session != null) {
        sessions.add(session);
      }
    }
    return sessions;
  }

  /** The session of consumer {@code id}, or null if it is unknown or not connected now. */
  Session sessionOf(String id) {
    ConsumerRecord record = byId.get(id);
    return record != null ? record.session() : null;
  }

  /** The consumer ids in {@code room}, connected or waiting out their grace period. */
  int roomSize(String room) {
    int size = 0;
    long now = ticker.nanoTime();
    for (ConsumerRecord record : byRoom.get(room)) {
      if (record.routable(now)) size++;
    }
    return size;
  }

  /** The token consumers of {@code userId} with a session right now. */
  int connected(String userId) {
    return sessionsOf(userId).size();
  }

  /** The records watching {@code event}; a live view, read without lock. */
  Set<ConsumerRecord> watchers(String event) {
    return byEvent.get(event);
  }

  /** The records with alias {@code alias}; a live view, read without lock. */
  Set<ConsumerRecord> aliased(String alias) {
    return byAlias.get(alias);
  }

  /** The records in {@code room}; a live view, read without lock. */
  Set<ConsumerRecord> members(String room) {
    return byRoom.get(room);
  }

  /** Records and entries of every index; zero once every consumer is gone. For tests. */
  int size() {
    return byId.size() + byRoom.size() + byUser.size() + routeIndexSize();
  }

  /** Records without a session: waiting out their grace period. For tests. */
  int inGrace() {
    int count = 0;
    for (ConsumerRecord record : byId.values()) {
      if (record.session() == null) count++;
    }
    return count;
  }

  /** Entries and keys of the event and alias indexes. For tests. */
  int routeIndexSize() {
    return byEvent.size() + byAlias.size();
  }

  /** Whether consumer {@code id} is in {@code room}. For tests. */
  boolean isMember(String id, String room) {
    return byRoom.get(room).stream().anyMatch(record -> record.id.equals(id));
  }

  /** The record {@code session} claimed, if it still is that record's session. */
  private ConsumerRecord current(Session session) {
    ConsumerRecord record = byId.get(session.consumerId);
    return record != null && record.session() == session ? record : null;
  }

  /**
   * The record of {@code id}, or null if there is none or its grace period is over: the timer
   * may run a little late, and an id must be free from the moment the protocol says.
   */
  private ConsumerRecord live(String id) {
    ConsumerRecord record = byId.get(id);
    if (record != null && !record.routable(ticker.nanoTime())) {
      remove(record);
      return null;
    }
    return record;
  }

  /** Removes {@code record} after {@code delayNanos} unless its generation changes meanwhile. */
  private void expireIn(ConsumerRecord record, long generation, long delayNanos) {
    record.expiry = timer.schedule(() -> expire(record, generation), delayNanos);
    if (record.expiry == null) {
      remove(record); // the hub is stopping: no reconnect will come
    }
  }

  private synchronized void expire(ConsumerRecord record, long generation) {
    if (byId.get(record.id) != record || record.session() != null
        || record.generation != generation) {
      return;
    }
    // The ticker decides, not the timer: a test's ticker may say it is too early. Then wait for
    // what is left; with the system's, the timer never fires before the deadline.
    long left = record.expiresAt - ticker.nanoTime();
    if (left > 0) {
      expireIn(record, generation, left);
    } else {
      remove(record);
    }
  }

  private boolean join(ConsumerRecord record, String room) {
    if (!record.enter(room)) {
      return false;
    }
    byRoom.add(room, record);
    return true;
  }

  private void unwatch(ConsumerRecord record, String event) {
    Set<String> watched = record.watched();
    if (watched.contains(event)) {
      Set<String> rest = new HashSet<>(watched);
      rest.remove(event);
      record.watch(rest);
      byEvent.remove(event, record);
    }
  }

  private void alias(ConsumerRecord record, String alias) {
    String old = record.alias;
    if (Objects.equals(old, alias)) {
      return;
    }
    if (old != null) {
      byAlias.remove(old, record);
    }
    record.alias = alias;
    if (alias != null) {
      byAlias.add(alias, record);
    }
  }

  /** Takes {@code record} out of every index; its window goes with it. */
  private void remove(ConsumerRecord record) {
    record.removed = true;
    record.cancelExpiry();
    byId.remove(record.id, record);
    for (String room : record.rooms()) {
      byRoom.remove(room, record);
    }
    for (String event : record.watched()) {
      byEvent.remove(event, record);
    }
    record.forget();
    alias(record, null);
    if (record.userId != null) {
      byUser.remove(record.userId, record);
    }
    record.leave();
  }
}
