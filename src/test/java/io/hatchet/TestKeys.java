package io.hatchet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Real key pairs made for the test run, in the PEM forms producers and hubs are given. */
final class TestKeys {
  /** A PEM private key and the PEM of its public half. */
  record Pair(String privatePem, String publicPem) {}

  private TestKeys() {}

  static Pair rsa() {
    return pem(generate("RSA", null));
  }

  /** {@code curve}: secp256r1 for ES256, secp384r1 for ES384, secp521r1 for ES512. */
  static Pair ec(String curve) {
    return pem(generate("EC", curve));
  }

  /** The curve each ES algorithm signs with. */
  static String curveFor(String algorithm) {
    return switch (algorithm) {
      case "ES256" -> "secp256r1";
      case "ES384" -> "secp384r1";
      case "ES512" -> "secp521r1";
      default -> throw new IllegalArgumentException(algorithm);
    };
  }

  /** An HMAC secret long enough for {@code algorithm} (HS256/384/512). */
  static String secret(String algorithm, char fill) {
    return String.valueOf(fill).repeat(Integer.parseInt(algorithm.substring(2)) / 8);
  }

  private static KeyPair generate(String algorithm, String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) generator.initialize(new ECGenParameterSpec(curve));
      else generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static Pair pem(KeyPair pair) {
    return new Pair(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
        pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return "-----BEGIN " + type + "-----\n" + encoder.encodeToString(der) + "\n-----END " + type
        + "-----\n";
  }
}
