package io.hatchet.hub;

import io.hatchet.protocol.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Producer keys made for the tests, an app holding them, and tokens signed with jjwt. */
final class TestTokens {
  /** 32, 48 and 64 bytes: the least HS256, HS384 and HS512 need. */
  static final String SECRET_32 = "tokenXXXXXXXtokenXXXXXXXtokenXXX";
  static final String SECRET_48 = "s".repeat(48);
  /** 44 characters, 64 bytes of UTF-8: the bytes count. */
  static final String SECRET_64 = "zwölf-🪓-".repeat(5) + "x".repeat(4);
  /** A secret the test app does not hold. */
  static final String OTHER_SECRET = "other-secret-other-secret-other-secret";

  static final KeyPair RSA = generate("RSA", 2048);
  static final KeyPair P256 = generateEc("secp256r1");
  static final KeyPair P384 = generateEc("secp384r1");
  static final KeyPair P521 = generateEc("secp521r1");

  private TestTokens() {
  }

  /** TestApps.demo() with every kind of producer key. */
  static App app() {
    return TestApps.demo()
        .producerSecrets(SECRET_32, SECRET_48, SECRET_64)
        .producerPublicKeys(pem(RSA.getPublic()), pem(P256.getPublic()))
        .producerPublicKeys(pem(P384.getPublic()), pem(P521.getPublic()));
  }

  static SecretKey hmac(String secret) {
    return Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A consumer token for {@code userId} of app "demo", valid for 5 minutes. */
  static JwtBuilder consumer(String userId) {
    return Jwts.builder()
        .audience().add(Claims.CONSUMER_AUDIENCE).and()
        .claim(Claims.APP_CLAIM, "demo")
        .claim(Claims.USER_ID_CLAIM, userId)
        .expiration(in(Duration.ofMinutes(5)));
  }

  /** A producer credential of app "demo", valid for 5 minutes. */
  static JwtBuilder producer() {
    return Jwts.builder()
        .audience().add(Claims.PRODUCER_AUDIENCE).and()
        .claim(Claims.APP_CLAIM, "demo")
        .subject("backend-1")
        .expiration(in(Duration.ofMinutes(5)));
  }

  /** Signs with any of jjwt's algorithms, whatever the type of its key. */
  static String sign(JwtBuilder builder, Key key, SecureDigestAlgorithm<?, ?> alg) {
    @SuppressWarnings("unchecked")
    SecureDigestAlgorithm<Key, ?> algorithm = (SecureDigestAlgorithm<Key, ?>) alg;
    return builder.signWith(key, algorithm).compact();
  }

  static String consumerToken(String userId) {
    return consumer(userId).signWith(hmac(SECRET_32), Jwts.SIG.HS256).compact();
  }

  static String producerToken() {
    return producer().signWith(hmac(SECRET_32), Jwts.SIG.HS256).compact();
  }

  static Date in(Duration duration) {
    return Date.from(Instant.now().plus(duration));
  }

  /**
   * A token put together by hand, for what jjwt will not make: any header, any payload text,
   * signed with HMAC-SHA256 over {@code secret} (or with an empty signature if it is null).
   */
  static String handMade(String headerJson, String payload, String secret) {
    String signingInput = base64Url(headerJson) + "." + base64Url(payload);
    if (secret == null) {
      return signingInput + ".";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** {@link #handMade} with another HMAC: {@code "HmacSHA512"} for instance. */
  static String handMade(String headerJson, String payload, String secret, String macName)
      throws GeneralSecurityException {
    String signingInput = base64Url(headerJson) + "." + base64Url(payload);
    Mac mac = Mac.getInstance(macName);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macName));
    byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  /** Claims of a valid consumer token of "demo" for "ben", as JSON text. */
  static String consumerClaims() {
    long exp = Instant.now().plusSeconds(300).getEpochSecond();
    return "{\"aud\":\"" + Claims.CONSUMER_AUDIENCE + "\",\"app\":\"demo\",\"userId\":\"ben\","
        + "\"exp\":" + exp + "}";
  }

  static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The public key as PEM, the way {@code openssl pkey -pubout} writes it. */
  static String pem(PublicKey key) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair generateEc(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
