package io.hatchet.internal;

/** The claims and names that producers, consumers and the hub agree on (see PROTOCOL.md). */
public final class Tokens {
  public static final String CONSUMER_AUDIENCE = "hatchet:consumer";
  public static final String PRODUCER_AUDIENCE = "hatchet:producer";
  public static final String APP_CLAIM = "app";
  public static final String USER_ID_CLAIM = "userId";
  /** Every token consumer is in the room of its user: {@code user:<userId>}. */
  public static final String USER_ROOM_PREFIX = "user:";

  private Tokens() {}

  public static String userRoom(String userId) {
    return USER_ROOM_PREFIX + userId;
  }

  /** Whether a credential has the shape of a JWS compact token: three base64url parts. */
  public static boolean looksLikeToken(String credential) {
    return credential.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  }
}
