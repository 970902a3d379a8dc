package io.hatchet.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random ids of PROTOCOL.md: consumer ids, which the client chooses and the hub makes for a
 * consumer that chose none, and publisher ids. Both sides make them alike, so that an id tells
 * nothing of who made it and always fits {@link Limits#MAX_SESSION_LENGTH}.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  /**
   * A fresh id: 128 random bits as 22 URL-safe base64 characters, so that ids made apart, on
   * any side, never collide and cannot be guessed.
   *
   * @return the id
   */
  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
