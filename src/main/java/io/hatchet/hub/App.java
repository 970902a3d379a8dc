package io.hatchet.hub;

import io.hatchet.protocol.Limits;
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
 * <p><em>Producer keys</em> sign tokens (JWS, see PROTOCOL.md): consumer tokens, which open
 * consumer sessions for one user, and the credentials producers authenticate with. The hub holds
 * HMAC secrets ({@link #producerSecrets}) and the public halves of RSA and EC key pairs
 * ({@link #producerPublicKeys}), and accepts a token signed with any of them, so keys can be
 * rotated: add the new one, move the producers to it, then drop the old one.
 *
 * <pre>{@code
 * App demo = App.named("demo")
 *     .consumerKey("I6mMbTSOq4rCdM")
 *     .contributorKey("iYkrswPZVIrUMv", "log", "signup")
 *     .producerSecrets(System.getenv("DEMO_PRODUCER_SECRET"));
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads: every method that adds a key
 * returns a new {@code App} and leaves this one unchanged. {@link #toString()} never shows a key
 * in full, nor any part of a producer secret.
 */
public final class App {
  private final String name;
  private final List<KeyGrant> grants;
  private final ProducerKeys producerKeys;

  private App(String name, List<KeyGrant> grants, ProducerKeys producerKeys) {
    this.name = name;
    this.grants = List.copyOf(grants);
    this.producerKeys = producerKeys;
  }

  /**
   * Returns an app with this name and no keys yet.
   *
   * @param name the name clients give in {@code auth}
   * @return the app
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public static App named(String name) {
    if (name == null) throw new IllegalArgumentException("name == null");
    if (name.isBlank()) throw new IllegalArgumentException("name is blank");
    return new App(name, List.of(), ProducerKeys.NONE);
  }

  /**
   * Returns a copy of this app with one more consumer key.
   *
   * @param key the secret a consumer authenticates with
   * @param allowedEvents the events this key may watch; none means every event
   * @return the new app; this one is unchanged
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
   * @return the new app; this one is unchanged
   * @throws IllegalArgumentException if {@code key} or an event is null or blank, an event is
   *     longer than 256 characters, or this app already has {@code key}
   */
  public App contributorKey(String key, String... allowedEvents) {
    return withKey(key, Role.CONTRIBUTOR, allowedEvents);
  }

  /**
   * Returns a copy of this app with more HMAC producer secrets, for tokens signed with HS256,
   * HS384 or HS512. Each secret's UTF-8 bytes are the key; RFC 7518 wants at least 256 bits
   * (32 bytes) for HS256, 384 for HS384 and 512 for HS512, and a secret too short for a token's
   * algorithm does not verify it. Call again to add more.
   *
   * @param secrets the secrets, as the producers hold them
   * @return the new app; this one is unchanged
   * @throws IllegalArgumentException if a secret is null, shorter than 32 bytes of UTF-8, or
   *     already a producer secret of this app
   */
  public App producerSecrets(String... secrets) {
    return new App(name, grants, producerKeys.withSecrets(name, secrets));
  }

  /**
   * Returns a copy of this app with more producer public keys, for tokens signed with RS256,
   * RS384 or RS512 (RSA keys of 2048 bits or more) or with ES256, ES384 or ES512 (EC keys on
   * P-256, P-384 or P-521). Each is a PEM {@code -----BEGIN PUBLIC KEY-----} block (X.509
   * SubjectPublicKeyInfo, what {@code openssl pkey -pubout} writes), read at once. Call again to
   * add more.
   *
   * @param pems the public keys, each a PEM block
   * @return the new app; this one is unchanged
   * @throws IllegalArgumentException if a key is null, not such a PEM block, too weak, or
   *     already a producer key of this app
   */
  public App producerPublicKeys(String... pems) {
    return new App(name, grants, producerKeys.withPublicKeys(name, pems));
  }

  /**
   * The name clients give in the {@code app} field of {@code auth}.
   *
   * @return the app's name
   */
  public String name() {
    return name;
  }

  List<KeyGrant> grants() {
    return grants;
  }

  ProducerKeys producerKeys() {
    return producerKeys;
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
    List<String> events = checkedEvents(allowedEvents);
    for (KeyGrant grant : grants) {
      if (grant.key.equals(key)) {
        throw new IllegalArgumentException("key " + KeyGrant.mask(key)
            + " is already a " + grant.role.wireName + " key of app '" + name + "'");
      }
    }
    List<KeyGrant> more = new ArrayList<>(grants);
    more.add(new KeyGrant(key, role, events));
    return new App(name, more, producerKeys);
  }

  /**
   * {@code allowedEvents} without repeats, in their order.
   *
   * @throws IllegalArgumentException if the array or an event is null or blank, or an event is
   *     longer than 256 characters
   */
  static List<String> checkedEvents(String... allowedEvents) {
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
      if (Limits.length(event) > Limits.MAX_NAME_LENGTH) {
        throw new IllegalArgumentException(
            "allowedEvents[" + i + "] is longer than " + Limits.MAX_NAME_LENGTH + " characters");
      }
      events.add(event);
    }
    return new ArrayList<>(events);
  }

  @Override public String toString() {
    List<KeyGrant> consumers = new ArrayList<>();
    List<KeyGrant> contributors = new ArrayList<>();
    for (KeyGrant grant : grants) {
      (grant.role == Role.CONSUMER ? consumers : contributors).add(grant);
    }
    return "App{name=" + name
        + ", consumerKeys=" + consumers
        + ", contributorKeys=" + contributors
        + ", " + producerKeys + "}";
  }
}
