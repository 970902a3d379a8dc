package io.hatchet.hub;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One consumer id: what it watches, its alias and rooms, the session it routes to, its sequence
 * and its {@link RecoveryWindow}. Publishes reach records, not sessions: a record numbers every
 * event routed to it, keeps it in its window, and writes it to its live session if it has one.
 * Without one (its connection closed, for the grace period) it goes on numbering and keeping, so
 * that the consumer recovers what it missed when it comes back.
 *
 * <p><b>Routing state</b> ({@link #watched}, {@link #alias}, {@link #rooms}, the grace period) is
 * changed under the {@link ConsumerDirectory}'s lock; publishers read watched and alias without it.
 *
 * <p><b>Delivery state</b> (session, sequence, window) is guarded by {@link #lock}. Numbering an
 * event, keeping it and handing it to the session's connection happen in one critical section,
 * and so do attaching a session and writing its replay. A connection writes its
 * packets in the order they were handed over, so a consumer receives its events in the order of
 * their numbers, a replay before any later event. A publisher that reaches several records on
 * one connection holds all their locks at once, without waiting on each other in a cycle (see
 * {@link Fanout#route}). Lock order: a Connection's lock, the directory's, then records'; nothing is
 * locked while a record's lock is held.
 */
final class ConsumerRecord {
  private static final AtomicLong ORDINALS = new AtomicLong();

  final String id;
  /** The token's user, or null for a consumer that authenticated with a key. */
  final String userId;
  /** Unique and fixed: the order in which several records' locks are taken. */
  final long ordinal = ORDINALS.incrementAndGet();
  final ReentrantLock lock = new ReentrantLock();

  /** Read by publishers without lock. */
  final Set<String> watched = ConcurrentHashMap.newKeySet();
  /** Read by publishers without lock. */
  volatile String alias;
  /** Read and changed under the directory's lock only. */
  final Set<String> rooms = new HashSet<>();
  /** Once set, publishers pass this record by. */
  volatile boolean removed;
  /** Without a session: when the grace period ends, on the {@link Ticker}. Read by publishers. */
  volatile long expiresAt;
  // Guarded by the directory's lock:
  long generation;
  ScheduledFuture<?> expiry;

  // Guarded by lock; session is also read without it, as a hint for grouping by connection.
  private final RecoveryWindow window;
  private volatile Session session;
  /** The session is attached but its auth answer and replay are still to be written. */
  private boolean held;
  /** While held: the number after which release() replays. */
  private long replayAfter;

  ConsumerRecord(String id, String userId, RecoveryWindow window) {
    this.id = id;
    this.userId = userId;
    this.window = window;
  }

  /** The live session, or null. Without the lock it may change at any moment. */
  Session session() {
    return session;
  }

  /** Whether a publish at {@code now} reaches this record: it has a session or is in grace. */
  boolean routable(long now) {
    return !removed && (session != null || now - expiresAt < 0);
  }

  /** Numbers {@code message}, keeps it, and returns its number. The caller holds the lock. */
  long append(Message message) {
    return window.append(message);
  }

  /**
   * The session an event just appended must be written to now, or null: there is none, or its
   * auth answer and replay are still to come (the replay will include it). Caller holds the lock.
   */
  Session writable() {
    return held ? null : session;
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
    lock.lock();
    try {
      window.pruneAge(now);
      long newest = window.newest();
      boolean recovered = !fresh && resume != null && window.holdsAfter(resume);
      replayAfter = recovered ? resume : newest;
      window.pin(replayAfter);
      this.session = session;
      held = true;
      return new Resumption(newest, recovered);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes to {@code session}, one {@code deliver} each, the events its {@link #attach} decided
   * to replay and any routed since, then lets live events through. Does nothing if the session
   * is no longer attached or was released already.
   */
  void release(Session session) {
    lock.lock();
    try {
      if (this.session != session || !held) {
        return;
      }
      window.forEachAfter(replayAfter, (seq, message) -> session.connection.deliver(
          new Delivery(message, List.of(session), new long[] {seq})));
      held = false;
      window.unpin();
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code session} off this record if it is its session. Under the directory's lock. */
  void detach(Session session) {
    lock.lock();
    try {
      if (this.session == session) {
        this.session = null;
        held = false;
        window.unpin();
      }
    } finally {
      lock.unlock();
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
    return "ConsumerRecord{" + id + ", rooms=" + rooms.size() + "}";
  }

  /**
   * What a consumer's {@code auth} found: {@code seq}, the newest number the hub had for it, and
   * whether it {@code recovered} (everything after its {@code resume} is being replayed).
   */
  record Resumption(long seq, boolean recovered) {
  }
}
