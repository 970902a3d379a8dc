package io.hatchet.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumer records that have been routed the same events since they joined it, and so share one
 * {@link RecoveryWindow} and one lock: an event routed to all of them is numbered and kept once,
 * not once per consumer. Each member numbers the window's entries from where it joined
 * ({@link ConsumerRecord#base}), so its numbers are its own: 1, 2, 3, ...
 *
 * <p>Why: many consumers on one connection usually watch the same events (a gateway that opens a
 * consumer per user, a dashboard's panels). Keeping one window for each of them cost a reference
 * store into a thousand old arrays per event, the largest part of the hub's CPU per delivery.
 *
 * <p>A record joins a cohort only when it is made (see {@link ConsumerDirectory#claim}), and
 * only one whose window is still empty, so that no member is owed anything the others are not.
 * When an event reaches some members but not all, they part: those it reaches {@link #split}
 * into a new cohort with a copy of the window, so that each keeps exactly its own history.
 *
 * <p>{@link #lock} guards the window, the members, and each member's delivery state (see
 * {@link ConsumerRecord}). A record moves to another cohort only under its old cohort's lock,
 * with the new one locked before anyone can see it.
 */
final class Cohort {
  private static final AtomicLong ORDINALS = new AtomicLong();

  /** Unique and fixed: the order in which a publisher waiting for several cohorts takes them. */
  final long ordinal = ORDINALS.incrementAndGet();
  final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  final RecoveryWindow window;
  /** Guarded by {@link #lock}. */
  private final List<ConsumerRecord> members = new ArrayList<>(1);

  Cohort(RecoveryWindow window) {
    this.window = window;
  }

  /** How many records are in it. Caller holds the lock. */
  int size() {
    return members.size();
  }

  /**
   * Makes {@code record}, which is in no cohort yet, a member from the next event on, if nothing
   * is kept in the window (else a newcomer would be owed none of it while the others are); false
   * if it cannot join. Takes the lock.
   */
  boolean join(ConsumerRecord record) {
    lock.lock();
    try {
      if (window.size() > 0) {
        return false;
      }
      add(record);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A new cohort of {@code record} alone. */
  static Cohort of(ConsumerRecord record, RecoveryWindow window) {
    Cohort cohort = new Cohort(window);
    cohort.lock.lock();
    try {
      cohort.add(record);
    } finally {
      cohort.lock.unlock();
    }
    return cohort;
  }

  private void add(ConsumerRecord record) {
    record.base = window.newest();
    record.moveTo(this);
    members.add(record);
  }

  /** Takes a removed {@code record} out. Caller holds the lock. */
  void remove(ConsumerRecord record) {
    members.remove(record);
    repin();
  }

  /**
   * Moves {@code parting}, some of the members, into a new cohort with a copy of this window,
   * and returns it locked: the caller unlocks it after this one. Caller holds this lock.
   */
  Cohort split(List<ConsumerRecord> parting) {
    Cohort other = new Cohort(window.copy());
    other.lock.lock(); // no one else can know it yet: this does not wait
    Set<ConsumerRecord> leaving = Collections.newSetFromMap(new IdentityHashMap<>());
    leaving.addAll(parting);
    members.removeIf(leaving::contains);
    for (ConsumerRecord record : parting) {
      other.members.add(record);
      record.moveTo(other); // numbers unchanged: the copy numbers its entries as this does
    }
    repin();
    other.repin();
    return other;
  }

  /**
   * Keeps in the window what the members whose replay is still to be written need (see
   * {@link RecoveryWindow#pin}), or nothing beyond the limits if none has one pending. Caller
   * holds the lock.
   */
  void repin() {
    long after = Long.MAX_VALUE;
    for (ConsumerRecord record : members) {
      after = Math.min(after, record.replayPinnedAfter());
    }
    window.pin(after);
  }

  @Override public String toString() {
    return "Cohort{" + ordinal + "}";
  }
}
