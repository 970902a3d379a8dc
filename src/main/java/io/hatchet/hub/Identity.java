package io.hatchet.hub;

import io.hatchet.protocol.Limits;
import java.util.List;

/**
 * Who a client is, as an {@link Authorizer} decided: the app and role of the session it opens,
 * and for a consumer its user or alias. Immutable: {@link #alias} and {@link #allowedEvents}
 * return a changed copy.
 *
 * <pre>{@code
 * Identity.consumer("chat", "ben")                      // user ben: alias ben, room user:ben
 * Identity.consumer("chat", null).alias("lobby-screen") // no user, a fixed alias
 * Identity.contributor("chat").allowedEvents("message") // may publish "message" only
 * }</pre>
 *
 * <p>A consumer with a user behaves as a consumer of a token of that user: its alias is the user
 * id, it is in the room {@code user:<userId>} on every authentication, and producers count it in
 * {@code consumers}. A consumer without one has the alias given here, if any, and cannot change
 * it. Without {@link #allowedEvents} a session may watch (a consumer) or publish (a contributor
 * or producer) every event.
 */
public final class Identity {
  private final String app;
  private final Role role;
  private final String userId;
  private final String alias;
  private final List<String> events;

  private Identity(String app, Role role, String userId, String alias, List<String> events) {
    this.app = app;
    this.role = role;
    this.userId = userId;
    this.alias = alias;
    this.events = List.copyOf(events);
  }

  /**
   * A consumer of {@code app}.
   *
   * @param app the app's name
   * @param userId its user, 1 to 256 characters; null for a consumer without a user
   * @return the identity
   * @throws IllegalArgumentException if {@code app} is null or blank, or {@code userId} is empty
   *     or too long
   */
  public static Identity consumer(String app, String userId) {
    return new Identity(checkApp(app), Role.CONSUMER,
        userId == null ? null : checkName(userId, "userId"), null, List.of());
  }

  /**
   * A contributor of {@code app}: it broadcasts and sends to aliases.
   *
   * @param app the app's name
   * @return the identity
   * @throws IllegalArgumentException if {@code app} is null or blank
   */
  public static Identity contributor(String app) {
    return new Identity(checkApp(app), Role.CONTRIBUTOR, null, null, List.of());
  }

  /**
   * A producer of {@code app}: it also sends to rooms and puts consumers into them.
   *
   * @param app the app's name
   * @return the identity
   * @throws IllegalArgumentException if {@code app} is null or blank
   */
  public static Identity producer(String app) {
    return new Identity(checkApp(app), Role.PRODUCER, null, null, List.of());
  }

  /**
   * This consumer with a fixed alias, which contributors' sends to it address.
   *
   * @param alias 1 to 256 characters
   * @return a copy with the alias
   * @throws IllegalArgumentException if {@code alias} is null, empty or too long
   * @throws IllegalStateException if this is not a consumer, or a consumer with a user (whose
   *     alias is its user id)
   */
  public Identity alias(String alias) {
    if (role != Role.CONSUMER) {
      throw new IllegalStateException("only a consumer has an alias, not a " + role.wireName);
    }
    if (userId != null) {
      throw new IllegalStateException("the alias of a consumer of user '" + userId
          + "' is its userId");
    }
    return new Identity(app, role, null, checkName(alias, "alias"), events);
  }

  /**
   * This identity, allowed only these events: to watch for a consumer, to publish otherwise.
   *
   * @param events event names of 1 to 256 characters; none means every event
   * @return a copy with the events
   * @throws IllegalArgumentException if an event is null, blank or too long
   */
  public Identity allowedEvents(String... events) {
    return new Identity(app, role, userId, alias, App.checkedEvents(events));
  }

  /**
   * The app of the session.
   *
   * @return the app's name
   */
  public String app() {
    return app;
  }

  /**
   * The role of the session.
   *
   * @return {@code consumer}, {@code contributor} or {@code producer}
   */
  public String role() {
    return role.wireName;
  }

  /**
   * The user of a consumer.
   *
   * @return the user id, or null
   */
  public String userId() {
    return userId;
  }

  /**
   * The fixed alias of a consumer without a user.
   *
   * @return the alias, or null
   */
  public String alias() {
    return alias;
  }

  /**
   * The events allowed.
   *
   * @return the events; empty means every event
   */
  public List<String> allowedEvents() {
    return events;
  }

  Role roleValue() {
    return role;
  }

  private static String checkApp(String app) {
    if (app == null) throw new IllegalArgumentException("app == null");
    if (app.isBlank()) throw new IllegalArgumentException("app is blank");
    return app;
  }

  /**
   * {@code name}, checked to be a name the hub takes: 1 to 256 characters.
   *
   * @throws IllegalArgumentException naming {@code what} if it is null, empty or too long
   */
  static String checkName(String name, String what) {
    if (name == null) throw new IllegalArgumentException(what + " == null");
    int length = Limits.length(name);
    if (length < 1 || length > Limits.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(what + " must have 1 to " + Limits.MAX_NAME_LENGTH
          + " characters, not " + length);
    }
    return name;
  }

  @Override public String toString() {
    return "Identity{" + role.wireName + " of app '" + app + "'"
        + (userId != null ? ", user '" + userId + "'" : "")
        + (alias != null ? ", alias '" + alias + "'" : "")
        + (events.isEmpty() ? "" : ", events " + events) + "}";
  }
}
