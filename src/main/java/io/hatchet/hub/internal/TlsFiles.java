package io.hatchet.hub.internal;

import io.hatchet.protocol.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's certificate chain and private key, read from PEM files with the JDK alone, so that
 * what the hub accepts does not depend on which libraries happen to be on the class path. Each
 * mistake is an {@link IllegalArgumentException} that names the file, what is wrong and what is
 * expected; the text of a key is never part of a message.
 *
 * @param chain the hub's certificate first, then the ones that signed it
 * @param key the private key of the first certificate
 */
public record TlsFiles(List<X509Certificate> chain, PrivateKey key) {
  private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);
  /** The PEM labels of keys, as {@code openssl} and other tools write them. */
  private static final Pattern KEY_BLOCK = Pattern.compile(
      "-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY)-----"
          + "[A-Za-z0-9+/=\\s:,-]*?-----END \\1-----");
  /** The file a key is read from; at most this long, as no PEM key comes near it. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  public TlsFiles {
    chain = List.copyOf(chain);
  }

  /**
   * Reads and checks both files: the chain's first certificate and the key must be a pair.
   * Logs a warning, without failing, if that certificate has expired or is not valid yet.
   */
  public static TlsFiles read(Path certificateChainPem, Path privateKeyPem) {
    String chainWhat = "TLS certificate chain file " + certificateChainPem;
    String keyWhat = "TLS private key file " + privateKeyPem;
    String chainText = text(certificateChainPem, chainWhat);
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(chainText);
    } catch (IllegalArgumentException e) {
      String swapped = KEY_BLOCK.matcher(chainText).find()
          ? " (it holds a private key: are the two files swapped?)" : "";
      throw new IllegalArgumentException(chainWhat + ": " + e.getMessage() + swapped, e);
    }
    PrivateKey key = key(text(privateKeyPem, keyWhat), keyWhat);
    X509Certificate own = chain.get(0);
    if (!pair(key, own.getPublicKey())) {
      throw new IllegalArgumentException(keyWhat + ": the key is not the one of the first"
          + " certificate in " + certificateChainPem + " (" + own.getSubjectX500Principal()
          + "); expected the private key that certificate was issued for");
    }
    warnIfNotValidNow(own, certificateChainPem);
    return new TlsFiles(chain, key);
  }

  private static PrivateKey key(String text, String what) {
    Matcher block = KEY_BLOCK.matcher(text);
    if (!block.find()) {
      String certificate = text.contains("-----BEGIN CERTIFICATE-----")
          ? " (it holds a certificate: are the two files swapped?)" : "";
      throw new IllegalArgumentException(what + ": holds no PEM private key" + certificate
          + "; expected a -----BEGIN PRIVATE KEY----- block (PKCS#8)");
    }
    String label = block.group(1);
    String pem = block.group();
    if (block.find()) {
      throw new IllegalArgumentException(what + ": holds more than one private key; expected"
          + " one, the key of the first certificate of the chain");
    }
    String convert = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";
    switch (label) {
      case "PRIVATE KEY":
        break;
      case "ENCRYPTED PRIVATE KEY":
        throw new IllegalArgumentException(what + ": the key is encrypted with a passphrase;"
            + " expected an unencrypted PKCS#8 key (decrypt it with: openssl pkcs8 -in KEY"
            + " -out KEY.pk8, and let only the hub's user read the file)");
      case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY":
        throw new IllegalArgumentException(what + ": the key is in the traditional "
            + label.substring(0, label.indexOf(' ')) + " form (-----BEGIN " + label
            + "-----), which the hub does not read; expected PKCS#8 (-----BEGIN PRIVATE"
            + " KEY-----): " + convert);
      default:
        throw new IllegalArgumentException(what + ": the key is in OpenSSH's own format;"
            + " expected PKCS#8 (-----BEGIN PRIVATE KEY-----): " + convert);
    }
    try {
      return Pem.privateKey(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": its PRIVATE KEY block cannot be read ("
          + e.getMessage() + "); expected an RSA or EC key in PKCS#8");
    }
  }

  /** Whether {@code key} signs what {@code publicKey} verifies: whatever the key's family. */
  private static boolean pair(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // the two do not fit together at all
    }
  }

  private static void warnIfNotValidNow(X509Certificate certificate, Path file) {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      log.warn("the TLS certificate in {} expired on {}: clients will refuse it", file,
          certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      log.warn("the TLS certificate in {} is valid only from {}: clients will refuse it until"
          + " then", file, certificate.getNotBefore().toInstant());
    }
  }

  private static String text(Path file, String what) {
    try {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(what + ": is a directory; expected a PEM file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(what + ": is over 1 MiB; expected a PEM file");
      }
      return Files.readString(file, StandardCharsets.ISO_8859_1); // PEM is ASCII; never fails
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(what + ": cannot be read by this process", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot be read: " + e, e);
    }
  }
}
