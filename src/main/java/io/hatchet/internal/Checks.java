package io.hatchet.internal;

import io.hatchet.protocol.Limits;

/**
 * Argument checks shared by the public face and the internals, with the wire's limits
 * ({@link Limits}), so that a mistake fails where it was made rather than at the hub.
 */
public final class Checks {
  private Checks() {}

  /**
   * An event name, alias, room or user id: not blank, at most {@link Limits#MAX_NAME_LENGTH}
   * code points. Returns {@code value}, or throws {@link IllegalArgumentException} naming
   * {@code what}.
   */
  public static String name(String value, String what) {
    return atMost(notBlank(value, what), Limits.MAX_NAME_LENGTH, what);
  }

  /** A consumer id: not blank, at most {@link Limits#MAX_SESSION_LENGTH} code points. */
  public static String id(String value, String what) {
    return atMost(notBlank(value, what), Limits.MAX_SESSION_LENGTH, what);
  }

  /**
   * An app name, key or credential: not blank, of any length (RSA and EC tokens run to hundreds
   * of characters).
   */
  public static String notBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is null or blank");
    }
    return value;
  }

  public static <T> T notNull(T value, String what) {
    if (value == null) throw new IllegalArgumentException(what + " == null");
    return value;
  }

  private static String atMost(String value, int limit, String what) {
    int length = Limits.length(value);
    if (length > limit) {
      throw new IllegalArgumentException(
          what + " is longer than " + limit + " characters: " + length);
    }
    return value;
  }
}
