package io.hatchet.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one message to consumer records: numbers it and keeps it once per {@link Cohort} they
 * are in, and hands one {@code deliver} per connection to the live sessions among them (see
 * {@link Audience}).
 *
 * <p>Runs on the publisher's thread: its connection's event loop, or the application's thread
 * for a send of the hub object's ({@link HubSends}). Appending and handing the deliver to the
 * connection happen under the cohorts' locks, all held together (see {@link #lockAll}: no two
 * publishers wait on each other in a cycle): a consumer gets its events in the order of their
 * numbers, one publisher's in the order they were published, and never a live event before the
 * replay of a resume. A message that reaches only some of a cohort's members {@linkplain
 * Cohort#split splits} it first.
 */
final class Fanout {
  private static final Comparator<Cohort> LOCK_ORDER =
      Comparator.comparingLong(cohort -> cohort.ordinal);

  private Fanout() {
  }

  /** Routes {@code message} to each of {@code records} still routable; returns how many. */
  static int route(Message message, Collection<ConsumerRecord> records) {
    int routed = routeToOneCohort(message, records);
    return routed >= 0 ? routed : routeToCohorts(message, records);
  }

  /**
   * The usual case, without a list of the records reached: they are all the members of one
   * cohort, unchanged since {@code records} were read. Returns how many, or -1 if that is not
   * the case and the general path must route it.
   */
  private static int routeToOneCohort(Message message, Collection<ConsumerRecord> records) {
    Cohort cohort = null;
    long version = 0;
    int reached = 0;
    for (ConsumerRecord record : records) {
      if (!record.routable(message.publishedAt)) {
        continue;
      }
      Cohort its = record.cohort();
      if (cohort == null) {
        cohort = its;
        version = cohort.version();
        // Moves are counted in the version after the record is moved: read before it, the
        // cohort may be one this record has left. Read again after it, it is the cohort's.
        its = record.cohort();
      }
      if (its != cohort) {
        return -1;
      }
      reached++;
    }
    if (cohort == null) {
      return 0;
    }
    cohort.lock.lock();
    try {
      // Unchanged since before the records were read: then those found in it are members, and
      // as many as it has are all of them.
      if (cohort.version() != version || cohort.size() != reached) {
        return -1;
      }
      cohort.hand(message, cohort.window.append(message));
      return reached;
    } finally {
      cohort.lock.unlock();
    }
  }

  private static int routeToCohorts(Message message, Collection<ConsumerRecord> records) {
    List<ConsumerRecord> reached = new ArrayList<>(records.size());
    boolean alone = true;
    for (ConsumerRecord record : records) {
      if (record.routable(message.publishedAt)) {
        reached.add(record);
        alone &= record.cohort().sizeHint() == 1;
      }
    }
    if (reached.isEmpty()) {
      return 0;
    }
    if (alone && routeToLoners(message, reached)) {
      return reached.size();
    }
    Map<Cohort, List<ConsumerRecord>> byCohort;
    List<Cohort> locked;
    while (true) {
      // Read without locks, so a record may move before its cohort is locked: checked below.
      byCohort = byCohort(reached);
      locked = new ArrayList<>(byCohort.size() + 4); // room for a few splits
      locked.addAll(byCohort.keySet());
      lockAll(locked);
      if (stillMembers(byCohort)) {
        break;
      }
      unlockAll(locked); // a split moved some meanwhile: again, with their new cohorts
    }
    try {
      Handing handing = new Handing(byCohort.size());
      for (Map.Entry<Cohort, List<ConsumerRecord>> entry : byCohort.entrySet()) {
        Cohort cohort = entry.getKey();
        if (entry.getValue().size() < cohort.size()) {
          cohort = cohort.split(entry.getValue());
          locked.add(cohort);
        }
        handing.add(cohort, cohort.window.append(message));
      }
      handing.hand(message);
    } finally {
      unlockAll(locked);
    }
    return reached.size();
  }

  /**
   * Consumers on connections of their own, the usual case for browsers: each record of
   * {@code reached} alone in its cohort, which needs no grouping by cohort. False, having done
   * nothing, if that no longer holds once their cohorts are locked.
   */
  private static boolean routeToLoners(Message message, List<ConsumerRecord> reached) {
    List<Cohort> cohorts = new ArrayList<>(reached.size());
    for (ConsumerRecord record : reached) {
      cohorts.add(record.cohort());
    }
    List<Cohort> locked = new ArrayList<>(cohorts); // lockAll may reorder it
    lockAll(locked);
    try {
      for (int i = 0; i < cohorts.size(); i++) {
        // Alone in it: then no other record of reached is in it either.
        if (reached.get(i).cohort() != cohorts.get(i) || cohorts.get(i).size() != 1) {
          return false;
        }
      }
      Handing handing = new Handing(cohorts.size());
      for (Cohort cohort : cohorts) {
        handing.add(cohort, cohort.window.append(message));
      }
      handing.hand(message);
      return true;
    } finally {
      unlockAll(locked);
    }
  }

  /**
   * One deliver per connection, for the sessions of every cohort on it, as PROTOCOL.md says.
   * Usually a connection has one part: then the map holds it, not a list of it. Used under the
   * cohorts' locks.
   */
  private static final class Handing {
    private final Map<Connection, Object> byConnection;

    Handing(int cohorts) {
      byConnection = new HashMap<>(cohorts * 2);
    }

    /** {@code cohort}'s members are written the message, its window's number {@code seq}. */
    void add(Cohort cohort, long seq) {
      for (Audience audience : cohort.audiences()) {
        byConnection.merge(audience.connection, new Delivery.Part(audience, seq), Fanout::both);
      }
    }

    void hand(Message message) {
      for (Map.Entry<Connection, Object> entry : byConnection.entrySet()) {
        entry.getKey().deliver(entry.getValue() instanceof Delivery.Part part
            ? new Delivery(message, part)
            : new Delivery(message, partsOf(entry.getValue())));
      }
    }
  }

  /** Merges what {@link Handing} keeps for a connection: a part, or a list of them. */
  private static Object both(Object kept, Object more) {
    List<Delivery.Part> parts;
    if (kept instanceof Delivery.Part part) {
      parts = new ArrayList<>(4);
      parts.add(part);
    } else {
      parts = partsList(kept);
    }
    parts.add((Delivery.Part) more);
    return parts;
  }

  @SuppressWarnings("unchecked") // only both() makes lists, of parts
  private static List<Delivery.Part> partsList(Object kept) {
    return (List<Delivery.Part>) kept;
  }

  private static Delivery.Part[] partsOf(Object kept) {
    return partsList(kept).toArray(new Delivery.Part[0]);
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
    Map<Cohort, List<ConsumerRecord>> byCohort = new IdentityHashMap<>(records.size());
    // Members of a cohort tend to come one after the other: no lookup for those.
    Cohort last = null;
    List<ConsumerRecord> group = null;
    for (ConsumerRecord record : records) {
      Cohort cohort = record.cohort();
      if (cohort != last) {
        last = cohort;
        group = byCohort.computeIfAbsent(cohort, c -> new ArrayList<>(2));
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
}
