package io.hatchet.protocol;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA and EC keys in PEM, with the JDK's own key factories: PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}), which producers sign tokens with, and X.509 public keys
 * ({@code BEGIN PUBLIC KEY}), which the hub verifies them with: what {@code openssl genpkey}
 * and {@code openssl pkey -pubout} write; and X.509 certificates ({@code BEGIN CERTIFICATE}),
 * which the hub presents over TLS and a client may trust.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** The key families of the RS and ES algorithms, the only ones a PEM key can be here. */
  private static final List<String> FAMILIES = List.of("RSA", "EC");

  private Pem() {
  }

  /**
   * Whether {@code text} looks like a PEM block rather than an HMAC secret.
   *
   * @param text a key as configured
   * @return whether it starts with a PEM boundary
   */
  public static boolean isPem(String text) {
    return text.strip().startsWith("-----BEGIN ");
  }

  /**
   * Reads a {@code BEGIN PRIVATE KEY} block.
   *
   * @param pem the PEM text of a PKCS#8 private key
   * @return the RSA or EC key
   * @throws IllegalArgumentException if it is not one, or holds neither an RSA nor an EC key
   */
  public static PrivateKey privateKey(String pem) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(decode(pem, "PRIVATE KEY"));
    return read("private", family -> KeyFactory.getInstance(family).generatePrivate(spec));
  }

  /**
   * Reads a {@code BEGIN PUBLIC KEY} block.
   *
   * @param pem the PEM text of an X.509 public key
   * @return the RSA or EC key
   * @throws IllegalArgumentException if it is not one, or holds neither an RSA nor an EC key
   */
  public static PublicKey publicKey(String pem) {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(decode(pem, "PUBLIC KEY"));
    return read("public", family -> KeyFactory.getInstance(family).generatePublic(spec));
  }

  /**
   * Reads every {@code BEGIN CERTIFICATE} block, in order, skipping any other text (the
   * {@code subject=} lines some tools write, other blocks).
   *
   * @param pem PEM text holding one or more certificates
   * @return the certificates, in the order of the text
   * @throws IllegalArgumentException if it holds no certificate block, or a block that is not
   *     an X.509 certificate (the message says which, counting from 1)
   */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      if (!block.group(1).equals("CERTIFICATE")) continue;
      int number = certificates.size() + 1;
      try {
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException e) {
        throw new IllegalArgumentException("PEM certificate " + number
            + " is not an X.509 certificate: " + e.getMessage(), e);
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "no PEM certificate: expected a -----BEGIN CERTIFICATE----- block");
    }
    return certificates;
  }

  /** The DER has no family of its own to read: try each in turn. */
  private static <K> K read(String half, KeyReader<K> reader) {
    for (String family : FAMILIES) {
      try {
        return reader.read(family);
      } catch (GeneralSecurityException e) {
        // not this family: try the next
      }
    }
    throw new IllegalArgumentException("the PEM " + half + " key is neither an RSA nor an EC key");
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

  private interface KeyReader<K> {
    K read(String family) throws GeneralSecurityException;
  }
}
