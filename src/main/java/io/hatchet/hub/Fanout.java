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
 * deliver, so their locks are held together, taken in a fixed order so that two publishers
 * never wait on each other in a cycle; records without a session are done one at a time.
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
    int routed = 0;
    for (ConsumerRecord record : records) {
      if (!record.routable(message.publishedAt)) {
        continue;
      }
      routed++;
      // A hint only: the session may change before the lock is taken; deliver() rechecks.
      Session session = record.session();
      if (session != null) {
        byConnection.computeIfAbsent(session.connection, c -> new ArrayList<>(1)).add(record);
      } else {
        offline.add(record);
      }
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
    if (group.size() > 1) {
      group.sort(LOCK_ORDER);
    }
    int locked = 0;
    try {
      for (ConsumerRecord record : group) {
        record.lock.lock();
        locked++;
      }
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
      for (int i = locked - 1; i >= 0; i--) {
        group.get(i).lock.unlock();
      }
    }
  }
}
