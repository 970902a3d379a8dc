package io.hatchet.protocol;

/**
 * The lengths PROTOCOL.md allows for the strings of a request, counted in Unicode code points
 * (see {@link #length}), and how deep its packet may nest. The hub refuses a longer string with
 * {@code bad_request}; the client refuses it before sending, so that the mistake surfaces where
 * it was made.
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

  /**
   * How many arrays and objects may be open at once in a request's event packet, its name and
   * argument included ({@code ["publish",{"data":...}]} is two deep before the data). The hub
   * answers a deeper one {@code bad_request}; a client reads deliveries somewhat deeper, so that
   * whatever the hub relays reaches it.
   */
  public static final int MAX_NESTING = 1_000;

  private Limits() {
  }

  /**
   * The length of {@code text} as the limits count it: Unicode code points, so that a name of
   * 256 emoji is as long as one of 256 letters, whatever its UTF-16 length.
   *
   * @param text a name, alias, room or other text the limits bound
   * @return its length in code points
   */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
