package io.hatchet.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids for consumers and publishers: 22 URL-safe characters, 128 bits. */
public final class Ids {
  private static final SecureRandom random = new SecureRandom();

  private Ids() {}

  public static String random() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
