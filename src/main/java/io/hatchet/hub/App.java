package io.hatchet.hub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An application on a {@link HatchetHub}: a name and the keys its clients authenticate with.
 *
 * <p>A <em>consumer key</em> opens consumer sessions (they watch events); a <em>contributor
 * key</em> opens contributor sessions (they publish events). Each key may be limited to a list of
 * events; a key given no events allows every event. An app may have any number of keys of each
 * kind, but one key string only once.
 *
 * <pre>{@code
 * App demo = App.named("demo")
 *     .consumerKey("I6mMbTSOq4rCdM")
 *     .contributorKey("iYkrswPZVIrUMv", "log", "signup");
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads: every method that adds a key
 * returns a new {@code App} and leaves this one unchanged. {@link #toString()} never shows a key
 * in full.
 */
public final class App {
  /** The longest event name the protocol allows. */
  static final int MAX_EVENT_LENGTH = 256;

  private final String name;
  private final List<KeyGrant> grants;

  private App(String name, List<KeyGrant> grants) {
    this.name = name;
    this.grants = List.copyOf(grants);
  }

  /**
   * Returns an app with this name and no keys yet.
   *
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public static App named(String name) {
    if (name == null) throw new IllegalArgumentException("name == null");
    if (name.isBlank()) throw new IllegalArgumentException("name is blank");
    return new App(name, List.of());
  }

  /**
   * Returns a copy of this app with one more consumer key.
   *
   * @param key the secret a consumer authenticates with
   * @param allowedEvents the events this key may watch; none means every event
   * @throws IllegalArgumentException if {@code key} or an event is null or blank, an event is
   *     longer than 256 characters, or this app already has {@code key}
   */
  public App consumerKey(String key, String... allowedEvents) {
    return withKey(key, Role.CONSUMER, allowedEvents);
  }

  /**
   * Returns a copy of this app with one more contributor key.
   *
   * @param key the secret a contributor authenticates with
   * @param allowedEvents the events this key may publish; none means every event
   * @throws IllegalArgumentException if {@code key} or an event is null or blank, an event is
   *     longer than 256 characters, or this app already has {@code key}
   */
  public App contributorKey(String key, String... allowedEvents) {
    return withKey(key, Role.CONTRIBUTOR, allowedEvents);
  }

  /** The name clients give in the {@code app} field of {@code auth}. */
  public String name() {
    return name;
  }

  List<KeyGrant> grants() {
    return grants;
  }

  /** Returns the grant of {@code key}, or null if this app has no such key. */
  KeyGrant grantFor(String key) {
    KeyGrant found = null;
    // Look at every grant, so the time taken does not tell which one matched.
    for (KeyGrant grant : grants) {
      if (grant.matches(key) && found == null) {
        found = grant;
      }
    }
    return found;
  }

  private App withKey(String key, Role role, String... allowedEvents) {
    if (key == null) throw new IllegalArgumentException("key == null");
    if (key.isBlank()) throw new IllegalArgumentException("key is blank");
    if (allowedEvents == null) throw new IllegalArgumentException("allowedEvents == null");
    Set<String> events = new LinkedHashSet<>();
    for (int i = 0; i < allowedEvents.length; i++) {
      String event = allowedEvents[i];
      if (event == null) {
        throw new IllegalArgumentException("allowedEvents[" + i + "] == null");
      }
      if (event.isBlank()) {
        throw new IllegalArgumentException("allowedEvents[" + i + "] is blank");
      }
      if (event.length() > MAX_EVENT_LENGTH) {
        throw new IllegalArgumentException(
            "allowedEvents[" + i + "] is longer than " + MAX_EVENT_LENGTH + " characters");
      }
      events.add(event);
    }
    for (KeyGrant grant : grants) {
      if (grant.key.equals(key)) {
        throw new IllegalArgumentException("key " + KeyGrant.mask(key)
            + " is already a " + grant.role.wireName + " key of app '" + name + "'");
      }
    }
    List<KeyGrant> more = new ArrayList<>(grants);
    more.add(new KeyGrant(key, role, new ArrayList<>(events)));
    return new App(name, more);
  }

  @Override public String toString() {
    List<KeyGrant> consumers = new ArrayList<>();
    List<KeyGrant> contributors = new ArrayList<>();
    for (KeyGrant grant : grants) {
      (grant.role == Role.CONSUMER ? consumers : contributors).add(grant);
    }
    return "App{name=" + name
        + ", consumerKeys=" + consumers
        + ", contributorKeys=" + contributors + "}";
  }
}
