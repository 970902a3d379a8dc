package io.hatchet.hub;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One app on the hub: its {@link TokenVerifier}, its {@link ConsumerDirectory} of consumer
 * records (which sessions enter and leave through {@link #opened} and {@link #forget}), and its
 * {@link PublisherLog}. Also chooses the records a publish reaches, and counts what it routes
 * and the sessions it has, for {@link HubStats}.
 */
final class AppRoutes {
  final App app;
  final TokenVerifier verifier;
  final ConsumerDirectory consumers;
  final PublisherLog publishers;
  /**
   * Counted on every publisher's thread: adders, so that event loops publishing to one app at
   * once do not contend for one counter.
   */
  private final LongAdder publishes = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  /** Open sessions by {@link Role#ordinal()}; they change at authentication and close only. */
  private final AtomicIntegerArray sessions = new AtomicIntegerArray(Role.values().length);

  AppRoutes(App app, TokenVerifier verifier, ConsumerDirectory consumers,
      PublisherLog publishers) {
    this.app = app;
    this.verifier = verifier;
    this.consumers = consumers;
    this.publishers = publishers;
  }

  String name() {
    return app.name();
  }

  /**
   * Enters a new session: a consumer claims its id (see {@link ConsumerDirectory#claim}).
   * Nothing changes if the claim fails.
   *
   * @return what the consumer recovers, or null for other roles
   * @throws RequestException {@code id_in_use}
   */
  ConsumerRecord.Resumption opened(Session session, Long resume) throws RequestException {
    ConsumerRecord.Resumption resumption =
        session.consumerId != null ? consumers.claim(session, resume) : null;
    sessions.incrementAndGet(session.role().ordinal());
    return resumption;
  }

  /**
   * Takes {@code session} off its consumer record. The record goes too if the session
   * {@code ended}; after a closed connection it stays for the grace period, still routed to.
   */
  void forget(Session session, boolean ended) {
    sessions.decrementAndGet(session.role().ordinal());
    if (session.consumerId != null) {
      if (ended) {
        consumers.ended(session);
      } else {
        consumers.disconnected(session);
      }
    }
  }

  /**
   * Routes {@code message} (see {@link Fanout}) to the records {@link #recipients} chooses, and
   * counts it; returns how many it reached. Every publish of the app comes through here, from a
   * socket or from the hub object.
   */
  int route(Message message, List<String> to, List<String> rooms) {
    int routed = Fanout.route(message, recipients(message.event, to, rooms));
    publishes.increment();
    deliveries.add(routed);
    return routed;
  }

  /** What this app counts now. */
  AppStats stats() {
    return new AppStats(sessions.get(Role.CONSUMER.ordinal()),
        sessions.get(Role.CONTRIBUTOR.ordinal()), sessions.get(Role.PRODUCER.ordinal()),
        publishes.sum(), deliveries.sum());
  }

  /**
   * The consumer records a publish of {@code event} reaches, each once: every record watching
   * it, or (with {@code to}) those of them whose alias is in the list, or (with {@code rooms})
   * those in any of the rooms.
   */
  Collection<ConsumerRecord> recipients(String event, List<String> to, List<String> rooms) {
    if (to == null && rooms == null) {
      return consumers.watchers(event); // a set: each record once
    }
    Set<ConsumerRecord> result = new HashSet<>();
    for (String key : to != null ? to : rooms) {
      for (ConsumerRecord record : to != null
          ? consumers.aliased(key) : consumers.members(key)) {
        if (record.watches(event)) {
          result.add(record);
        }
      }
    }
    return result;
  }
}
