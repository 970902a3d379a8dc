package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import io.hatchet.protocol.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Producers sign, hubs verify: every algorithm, key rotation, and every way a token is refused. */
class TokenTest {
  private static final String NEW_SECRET = TestKeys.secret("HS512", 'n');
  private static final String OLD_SECRET = TestKeys.secret("HS512", 'o');

  private HubFixture fixture;

  @AfterEach
  void close() throws Exception {
    if (fixture != null) fixture.close();
  }

  private Hatchet hatchet(UnaryOperator<App> keys) {
    return hatchet(keys, hub -> hub);
  }

  private Hatchet hatchet(UnaryOperator<App> keys, UnaryOperator<HatchetHub.Builder> hub) {
    fixture = new HubFixture(builder -> hub.apply(builder.app(keys.apply(App.named("tokens")))));
    return fixture.hatchet();
  }

  private static ProducerOptions options(String algorithm, String... keys) {
    return ProducerOptions.builder().producerId("test").algorithm(algorithm).secretKeys(keys).build();
  }

  /** Signs a consumer token, connects a consumer with it, and checks a room message reaches it. */
  private static void roundTrip(Hatchet hatchet, Producer producer) {
    Await.get(producer.ready());
    String user = "user-" + java.util.UUID.randomUUID();
    Consumer consumer = hatchet.consumer("tokens", producer.signAuth(Map.of("userId", user)));
    Await.get(consumer.watch("message", data -> {}));
    assertEquals(1, Await.get(producer.sendMessage(Claims.userRoom(user), "hi")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS256", "HS384", "HS512"})
  void hmacRoundTrip(String algorithm) {
    String secret = TestKeys.secret(algorithm, 's');
    Hatchet hatchet = hatchet(app -> app.producerSecrets(secret));
    roundTrip(hatchet, hatchet.producer("tokens", options(algorithm, secret)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "RS384", "RS512"})
  void rsaRoundTrip(String algorithm) {
    TestKeys.Pair pair = TestKeys.rsa();
    Hatchet hatchet = hatchet(app -> app.producerPublicKeys(pair.publicPem()));
    roundTrip(hatchet, hatchet.producer("tokens", options(algorithm, pair.privatePem())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "ES384", "ES512"})
  void ecRoundTrip(String algorithm) {
    TestKeys.Pair pair = TestKeys.ec(TestKeys.curveFor(algorithm));
    Hatchet hatchet = hatchet(app -> app.producerPublicKeys(pair.publicPem()));
    roundTrip(hatchet, hatchet.producer("tokens", options(algorithm, pair.privatePem())));
  }

  @Test
  void aHubWithTheNewAndOldSecretsAcceptsBoth() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(NEW_SECRET, OLD_SECRET));
    roundTrip(hatchet, hatchet.producer("tokens", options("HS256", NEW_SECRET, OLD_SECRET)));
    roundTrip(hatchet, hatchet.producer("tokens", options("HS256", OLD_SECRET)));
  }

  @Test
  void aHubThatDroppedTheOldSecretRefusesIt() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(NEW_SECRET));
    Producer old = hatchet.producer("tokens", options("HS256", OLD_SECRET));
    assertEquals("bad_signature", Await.failure(old.ready(), AuthenticationException.class).code());
    String oldToken = old.signAuth(Map.of("userId", "ben"));
    assertRefused(hatchet.consumer("tokens", oldToken), "bad_signature");
    roundTrip(hatchet, hatchet.producer("tokens", options("HS256", NEW_SECRET, OLD_SECRET)));
  }

  @Test
  void aProducerSigningWithSeveralKeysSignsWithTheFirst() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(OLD_SECRET));
    Producer producer = hatchet.producer("tokens", options("HS256", NEW_SECRET, OLD_SECRET));
    assertEquals("bad_signature",
        Await.failure(producer.ready(), AuthenticationException.class).code());
  }

  private static void assertRefused(Consumer consumer, String code) {
    AuthenticationException e = Await.failure(consumer.ready(), AuthenticationException.class);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals("tokens", e.app());
  }

  /** A token with the claims a test wants, signed with NEW_SECRET. */
  private static String token(Map<String, ?> claims, Instant expires) {
    return Jwts.builder().claims(claims).expiration(Date.from(expires))
        .signWith(Keys.hmacShaKeyFor(NEW_SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
        .compact();
  }

  private static Map<String, Object> consumerClaims() {
    return Map.of("aud", Claims.CONSUMER_AUDIENCE, "app", "tokens", "userId", "ben");
  }

  @Test
  void everyRefusalSaysWhy() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(NEW_SECRET),
        hub -> hub.clockSkew(Duration.ofSeconds(5)));
    Instant later = Instant.now().plusSeconds(3600);
    assertRefused(hatchet.consumer("tokens",
        token(consumerClaims(), Instant.now().minusSeconds(60))), "token_expired");
    Await.get(hatchet.consumer("tokens", token(consumerClaims(), Instant.now().minusSeconds(2)))
        .ready()); // expired, but within the clock skew
    assertRefused(hatchet.consumer("tokens", Jwts.builder().claims(consumerClaims())
        .notBefore(Date.from(Instant.now().plusSeconds(60))).expiration(Date.from(later))
        .signWith(Keys.hmacShaKeyFor(NEW_SECRET.getBytes(StandardCharsets.UTF_8))).compact()),
        "token_not_yet_valid");
    Producer old = hatchet.producer("tokens", options("HS256", OLD_SECRET));
    assertRefused(hatchet.consumer("tokens", old.signAuth(Map.of("userId", "ben"))),
        "bad_signature");
    assertRefused(hatchet.consumer("tokens", "eyJhbGciOiJub25lIn0.eyJ1c2VySWQiOiJiZW4ifQ."),
        "unsigned_token");
    assertRefused(hatchet.consumer("tokens", "eyJhbGciOiJIUzk5OSJ9.eyJ1c2VySWQiOiJiZW4ifQ.c2ln"),
        "unsupported_algorithm");
    assertRefused(hatchet.consumer("tokens", token(Map.of("aud", "elsewhere", "app", "tokens",
        "userId", "ben"), later)), "wrong_audience");
    assertRefused(hatchet.consumer("tokens", token(Map.of("aud", Claims.CONSUMER_AUDIENCE,
        "app", "other", "userId", "ben"), later)), "wrong_app");
    assertRefused(hatchet.consumer("tokens", token(Map.of("aud", Claims.CONSUMER_AUDIENCE,
        "app", "tokens"), later)), "missing_user_id");
    assertRefused(hatchet.consumer("tokens", "bm90IGpzb24.eyJ1c2VySWQiOiJiZW4ifQ.c2ln"),
        "malformed_token");
  }

  @Test
  void aProducerCredentialIsNoConsumerTokenAndAConsumerTokenIsNoContributorKey() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(NEW_SECRET));
    String credential = token(Map.of("aud", Claims.PRODUCER_AUDIENCE, "app", "tokens", "sub", "p"),
        Instant.now().plusSeconds(300)); // what a producer authenticates with
    assertRefused(hatchet.consumer("tokens", credential), "wrong_audience");
    Producer producer = hatchet.producer("tokens", options("HS256", NEW_SECRET));
    Contributor contributor = hatchet.contributor("tokens",
        producer.signAuth(Map.of("userId", "ben")));
    AuthenticationException e = Await.failure(contributor.ready(), AuthenticationException.class);
    assertEquals("wrong_audience", e.code(), e.getMessage());
  }

  @Test
  void signAuthChecksItsPayloadLocally() {
    Hatchet hatchet = hatchet(app -> app.producerSecrets(NEW_SECRET));
    Producer producer = hatchet.producer("tokens", options("HS256", NEW_SECRET));
    assertThrows(IllegalArgumentException.class, () -> producer.signAuth(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> producer.signAuth(Map.of("userId", " ")));
    assertThrows(IllegalArgumentException.class, () -> producer.signAuth(Map.of("userId", 7)));
    assertThrows(IllegalArgumentException.class,
        () -> producer.signAuth(Map.of("userId", "ben", "aud", "x")));
    String token = producer.signAuth(Map.of("userId", "ben", "role", "admin"));
    assertTrue(Claims.looksLikeToken(token), token);
  }

  @Test
  void badKeysFailWhenOptionsAreBuilt() {
    String shortSecret = "tokenXXXXXXX";
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> options("HS256", shortSecret));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    TestKeys.Pair rsa = TestKeys.rsa();
    assertThrows(IllegalStateException.class, () -> options("HS256", rsa.privatePem()));
    assertThrows(IllegalStateException.class, () -> options("ES256", rsa.privatePem()));
    assertThrows(IllegalStateException.class, () -> options("RS256", NEW_SECRET));
    assertThrows(IllegalStateException.class,
        () -> options("ES384", TestKeys.ec("secp256r1").privatePem()));
    assertThrows(IllegalStateException.class, () -> options("RS256", rsa.publicPem()));
    assertThrows(IllegalArgumentException.class, () -> ProducerOptions.builder().algorithm("none"));
    assertThrows(IllegalStateException.class, () -> ProducerOptions.builder().build());
  }
}
