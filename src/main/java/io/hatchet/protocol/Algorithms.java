package io.hatchet.protocol;

import java.util.Set;

/**
 * The JWS algorithms tokens may be signed with (PROTOCOL.md, "Tokens"): HMAC with SHA-2
 * (HS256, HS384, HS512), RSA PKCS#1 v1.5 (RS256, RS384, RS512) and ECDSA (ES256, ES384, ES512).
 * Producers sign only with these and the hub verifies only these, so both sides read them here,
 * with what each needs of a key (RFC 7518, section 3).
 */
public final class Algorithms {
  /** Every algorithm of the protocol; {@code none} and the rest are refused. */
  public static final Set<String> ALL = Set.of(
      "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

  private Algorithms() {
  }

  /**
   * Returns {@code algorithm} if it is one of {@link #ALL}.
   *
   * @param algorithm a JWS algorithm's name, such as {@code HS256}
   * @return {@code algorithm}
   * @throws IllegalArgumentException naming the algorithms there are, and this one
   */
  public static String check(String algorithm) {
    if (algorithm == null || !ALL.contains(algorithm)) {
      throw new IllegalArgumentException(
          "algorithm must be one of " + ALL.stream().sorted().toList() + ": " + algorithm);
    }
    return algorithm;
  }

  /**
   * Whether {@code algorithm} signs with a shared secret rather than a key pair.
   *
   * @param algorithm a JWS algorithm's name, such as {@code HS256}
   * @return true for HS256, HS384 and HS512
   * @throws IllegalArgumentException if it is not one of {@link #ALL}
   */
  public static boolean isHmac(String algorithm) {
    return check(algorithm).startsWith("HS");
  }

  /**
   * The JCA algorithm of the keys that sign and verify {@code algorithm}, as
   * {@link java.security.Key#getAlgorithm()} names it: {@code "RSA"} or {@code "EC"}; null for
   * an HMAC algorithm, which takes a secret.
   *
   * @param algorithm a JWS algorithm's name, such as {@code HS256}
   * @return the key family, or null
   * @throws IllegalArgumentException if it is not one of {@link #ALL}
   */
  public static String keyFamily(String algorithm) {
    return switch (check(algorithm).substring(0, 2)) {
      case "RS" -> "RSA";
      case "ES" -> "EC";
      default -> null;
    };
  }

  /**
   * The fewest bytes of secret an HMAC algorithm takes: as many as its hash has, 32, 48 or 64
   * (RFC 7518, section 3.2). A shorter secret would make the token easier to forge than the
   * algorithm promises.
   *
   * @param algorithm a JWS algorithm's name, such as {@code HS256}
   * @return 32, 48 or 64
   * @throws IllegalArgumentException if {@code algorithm} is not an HMAC algorithm
   */
  public static int minSecretBytes(String algorithm) {
    if (!isHmac(algorithm)) {
      throw new IllegalArgumentException(algorithm + " takes a key pair, not a secret");
    }
    return hashBits(algorithm) / 8;
  }

  /**
   * The size in bits of the field of the one curve an ECDSA algorithm signs on: 256 for ES256
   * (P-256), 384 for ES384 (P-384) and 521 for ES512 (P-521). A key on another curve cannot
   * sign or verify it (RFC 7518, section 3.4).
   *
   * @param algorithm a JWS algorithm's name, such as {@code HS256}
   * @return 256, 384 or 521
   * @throws IllegalArgumentException if {@code algorithm} is not an ECDSA algorithm
   */
  public static int curveBits(String algorithm) {
    if (!"EC".equals(keyFamily(algorithm))) {
      throw new IllegalArgumentException(algorithm + " is not an ECDSA algorithm");
    }
    int hashBits = hashBits(algorithm);
    return hashBits == 512 ? 521 : hashBits;
  }

  /** 256, 384 or 512: the SHA-2 the algorithm hashes with, the digits of its name. */
  private static int hashBits(String algorithm) {
    return Integer.parseInt(algorithm.substring(2));
  }
}
