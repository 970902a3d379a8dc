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
  /**
   * Counts changes to the members and their sessions, made under the lock; read without it by
   * {@link Fanout}, which finds a cohort unchanged since it looked at its members by this.
   */
  private volatile long version;
  /** {@link #size()} as of the last change, for {@link Fanout} to read without the lock. */
  private volatile int sizeHint;
  /** Guarded by {@link #lock}: the audiences as of {@link #builtVersion}. */
  private List<Audience> audiences = List.of();
  private long builtVersion = -1;

  Cohort(RecoveryWindow window) {
    this.window = window;
  }

  /** How many records are in it. Caller holds the lock. */
  int size() {
    return members.size();
  }

  /** See {@link #version}. */
  long version() {
    return version;
  }

  /**
   * A member came, went, or changed its session or whether it is written to. Caller holds the
   * lock, and has made the change first: a reader of the version then sees it.
   */
  void changed() {
    sizeHint = members.size();
    version++; // under the lock: no update is lost
  }

  /** How many records it had at its last change: a hint, read without the lock. */
  int sizeHint() {
    return sizeHint;
  }

  /**
   * Hands {@code message}, just appended as window number {@code seq}, to every member it is
   * written to now: one {@link Delivery} per connection. Caller holds the lock.
   */
  void hand(Message message, long seq) {
    for (Audience audience : audiences()) {
      audience.connection.deliver(new Delivery(message, audience, seq));
    }
  }

  /**
   * The members' sessions written to now, by connection: rebuilt after a change, else the same,
   * so that an event's deliver costs no walk over the members. Caller holds the lock.
   */
  List<Audience> audiences() {
    long current = version;
    if (builtVersion != current) {
      audiences = build();
      builtVersion = current;
    }
    return audiences;
  }

  private List<Audience> build() {
    // Usually one connection holds them all: a short list, searched from its end.
    List<Audience.Builder> builders = new ArrayList<>(1);
    for (ConsumerRecord record : members) {
      Session session = record.writable();
      if (session == null) {
        continue; // gone, or resuming: the window has the event for its replay
      }
      Audience.Builder builder = null;
      for (int i = builders.size() - 1; i >= 0 && builder == null; i--) {
        if (builders.get(i).connection == session.connection) {
          builder = builders.get(i);
        }
      }
      if (builder == null) {
        builders.add(builder = new Audience.Builder(session.connection));
      }
      builder.add(session, record.base);
    }
    if (builders.size() == 1) {
      return List.of(builders.get(0).build()); // the usual case: half the bytes of a list
    }
    List<Audience> built = new ArrayList<>(builders.size());
    for (Audience.Builder builder : builders) {
      built.add(builder.build());
    }
    return built;
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
    changed();
  }

  /** Takes a removed {@code record} out. Caller holds the lock. */
  void remove(ConsumerRecord record) {
    members.remove(record);
    repin();
    changed();
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
    changed();
    other.changed();
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
