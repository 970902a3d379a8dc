package io.hatchet.internal;

/** Argument checks shared by the public face and the internals. */
public final class Checks {
  /** The longest app name, key, event name or alias the hub accepts (see PROTOCOL.md). */
  static final int MAX_NAME_LENGTH = 256;

  private Checks() {}

  /** Returns {@code value}, or throws {@link IllegalArgumentException} naming {@code what}. */
  public static String name(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is null or blank");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          what + " is longer than " + MAX_NAME_LENGTH + " characters: " + value.length());
    }
    return value;
  }

  /** A credential: non-blank, of any length (RSA and EC tokens run to hundreds of characters). */
  public static String credential(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is null or blank");
    }
    return value;
  }

  public static <T> T notNull(T value, String what) {
    if (value == null) throw new IllegalArgumentException(what + " == null");
    return value;
  }
}
