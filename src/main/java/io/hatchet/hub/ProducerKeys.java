package io.hatchet.hub;

import io.hatchet.protocol.Algorithms;
import io.hatchet.protocol.Pem;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * The keys an app's producers sign tokens with, as the hub holds them: HMAC secrets, and the
 * public halves of RSA and EC key pairs. Checked when added, so a hub never starts with a key
 * that could not verify anything. Immutable.
 */
final class ProducerKeys {
  static final ProducerKeys NONE = new ProducerKeys(List.of(), List.of());

  /** RFC 7518 3.2: an HMAC key at least as long as the hash, 256 bits for HS256. */
  private static final int MIN_SECRET_BYTES = Algorithms.minSecretBytes("HS256");
  /** RFC 7518 3.3: RSA keys of 2048 bits or more. */
  private static final int MIN_RSA_BITS = 2048;

  final List<SecretKey> secrets;
  final List<PublicKey> publicKeys;

  private ProducerKeys(List<SecretKey> secrets, List<PublicKey> publicKeys) {
    this.secrets = List.copyOf(secrets);
    this.publicKeys = List.copyOf(publicKeys);
  }

  ProducerKeys withSecrets(String appName, String... secrets) {
    if (secrets == null) throw new IllegalArgumentException("producerSecrets == null");
    List<SecretKey> more = new ArrayList<>(this.secrets);
    for (int i = 0; i < secrets.length; i++) {
      String what = "producerSecrets[" + i + "]";
      if (secrets[i] == null) throw new IllegalArgumentException(what + " == null");
      byte[] bytes = secrets[i].getBytes(StandardCharsets.UTF_8);
      if (bytes.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(what + " has " + bytes.length * 8
            + " bits (" + bytes.length + " bytes of UTF-8): RFC 7518 needs at least 256 bits"
            + " (32 bytes) for HS256, 384 for HS384 and 512 for HS512");
      }
      for (SecretKey known : more) {
        if (MessageDigest.isEqual(known.getEncoded(), bytes)) {
          throw new IllegalArgumentException(
              what + " is already a producer secret of app '" + appName + "'");
        }
      }
      more.add(Keys.hmacShaKeyFor(bytes));
    }
    return new ProducerKeys(more, publicKeys);
  }

  ProducerKeys withPublicKeys(String appName, String... pems) {
    if (pems == null) throw new IllegalArgumentException("producerPublicKeys == null");
    List<PublicKey> more = new ArrayList<>(publicKeys);
    for (int i = 0; i < pems.length; i++) {
      String what = "producerPublicKeys[" + i + "]";
      if (pems[i] == null) throw new IllegalArgumentException(what + " == null");
      PublicKey key;
      try {
        key = Pem.publicKey(pems[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
      }
      checkStrength(key, what);
      for (PublicKey known : more) {
        if (Arrays.equals(known.getEncoded(), key.getEncoded())) {
          throw new IllegalArgumentException(
              what + " is already a producer key of app '" + appName + "'");
        }
      }
      more.add(key);
    }
    return new ProducerKeys(secrets, more);
  }

  /** The same limits jjwt applies when verifying, so a weak key fails here, not at every auth. */
  private static void checkStrength(PublicKey key, String what) {
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException(what + " is an RSA key of " + bits
            + " bits: RFC 7518 needs at least " + MIN_RSA_BITS);
      }
    } else if (key instanceof ECPublicKey) {
      int bits = fieldBits((ECPublicKey) key);
      if (!isEsCurve(bits)) {
        throw new IllegalArgumentException(what + " is an EC key on a " + bits
            + "-bit curve: ES256, ES384 and ES512 need P-256, P-384 or P-521");
      }
    }
  }

  /** Whether a curve of this size is one of ES256, ES384 or ES512: P-256, P-384 or P-521. */
  private static boolean isEsCurve(int fieldBits) {
    return Algorithms.ALL.stream()
        .filter(algorithm -> "EC".equals(Algorithms.keyFamily(algorithm)))
        .anyMatch(algorithm -> Algorithms.curveBits(algorithm) == fieldBits);
  }

  static int fieldBits(ECPublicKey key) {
    return key.getParams().getCurve().getField().getFieldSize();
  }

  /** Counts and kinds only: never a secret, never key material. */
  @Override public String toString() {
    List<String> kinds = new ArrayList<>();
    for (PublicKey key : publicKeys) {
      kinds.add(key instanceof RSAPublicKey
          ? "RSA-" + ((RSAPublicKey) key).getModulus().bitLength()
          : "EC-" + fieldBits((ECPublicKey) key));
    }
    return "producerSecrets=" + secrets.size() + ", producerPublicKeys=" + kinds;
  }
}
