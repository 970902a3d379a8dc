package io.hatchet.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/** One key of an app: the role it gives and the events it allows. Immutable. */
final class KeyGrant {
  final String key;
  final Role role;
  /** The allowed events in the order they were given; empty means every event. */
  final List<String> events;
  private final Set<String> eventSet;
  private final byte[] keyBytes;

  KeyGrant(String key, Role role, List<String> events) {
    this.key = key;
    this.role = role;
    this.events = List.copyOf(events);
    this.eventSet = Set.copyOf(events);
    this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
  }

  boolean permits(String event) {
    return eventSet.isEmpty() || eventSet.contains(event);
  }

  /** Compares in constant time, so answer timing tells nothing about how much of a key matched. */
  boolean matches(String candidate) {
    return MessageDigest.isEqual(keyBytes, candidate.getBytes(StandardCharsets.UTF_8));
  }

  String masked() {
    return mask(key);
  }

  /** The first 3 characters and an ellipsis; short keys show nothing at all. */
  static String mask(String key) {
    if (key == null) {
      return "null";
    }
    return key.length() > 6 ? key.substring(0, 3) + "…" : "…";
  }

  @Override public String toString() {
    return events.isEmpty() ? masked() : masked() + events;
  }
}
