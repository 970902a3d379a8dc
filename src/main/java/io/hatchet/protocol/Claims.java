package io.hatchet.protocol;

import java.util.regex.Pattern;

/**
 * The claims of the tokens of PROTOCOL.md ("Tokens"), which producers sign and the hub
 * verifies, and the user room a token consumer is put in.
 */
public final class Claims {
  /** The {@code aud} of a consumer token. */
  public static final String CONSUMER_AUDIENCE = "hatchet:consumer";
  /** The {@code aud} of a producer's own credential. */
  public static final String PRODUCER_AUDIENCE = "hatchet:producer";
  /** The app a token was made for: a token of one app opens nothing in another. */
  public static final String APP_CLAIM = "app";
  /** A consumer token's user, which becomes the consumer's alias and names its user room. */
  public static final String USER_ID_CLAIM = "userId";
  /** Every token consumer is in the room of its user: {@code user:<userId>}. */
  public static final String USER_ROOM_PREFIX = "user:";

  private static final Pattern JWS_COMPACT =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private Claims() {
  }

  /**
   * The room every token consumer of {@code userId} is in, so one publish reaches them all.
   *
   * @param userId the user's id, as in its tokens
   * @return the room's name, {@code "user:" + userId}
   */
  public static String userRoom(String userId) {
    return USER_ROOM_PREFIX + userId;
  }

  /**
   * Whether a credential has the shape of a JWS compact token: three base64url parts. The
   * {@code key} of {@code auth} is either a key or a token, and this is how they are told apart.
   *
   * @param credential the {@code key} of an {@code auth}
   * @return whether it is to be read as a token
   */
  public static boolean looksLikeToken(String credential) {
    return JWS_COMPACT.matcher(credential).matches();
  }
}
