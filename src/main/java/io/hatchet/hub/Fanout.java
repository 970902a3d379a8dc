package io.hatchet.hub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one message to consumer records: numbers it and keeps it once per {@link Cohort} they
 * are in, and writes one {@code deliver} per connection to the live sessions among them.
 *
 * <p>Runs on the publisher's event loop. Appending and handing the deliver to the connection
 * happen under the cohorts' locks, all held together (see {@link #lockAll}: no two publishers
 * wait on each other in a cycle): a consumer gets its events in the order of their numbers, one
 * publisher's in the order they were published, and never a live event before the replay of a
 * resume. A message that reaches only some of a cohort's members {@linkplain Cohort#split
 * splits} it first.
 */
final class Fanout {
  private static final Comparator<Cohort> LOCK_ORDER =
      Comparator.comparingLong(cohort -> cohort.ordinal);

  private Fanout() {
  }

  /** Routes {@code message} to each of {@code records} still routable; returns how many. */
  static int route(Message message, Collection<ConsumerRecord> records) {
    List<ConsumerRecord> reached = new ArrayList<>(records.size());
    for (ConsumerRecord record : records) {
      if (record.routable(message.publishedAt)) {
        reached.add(record);
      }
    }
    if (!reached.isEmpty()) {
      deliver(message, reached);
    }
    return reached.size();
  }

  private static void deliver(Message message, List<ConsumerRecord> reached) {
    Map<Cohort, List<ConsumerRecord>> byCohort;
    List<Cohort> locked;
    while (true) {
      // Read without locks, so a record may move before its cohort is locked: checked below.
      byCohort = byCohort(reached);
      locked = new ArrayList<>(byCohort.keySet());
      lockAll(locked);
      if (stillMembers(byCohort)) {
        break;
      }
      unlockAll(locked); // a split moved some meanwhile: again, with their new cohorts
    }
    try {
      Deliveries deliveries = new Deliveries(message, reached.size());
      for (Map.Entry<Cohort, List<ConsumerRecord>> entry : byCohort.entrySet()) {
        Cohort cohort = entry.getKey();
        List<ConsumerRecord> group = entry.getValue();
        if (group.size() < cohort.size()) {
          cohort = cohort.split(group);
          locked.add(cohort);
        }
        long seq = cohort.window.append(message);
        for (ConsumerRecord record : group) {
          Session session = record.writable();
          if (session != null) { // else gone, or resuming: the window has it for the replay
            deliveries.add(session, seq - record.base);
          }
        }
      }
      deliveries.hand();
    } finally {
      unlockAll(locked);
    }
  }

  /** {@code records} by the cohort they are in. */
  private static Map<Cohort, List<ConsumerRecord>> byCohort(List<ConsumerRecord> records) {
    Cohort only = records.get(0).cohort();
    int i = 1;
    while (i < records.size() && records.get(i).cohort() == only) {
      i++;
    }
    if (i == records.size()) {
      return Map.of(only, records); // the usual case: no copy of the list
    }
    Map<Cohort, List<ConsumerRecord>> byCohort = new IdentityHashMap<>();
    // Members of a cohort tend to come one after the other: no lookup for those.
    Cohort last = null;
    List<ConsumerRecord> group = null;
    for (ConsumerRecord record : records) {
      Cohort cohort = record.cohort();
      if (cohort != last) {
        last = cohort;
        group = byCohort.computeIfAbsent(cohort, c -> new ArrayList<>());
      }
      group.add(record);
    }
    return byCohort;
  }

  /** Whether each record is still in the cohort it was grouped under. Under their locks. */
  private static boolean stillMembers(Map<Cohort, List<ConsumerRecord>> byCohort) {
    for (Map.Entry<Cohort, List<ConsumerRecord>> entry : byCohort.entrySet()) {
      for (ConsumerRecord record : entry.getValue()) {
        if (record.cohort() != entry.getKey()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Takes the locks of every cohort of {@code cohorts}. First without waiting, in the order they
   * come, which costs no sorting and succeeds whenever no other thread holds one of them; if
   * one is held, gives back those taken and waits for each in {@link #LOCK_ORDER}, which every
   * waiting publisher follows, so that no two wait on each other in a cycle (one that does not
   * wait never holds a lock another waits for long). On return {@code cohorts} holds them in
   * the order their locks were taken.
   */
  private static void lockAll(List<Cohort> cohorts) {
    if (cohorts.size() == 1) {
      cohorts.get(0).lock.lock(); // one lock alone cannot be part of a cycle
      return;
    }
    int taken = 0;
    while (taken < cohorts.size() && cohorts.get(taken).lock.tryLock()) {
      taken++;
    }
    if (taken == cohorts.size()) {
      return;
    }
    for (int i = taken - 1; i >= 0; i--) {
      cohorts.get(i).lock.unlock();
    }
    cohorts.sort(LOCK_ORDER);
    for (Cohort cohort : cohorts) {
      cohort.lock.lock();
    }
  }

  private static void unlockAll(List<Cohort> cohorts) {
    for (int i = cohorts.size() - 1; i >= 0; i--) {
      cohorts.get(i).lock.unlock();
    }
  }

  /** The sessions a message is written to, with their numbers, by connection. */
  private static final class Deliveries {
    private final Message message;
    private final int capacity;
    /** The usual case, one connection, needs no map. */
    private Connection first;
    private Batch firstBatch;
    private Map<Connection, Batch> others;

    Deliveries(Message message, int capacity) {
      this.message = message;
      this.capacity = capacity;
    }

    void add(Session session, long seq) {
      Connection connection = session.connection;
      Batch batch;
      if (first == null) {
        first = connection;
        batch = firstBatch = new Batch(capacity);
      } else if (connection == first) {
        batch = firstBatch;
      } else {
        if (others == null) {
          others = new HashMap<>();
        }
        batch = others.computeIfAbsent(connection, c -> new Batch(1));
      }
      batch.add(session, seq);
    }

    /** Hands each connection its deliver. Under the cohorts' locks: see {@link Fanout}. */
    void hand() {
      if (first == null) {
        return;
      }
      first.deliver(firstBatch.delivery(message));
      if (others != null) {
        for (Map.Entry<Connection, Batch> entry : others.entrySet()) {
          entry.getKey().deliver(entry.getValue().delivery(message));
        }
      }
    }
  }

  /** Sessions on one connection and their numbers, at the same index. */
  private static final class Batch {
    private final List<Session> sessions;
    private long[] seqs;

    Batch(int capacity) {
      sessions = new ArrayList<>(capacity);
      seqs = new long[capacity];
    }

    void add(Session session, long seq) {
      if (sessions.size() == seqs.length) {
        seqs = Arrays.copyOf(seqs, seqs.length * 2);
      }
      seqs[sessions.size()] = seq;
      sessions.add(session);
    }

    Delivery delivery(Message message) {
      int size = sessions.size();
      return new Delivery(message, sessions,
          size == seqs.length ? seqs : Arrays.copyOf(seqs, size));
    }
  }
}
