package io.hatchet.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA and EC keys in PEM, with the JDK's own key factories: PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}) and X.509 public keys ({@code BEGIN PUBLIC KEY}), what
 * {@code openssl genpkey} and {@code openssl pkey -pubout} write.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  /** Whether {@code text} looks like a PEM block rather than an HMAC secret. */
  public static boolean isPem(String text) {
    return text.strip().startsWith("-----BEGIN ");
  }

  public static PrivateKey privateKey(String pem) {
    byte[] der = decode(pem, "PRIVATE KEY");
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException("the PEM private key is neither an RSA nor an EC key");
  }

  public static PublicKey publicKey(String pem) {
    byte[] der = decode(pem, "PUBLIC KEY");
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException("the PEM public key is neither an RSA nor an EC key");
  }

  private static byte[] decode(String pem, String type) {
    Matcher block = BLOCK.matcher(pem.strip());
    if (!block.find()) throw new IllegalArgumentException("not a PEM block: " + abbreviate(pem));
    if (!block.group(1).equals(type)) {
      throw new IllegalArgumentException("expected a PEM '" + type + "', got '" + block.group(1)
          + "'; convert it with: openssl pkcs8 -topk8 -nocrypt (private) or "
          + "openssl pkey -pubout (public)");
    }
    try {
      return Base64.getMimeDecoder().decode(block.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM '" + type + "' is not valid base64", e);
    }
  }

  private static String abbreviate(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 40 ? line.substring(0, 40) + "…" : line;
  }
}
