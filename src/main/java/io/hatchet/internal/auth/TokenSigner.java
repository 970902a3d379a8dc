package io.hatchet.internal.auth;

import io.hatchet.internal.Checks;
import io.hatchet.protocol.Algorithms;
import io.hatchet.protocol.Claims;
import io.hatchet.protocol.Pem;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Signs a producer's tokens with jjwt: consumer tokens for its users, and the short-lived credential
 * with which the producer itself authenticates. The claims are those of PROTOCOL.md.
 */
public final class TokenSigner {
  /** Claims hatchet sets itself, which a payload may not override. */
  private static final Set<String> RESERVED = Set.of("aud", Claims.APP_CLAIM, "exp", "iat");
  /** A producer's own credential needs to live only until the hub has seen it. */
  static final Duration CREDENTIAL_LIFETIME = Duration.ofMinutes(5);

  private final SecureDigestAlgorithm<Key, ?> algorithm;
  private final Key key;

  @SuppressWarnings("unchecked")
  public TokenSigner(String algorithm, String secretKey) {
    Algorithms.check(algorithm);
    this.algorithm = (SecureDigestAlgorithm<Key, ?>) Jwts.SIG.get().forKey(algorithm);
    this.key = key(algorithm, secretKey);
  }

  private static Key key(String algorithm, String secretKey) {
    if (Algorithms.isHmac(algorithm)) {
      if (Pem.isPem(secretKey)) {
        throw new IllegalArgumentException(algorithm + " signs with an HMAC secret, not a PEM key");
      }
      byte[] bytes = secretKey.getBytes(StandardCharsets.UTF_8);
      int needed = Algorithms.minSecretBytes(algorithm);
      if (bytes.length < needed) {
        throw new IllegalArgumentException(algorithm + " needs a secret of at least " + needed
            + " bytes (RFC 7518, section 3.2); this one has " + bytes.length);
      }
      return Keys.hmacShaKeyFor(bytes);
    }
    String family = Algorithms.keyFamily(algorithm);
    if (!Pem.isPem(secretKey)) {
      throw new IllegalArgumentException(algorithm + " signs with a PEM private key (" + family
          + "), not a secret");
    }
    PrivateKey privateKey = Pem.privateKey(secretKey);
    if (!privateKey.getAlgorithm().equals(family)) {
      throw new IllegalArgumentException(algorithm + " needs an " + family + " key, not "
          + privateKey.getAlgorithm());
    }
    return privateKey;
  }

  /** Signs a throw-away token, so that a key jjwt refuses (too small, wrong curve) fails early. */
  public void check() {
    try {
      sign(Jwts.builder().subject("check"), Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** A consumer token for the user named by {@code payload}'s {@code userId}. */
  public String consumerToken(String app, Map<String, ?> payload, Duration expiresIn) {
    Checks.notNull(payload, "payload");
    if (!(payload.get(Claims.USER_ID_CLAIM) instanceof String userId) || userId.isBlank()) {
      throw new IllegalArgumentException("payload must carry a non-blank string userId");
    }
    for (String claim : RESERVED) {
      if (payload.containsKey(claim)) {
        throw new IllegalArgumentException("payload may not set '" + claim + "': hatchet sets it");
      }
    }
    JwtBuilder builder = Jwts.builder()
        .claims(payload)
        .audience().add(Claims.CONSUMER_AUDIENCE).and()
        .claim(Claims.APP_CLAIM, app);
    return sign(builder, expiresIn);
  }

  /** The producer's own credential, signed anew at each authentication. */
  public String producerCredential(String app, String producerId) {
    JwtBuilder builder = Jwts.builder()
        .subject(producerId)
        .audience().add(Claims.PRODUCER_AUDIENCE).and()
        .claim(Claims.APP_CLAIM, app);
    return sign(builder, CREDENTIAL_LIFETIME);
  }

  private String sign(JwtBuilder builder, Duration expiresIn) {
    Instant now = Instant.now();
    return builder
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(expiresIn)))
        .signWith(key, algorithm)
        .compact();
  }
}
