package io.hatchet.hub;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * One consumer id: what it watches, its alias and rooms, the session it routes to, and its
 * {@link Cohort}, whose window numbers and keeps its events. Publishes reach records, not
 * sessions: every event routed to a record is numbered, kept in its window, and written to its
 * live session if it has one. Without one (its connection closed, for the grace period) the
 * numbering and keeping go on, so that the consumer recovers what it missed when it comes back.
 *
 * <p><b>Routing state</b> ({@link #watched}, {@link #alias}, {@link #rooms}, the grace period) is
 * changed under the {@link ConsumerDirectory}'s lock; publishers read watched and alias without it.
 *
 * <p><b>Delivery state</b> (session, cohort, window) is guarded by the cohort's lock. Numbering
 * an event, keeping it and handing it to the session's connection happen in one critical
 * section, and so do attaching a session and writing its replay. A connection writes its
 * packets in the order they were handed over, so a consumer receives its events in the order of
 * their numbers, a replay before any later event. A publisher that reaches several cohorts
 * holds all their locks at once, without waiting on each other in a cycle (see
 * {@link Fanout#route}). Lock order: a Connection's lock, the directory's, then cohorts';
 * nothing is locked while a cohort's lock is held.
 */
final class ConsumerRecord {
  final String id;
  /** The token's user, or null for a consumer that authenticated with a key. */
  final String userId;

  /**
   * Read by publishers without lock; replaced, never changed, under the directory's lock. Why
   * immutable sets and not a concurrent one: watches change rarely and in batches, and an idle
   * consumer's one watched event then costs a few bytes instead of a concurrent map's table.
   */
  private volatile Set<String> watched = Set.of();
  /** Read by publishers without lock. */
  volatile String alias;
  /** Read and changed under the directory's lock only; null until the first room. */
  private Set<String> rooms;
  /** Once set, publishers pass this record by. */
  volatile boolean removed;
  /** Without a session: when the grace period ends, on the {@link Ticker}. Read by publishers. */
  volatile long expiresAt;
  // Guarded by the directory's lock:
  long generation;
  ScheduledFuture<?> expiry;

  // Delivery state, guarded by the cohort's lock (see lockCohort). The session is also read
  // without it, as a hint for grouping by connection; so is the cohort, for grouping by cohort.
  private volatile Cohort cohort;
  /** The cohort window's number of the entry before this record's first: theirs minus this. */
  long base;
  private volatile Session session;
  /** The session is attached but its auth answer and replay are still to be written. */
  private boolean held;
  /** While held: this record's number after which release() replays. */
  private long replayAfter;

  ConsumerRecord(String id, String userId) {
    this.id = id;
    this.userId = userId;
  }

  /** Whether it watches {@code event}. Without the directory's lock it may change at once. */
  boolean watches(String event) {
    return watched.contains(event);
  }

  /** What it watches: an immutable snapshot. */
  Set<String> watched() {
    return watched;
  }

  /** Makes it watch exactly {@code events}, copied. Under the directory's lock. */
  void watch(Set<String> events) {
    watched = Set.copyOf(events);
  }

  /** The rooms it is in. Under the directory's lock; do not change what it returns. */
  Set<String> rooms() {
    return rooms == null ? Set.of() : rooms;
  }

  /** Puts it in {@code room}; false if it was there. Under the directory's lock. */
  boolean enter(String room) {
    if (rooms == null) {
      rooms = new HashSet<>(2);
    }
    return rooms.add(room);
  }

  /** Takes it out of {@code room}; false if it was not there. Under the directory's lock. */
  boolean exit(String room) {
    return rooms != null && rooms.remove(room);
  }

  /** Takes it out of every room and every watch. Under the directory's lock. */
  void forget() {
    rooms = null;
    watched = Set.of();
  }

  /** The live session, or null. Without the lock it may change at any moment. */
  Session session() {
    return session;
  }

  /** The cohort it is in. Without its lock it may change at any moment. */
  Cohort cohort() {
    return cohort;
  }

  /** Called by {@link Cohort} only, under the lock of the cohort it leaves, if any. */
  void moveTo(Cohort cohort) {
    this.cohort = cohort;
  }

  /**
   * Locks this record's cohort and returns it: the record stays in it while the lock is held.
   * Moving takes the lock of the cohort moved from, so once the cohort read is locked and still
   * the record's, it cannot change.
   */
  Cohort lockCohort() {
    while (true) {
      Cohort current = cohort;
      current.lock.lock();
      if (current == cohort) {
        return current;
      }
      current.lock.unlock();
    }
  }

  /** Whether a publish at {@code now} reaches this record: it has a session or is in grace. */
  boolean routable(long now) {
    return !removed && (session != null || now - expiresAt < 0);
  }

  /**
   * The session an event just appended must be written to now, or null: there is none, or its
   * auth answer and replay are still to come (the replay will include it). Caller holds the
   * cohort's lock.
   */
  Session writable() {
    return held ? null : session;
  }

  /**
   * The cohort window's number above which its entries must be kept for this record's pending
   * replay, or {@code Long.MAX_VALUE} if none is pending. Caller holds the cohort's lock.
   */
  long replayPinnedAfter() {
    return held ? replayAfter + base : Long.MAX_VALUE;
  }

  /**
   * Makes {@code session} this record's (any older one gets nothing more from it) and decides
   * what it recovers: everything after {@code resume} if the window holds all of it, else only
   * what comes from now on. Nothing is written to the session until {@link #release}, which the
   * hub calls once the auth answer is on its way; events routed meanwhile wait in the window.
   * Call under the directory's lock.
   *
   * @param resume the last number the consumer received, or null if it did not say
   * @param fresh whether the record was just made: it cannot recover anything then
   * @param now the hub's {@link Ticker}: what is older than the window's age limit is gone
   */
  Resumption attach(Session session, Long resume, boolean fresh, long now) {
    Cohort cohort = lockCohort();
    try {
      RecoveryWindow window = cohort.window;
      window.pruneAge(now);
      long newest = window.newest() - base;
      // Numbers up to base are the cohort's from before this record joined: never its own.
      boolean recovered = !fresh && resume != null && resume >= 0 && resume <= newest
          && window.holdsAfter(resume + base);
      replayAfter = recovered ? resume : newest;
      this.session = session;
      held = true;
      cohort.repin();
      cohort.changed();
      return new Resumption(newest, recovered);
    } finally {
      cohort.lock.unlock();
    }
  }

  /**
   * Writes to {@code session}, one {@code deliver} each, the events its {@link #attach} decided
   * to replay and any routed since, then lets live events through. Does nothing if the session
   * is no longer attached or was released already.
   */
  void release(Session session) {
    Cohort cohort = lockCohort();
    try {
      if (this.session != session || !held) {
        return;
      }
      Audience alone = Audience.of(session, base);
      cohort.window.forEachAfter(replayAfter + base, (seq, message) -> session.connection.deliver(
          new Delivery(message, alone, seq)));
      held = false;
      cohort.repin();
      cohort.changed();
    } finally {
      cohort.lock.unlock();
    }
  }

  /** Takes {@code session} off this record if it is its session. Under the directory's lock. */
  void detach(Session session) {
    Cohort cohort = lockCohort();
    try {
      if (this.session == session) {
        this.session = null;
        held = false;
        cohort.repin();
        cohort.changed();
      }
    } finally {
      cohort.lock.unlock();
    }
  }

  /** Takes this removed record off its session, if any, and out of its cohort. */
  void leave() {
    Cohort cohort = lockCohort();
    try {
      session = null;
      held = false;
      cohort.remove(this);
    } finally {
      cohort.lock.unlock();
    }
  }

  void cancelExpiry() {
    generation++; // an expiry already running finds a newer generation and does nothing
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  @Override public String toString() {
    return "ConsumerRecord{" + id + ", rooms=" + rooms().size() + "}";
  }

  /**
   * What a consumer's {@code auth} found: {@code seq}, the newest number the hub had for it, and
   * whether it {@code recovered} (everything after its {@code resume} is being replayed).
   */
  record Resumption(long seq, boolean recovered) {
  }
}
