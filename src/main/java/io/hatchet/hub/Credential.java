package io.hatchet.hub;

import java.util.List;
import java.util.Set;

/**
 * What an {@code auth} proved: the session's role, the events it may watch or publish, and for a
 * token consumer its user. Made from a {@link KeyGrant}, a verified token, an {@link Identity}
 * an {@link Authorizer} gave, or a pushinator registration. Immutable.
 */
final class Credential {
  final Role role;
  /** The allowed events in the order they were given; empty means every event. */
  final List<String> events;
  /** The token's {@code userId} for a token consumer, else null. */
  final String userId;
  /**
   * The alias an authorizer fixed for a consumer without a user, which the client cannot change;
   * else null.
   */
  final String alias;
  /** Names the credential in logs without giving it away. */
  final String label;
  private final Set<String> eventSet;

  private Credential(Role role, List<String> events, String userId, String alias,
      String label) {
    this.role = role;
    this.events = List.copyOf(events);
    this.eventSet = Set.copyOf(events);
    this.userId = userId;
    this.alias = alias;
    this.label = label;
  }

  static Credential of(KeyGrant grant) {
    return new Credential(grant.role, grant.events, null, null, "key " + grant.masked());
  }

  /** A consumer token: every event, and the alias and user room of {@code userId}. */
  static Credential consumerToken(String userId) {
    return new Credential(Role.CONSUMER, List.of(), userId, null,
        "token of user '" + userId + "'");
  }

  /** A producer credential; {@code subject} is its {@code sub} claim (may be null), for logs. */
  static Credential producer(String subject) {
    return new Credential(Role.PRODUCER, List.of(), null, null,
        subject != null ? "producer '" + subject + "'" : "producer credential without sub");
  }

  /** What an authorizer accepted; a consumer with a user is one as by a token. */
  static Credential authorized(Identity identity) {
    return new Credential(identity.roleValue(), identity.allowedEvents(), identity.userId(),
        identity.alias(), "authorizer's " + identity.role()
            + (identity.userId() != null ? " of user '" + identity.userId() + "'" : ""));
  }

  /** A pushinator client of {@code userId}: a consumer of that user, of {@code event} only. */
  static Credential registered(String userId, String event) {
    return new Credential(Role.CONSUMER, List.of(event), userId, null,
        "registration of user '" + userId + "'");
  }

  /** Whether the client may not set its alias: a user's consumer, or one an authorizer named. */
  boolean fixesAlias() {
    return userId != null || alias != null;
  }

  boolean permits(String event) {
    return eventSet.isEmpty() || eventSet.contains(event);
  }

  @Override public String toString() {
    return role.wireName + " " + label;
  }
}
