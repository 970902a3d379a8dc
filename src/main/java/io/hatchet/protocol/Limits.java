package io.hatchet.protocol;

/**
 * The lengths PROTOCOL.md allows for the strings of a request, counted in Unicode code points
 * (see {@link #length}). The hub refuses a longer one with {@code bad_request}; the client
 * refuses it before sending, so that the mistake surfaces where it was made.
 */
public final class Limits {
  /**
   * The longest event name, alias, room name or user id: in {@code watch}, {@code unwatch},
   * {@code alias}, {@code publish}, {@code join}, {@code leave} and {@code consumers}, and in a
   * consumer token's {@code userId} claim. App names and keys have no limit on the wire.
   */
  public static final int MAX_NAME_LENGTH = 256;

  /**
   * The longest session name, consumer id or publisher id. These are chosen by clients and held
   * by the hub for every session, so they are kept short.
   */
  public static final int MAX_SESSION_LENGTH = 64;

  private Limits() {
  }

  /**
   * The length of {@code text} as the limits count it: Unicode code points, so that a name of
   * 256 emoji is as long as one of 256 letters, whatever its UTF-16 length.
   */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
