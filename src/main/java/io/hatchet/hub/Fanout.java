package io.hatchet.hub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one message to consumer records: numbers it for each, keeps it in each window, and
 * writes one {@code deliver} per connection to the live sessions among them.
 *
 * <p>Runs on the publisher's event loop. For each record, appending and handing the deliver
 * to the connection happen under the record's lock (see {@link ConsumerRecord}): a consumer gets
 * its events in the order of their numbers, one publisher's in the order they were published,
 * and never a live event before the replay of a resume. The records of one connection share one
 * deliver, so their locks are held together (see {@link #lockAll}: no two publishers wait on
 * each other in a cycle); records without a session are done one at a time.
 */
final class Fanout {
  private static final Comparator<ConsumerRecord> LOCK_ORDER =
      Comparator.comparingLong(record -> record.ordinal);

  private Fanout() {
  }

  /** Routes {@code message} to each of {@code records} still routable; returns how many. */
  static int route(Message message, Iterable<ConsumerRecord> records) {
    Map<Connection, List<ConsumerRecord>> byConnection = new HashMap<>();
    List<ConsumerRecord> offline = new ArrayList<>(0);
    // Consumers sharing a connection tend to come one after the other: no lookup for those.
    Connection lastConnection = null;
    List<ConsumerRecord> lastGroup = null;
    int routed = 0;
    for (ConsumerRecord record : records) {
      if (!record.routable(message.publishedAt)) {
        continue;
      }
      routed++;
      // A hint only: the session may change before the lock is taken; deliver() rechecks.
      Session session = record.session();
      if (session == null) {
        offline.add(record);
        continue;
      }
      if (session.connection != lastConnection) {
        lastConnection = session.connection;
        lastGroup = byConnection.computeIfAbsent(lastConnection, c -> new ArrayList<>(1));
      }
      lastGroup.add(record);
    }
    for (Map.Entry<Connection, List<ConsumerRecord>> group : byConnection.entrySet()) {
      deliver(message, group.getKey(), group.getValue());
    }
    for (ConsumerRecord record : offline) {
      deliver(message, null, List.of(record));
    }
    return routed;
  }

  /**
   * Appends {@code message} to every record of {@code group} and writes it to their sessions,
   * one deliver for those on {@code connection}, all under the group's locks.
   */
  private static void deliver(Message message, Connection connection,
      List<ConsumerRecord> group) {
    lockAll(group);
    try {
      List<Session> sessions = new ArrayList<>(group.size());
      long[] seqs = new long[group.size()];
      for (ConsumerRecord record : group) {
        long seq = record.append(message);
        Session session = record.writable();
        if (session == null) {
          continue; // gone, or resuming: the window has it for the replay
        }
        if (session.connection == connection) {
          seqs[sessions.size()] = seq;
          sessions.add(session);
        } else {
          // Moved to another connection since the grouping: a deliver of its own, still
          // under its lock.
          session.connection.deliver(
              new Delivery(message, List.of(session), new long[] {seq}));
        }
      }
      if (!sessions.isEmpty()) {
        connection.deliver(new Delivery(message, sessions,
            sessions.size() == seqs.length ? seqs : Arrays.copyOf(seqs, sessions.size())));
      }
    } finally {
      for (int i = group.size() - 1; i >= 0; i--) {
        group.get(i).lock.unlock();
      }
    }
  }

  /**
   * Takes the locks of every record of {@code group}. First without waiting, in the order they
   * come, which costs no sorting and succeeds whenever no other thread holds one of them; if
   * one is held, gives back those taken and waits for each in {@link #LOCK_ORDER}, which every
   * waiting publisher follows, so that no two wait on each other in a cycle (one that does not
   * wait never holds a lock another waits for long). On return {@code group} holds the records
   * in the order their locks were taken.
   */
  private static void lockAll(List<ConsumerRecord> group) {
    if (group.size() == 1) {
      group.get(0).lock.lock(); // one lock alone cannot be part of a cycle
      return;
    }
    int taken = 0;
    while (taken < group.size() && group.get(taken).lock.tryLock()) {
      taken++;
    }
    if (taken == group.size()) {
      return;
    }
    for (int i = taken - 1; i >= 0; i--) {
      group.get(i).lock.unlock();
    }
    group.sort(LOCK_ORDER);
    for (ConsumerRecord record : group) {
      record.lock.lock();
    }
  }
}
