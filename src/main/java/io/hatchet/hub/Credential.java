package io.hatchet.hub;

import java.util.List;
import java.util.Set;

/**
 * What an {@code auth} proved: the session's role, the events it may watch or publish, and for a
 * token consumer its user. Made from a {@link KeyGrant} or a verified token. Immutable.
 */
final class Credential {
  final Role role;
  /** The allowed events in the order they were given; empty means every event. */
  final List<String> events;
  /** The token's {@code userId} for a token consumer, else null. */
  final String userId;
  /** Names the credential in logs without giving it away. */
  final String label;
  private final Set<String> eventSet;

  private Credential(Role role, List<String> events, String userId, String label) {
    this.role = role;
    this.events = List.copyOf(events);
    this.eventSet = Set.copyOf(events);
    this.userId = userId;
    this.label = label;
  }

  static Credential of(KeyGrant grant) {
    return new Credential(grant.role, grant.events, null, "key " + grant.masked());
  }

  /** A consumer token: every event, and the alias and user room of {@code userId}. */
  static Credential consumerToken(String userId) {
    return new Credential(Role.CONSUMER, List.of(), userId, "token of user '" + userId + "'");
  }

  /** A producer credential; {@code subject} is its {@code sub} claim (may be null), for logs. */
  static Credential producer(String subject) {
    return new Credential(Role.PRODUCER, List.of(), null,
        subject != null ? "producer '" + subject + "'" : "producer credential without sub");
  }

  boolean permits(String event) {
    return eventSet.isEmpty() || eventSet.contains(event);
  }

  @Override public String toString() {
    return role.wireName + " " + label;
  }
}
