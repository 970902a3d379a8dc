package io.hatchet.hub;

import static io.hatchet.protocol.Claims.APP_CLAIM;
import static io.hatchet.protocol.Claims.CONSUMER_AUDIENCE;
import static io.hatchet.protocol.Claims.PRODUCER_AUDIENCE;
import static io.hatchet.protocol.Claims.USER_ID_CLAIM;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.protocol.Algorithms;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;
import io.hatchet.protocol.StrictJson;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SecurityException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Verifies the tokens of one app (PROTOCOL.md, "Tokens") against its producer keys and turns
 * them into {@link Credential}s, or into the protocol's error codes.
 *
 * <p>The header is read here first, so that {@code alg: none} and algorithms outside
 * HS/RS/ES 256/384/512 get their own codes, and so that each token is tried only against the
 * keys that can verify its algorithm. Each key has its own jjwt parser, built once: parsers are
 * immutable and thread-safe, and verification runs on whichever event loop the request came in.
 */
final class TokenVerifier {
  /** A header is one flat object: this leaves room, and stops a deep one early. */
  private static final int MAX_HEADER_NESTING = 16;
  private static final long MAX_SKEW_SECONDS = Long.MAX_VALUE / 1000;

  private final String appName;
  /** The parsers of the keys that can verify each algorithm, in the order keys were added. */
  private final Map<String, List<JwtParser>> parsersByAlgorithm;

  TokenVerifier(App app, Duration clockSkew) {
    this.appName = app.name();
    // Whole seconds, rounded up: claims are in whole seconds, and jjwt counts skew in them
    // (and refuses more than it can turn into milliseconds).
    long skewSeconds = Math.min(MAX_SKEW_SECONDS,
        clockSkew.getSeconds() + (clockSkew.getNano() > 0 ? 1 : 0));
    ProducerKeys keys = app.producerKeys();
    Map<String, List<JwtParser>> parsers = new HashMap<>();
    for (String algorithm : Algorithms.ALL) {
      parsers.put(algorithm, new ArrayList<>());
    }
    for (SecretKey secret : keys.secrets) {
      add(parsers, secret, Jwts.parser().verifyWith(secret).clockSkewSeconds(skewSeconds).build());
    }
    for (PublicKey key : keys.publicKeys) {
      add(parsers, key, Jwts.parser().verifyWith(key).clockSkewSeconds(skewSeconds).build());
    }
    parsers.replaceAll((algorithm, able) -> List.copyOf(able));
    this.parsersByAlgorithm = Map.copyOf(parsers);
  }

  /** Lists {@code parser}, the parser of {@code key}, under every algorithm the key can verify. */
  private static void add(Map<String, List<JwtParser>> parsers, Key key, JwtParser parser) {
    parsers.forEach((algorithm, able) -> {
      if (canVerify(key, algorithm)) able.add(parser);
    });
  }

  private static boolean canVerify(Key key, String algorithm) {
    if (Algorithms.isHmac(algorithm)) {
      // A secret shorter than the hash is too weak for that algorithm (RFC 7518 3.2).
      return key instanceof SecretKey
          && key.getEncoded().length >= Algorithms.minSecretBytes(algorithm);
    }
    if (!key.getAlgorithm().equals(Algorithms.keyFamily(algorithm))) {
      return false;
    }
    // Each ES algorithm has its curve: a key on another one cannot verify it.
    return !(key instanceof ECPublicKey)
        || ProducerKeys.fieldBits((ECPublicKey) key) == Algorithms.curveBits(algorithm);
  }

  /**
   * Verifies {@code token}, which has the shape of a JWS compact token.
   *
   * @param expected the role the client expects, or null for any; a token of another audience
   *     is {@code wrong_audience}
   * @throws RequestException with one of the token codes of PROTOCOL.md
   */
  Credential verify(String token, Role expected) throws RequestException {
    String algorithm = algorithm(token);
    List<JwtParser> parsers = parsersByAlgorithm.get(algorithm);
    Claims claims = null;
    for (JwtParser parser : parsers) {
      try {
        claims = parser.parseSignedClaims(token).getPayload();
        break;
      } catch (ExpiredJwtException e) {
        // jjwt checks the signature before exp and nbf: this key did sign it.
        throw new RequestException(ErrorCode.TOKEN_EXPIRED, "the token expired at "
            + e.getClaims().getExpiration().toInstant() + " (the hub allows a clock skew)");
      } catch (PrematureJwtException e) {
        throw new RequestException(ErrorCode.TOKEN_NOT_YET_VALID, "the token is not valid before "
            + e.getClaims().getNotBefore().toInstant());
      } catch (SecurityException e) {
        // A bad signature for this key (or a key jjwt finds too weak): try the next one.
      } catch (JwtException | IllegalArgumentException e) {
        throw malformed("the token is not a valid JWS with JSON claims");
      }
    }
    if (claims == null) {
      throw new RequestException(ErrorCode.BAD_SIGNATURE, parsers.isEmpty()
          ? "app '" + appName + "' has no producer key for " + algorithm
          : "the token is signed with none of the producer keys of app '" + appName + "'");
    }
    try {
      return credential(claims, expected);
    } catch (JwtException | IllegalArgumentException e) {
      // A registered claim of the wrong type, such as a numeric aud.
      throw malformed("the token's claims have the wrong types");
    }
  }

  /** Reads the header's {@code alg}, refusing tokens this hub will not verify at all. */
  private static String algorithm(String token) throws RequestException {
    JsonElement header;
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
      header = StrictJson.parse(new String(json, StandardCharsets.UTF_8), MAX_HEADER_NESTING);
    } catch (IllegalArgumentException e) {
      header = null;
    }
    if (header == null) {
      throw malformed("the token's header is not base64url-encoded JSON");
    }
    if (!(header instanceof JsonObject object)) {
      throw malformed("the token's header is not a JSON object");
    }
    if (!(object.get("alg") instanceof JsonPrimitive alg) || !alg.isString()) {
      throw malformed("the token's header has no 'alg'");
    }
    String algorithm = alg.getAsString();
    if (algorithm.equalsIgnoreCase("none")) {
      throw new RequestException(ErrorCode.UNSIGNED_TOKEN, "the token is not signed (alg none)");
    }
    if (!Algorithms.ALL.contains(algorithm)) {
      throw new RequestException(ErrorCode.UNSUPPORTED_ALGORITHM, "the token's alg "
          + RequestException.quote(algorithm)
          + " is not HS256/384/512, RS256/384/512 or ES256/384/512");
    }
    return algorithm;
  }

  private Credential credential(Claims claims, Role expected) throws RequestException {
    Set<String> audience = claims.getAudience();
    boolean consumer = audience != null && audience.contains(CONSUMER_AUDIENCE);
    boolean producer = audience != null && audience.contains(PRODUCER_AUDIENCE);
    // Both would make one token good for either role: a consumer's token would pass as a
    // producer's credential. Refuse it.
    if (consumer == producer) {
      throw new RequestException(ErrorCode.WRONG_AUDIENCE, "the token's aud must hold either '"
          + CONSUMER_AUDIENCE + "' or '" + PRODUCER_AUDIENCE + "'");
    }
    Role role = consumer ? Role.CONSUMER : Role.PRODUCER;
    if (expected != null && expected != role) {
      throw new RequestException(ErrorCode.WRONG_AUDIENCE, consumer
          ? "a consumer token used as a " + expected.wireName + " credential"
          : "a producer credential used as a " + expected.wireName + " token");
    }
    Object app = claims.get(APP_CLAIM);
    if (!appName.equals(app)) {
      throw new RequestException(ErrorCode.WRONG_APP,
          "the token was not made for app '" + appName + "'");
    }
    if (claims.getExpiration() == null) {
      throw malformed("the token has no exp claim");
    }
    if (role == Role.PRODUCER) {
      return Credential.producer(claims.getSubject());
    }
    Object userId = claims.get(USER_ID_CLAIM);
    if (!(userId instanceof String) || ((String) userId).isBlank()) {
      throw new RequestException(ErrorCode.MISSING_USER_ID,
          "a consumer token needs a non-blank string '" + USER_ID_CLAIM + "' claim");
    }
    String user = (String) userId;
    if (Limits.length(user) > Limits.MAX_NAME_LENGTH) {
      throw new RequestException(ErrorCode.MISSING_USER_ID, "the token's '"
          + USER_ID_CLAIM + "' is longer than " + Limits.MAX_NAME_LENGTH + " characters");
    }
    return Credential.consumerToken(user);
  }

  private static RequestException malformed(String message) {
    return new RequestException(ErrorCode.MALFORMED_TOKEN, message);
  }
}
