package io.hatchet.hub;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One app on the hub: its {@link TokenVerifier}, its {@link ConsumerDirectory} of consumer
 * records (which sessions enter and leave through {@link #opened} and {@link #forget}), and its
 * {@link PublisherLog}. Also chooses the records a publish reaches.
 */
final class AppRoutes {
  final App app;
  final TokenVerifier verifier;
  final ConsumerDirectory consumers;
  final PublisherLog publishers;

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
    return session.consumerId != null ? consumers.claim(session, resume) : null;
  }

  /**
   * Takes {@code session} off its consumer record. The record goes too if the session
   * {@code ended}; after a closed connection it stays for the grace period, still routed to.
   */
  void forget(Session session, boolean ended) {
    if (session.consumerId != null) {
      if (ended) {
        consumers.ended(session);
      } else {
        consumers.disconnected(session);
      }
    }
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
