package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.TestTokens.consumer;
import static io.hatchet.hub.TestTokens.handMade;
import static io.hatchet.hub.TestTokens.hmac;
import static io.hatchet.hub.TestTokens.in;
import static io.hatchet.hub.TestTokens.producer;
import static io.hatchet.hub.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.protocol.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.security.Key;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** auth with tokens: every algorithm, key rotation, and every way a token is refused. */
class TokenAuthTest {
  private final HubClients clients = new HubClients();
  private RawClient client;
  private int sessions;

  @BeforeEach void setUp() throws Exception {
    client = clients.startHub(HatchetHub.builder().app(TestTokens.app())).connect();
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  /** Authenticates a new session with {@code key} and more fields; returns the answer. */
  private JSONObject auth(String key, Object... more) throws Exception {
    return client.authWith("s" + ++sessions, key, more);
  }

  /** Every algorithm, with the key of the app that fits it. */
  private static Map<SecureDigestAlgorithm<?, ?>, Key> signingKeys() {
    Map<SecureDigestAlgorithm<?, ?>, Key> keys = new LinkedHashMap<>();
    keys.put(Jwts.SIG.HS256, hmac(TestTokens.SECRET_32));
    keys.put(Jwts.SIG.HS384, hmac(TestTokens.SECRET_48));
    keys.put(Jwts.SIG.HS512, hmac(TestTokens.SECRET_64));
    keys.put(Jwts.SIG.RS256, TestTokens.RSA.getPrivate());
    keys.put(Jwts.SIG.RS384, TestTokens.RSA.getPrivate());
    keys.put(Jwts.SIG.RS512, TestTokens.RSA.getPrivate());
    keys.put(Jwts.SIG.ES256, TestTokens.P256.getPrivate());
    keys.put(Jwts.SIG.ES384, TestTokens.P384.getPrivate());
    keys.put(Jwts.SIG.ES512, TestTokens.P521.getPrivate());
    return keys;
  }

  @Test void everyAlgorithmVerifiesConsumerTokensAndProducerCredentials() throws Exception {
    for (Map.Entry<SecureDigestAlgorithm<?, ?>, Key> entry : signingKeys().entrySet()) {
      String alg = entry.getKey().getId();
      JSONObject answer = auth(sign(consumer("ben"), entry.getValue(), entry.getKey()));
      assertTrue(answer.getBoolean("ok"), () -> alg + ": " + answer);
      assertEquals("consumer", answer.getString("role"), alg);
      assertEquals("ben", answer.getString("userId"), alg);
      assertEquals("[\"*\"]", answer.getJSONArray("events").toString(), alg);
      assertTrue(answer.getString("id").matches("[A-Za-z0-9_-]{22}"), () -> alg + ": " + answer);

      JSONObject producer = auth(sign(producer(), entry.getValue(), entry.getKey()), "role",
          "producer");
      assertTrue(producer.getBoolean("ok"), () -> alg + ": " + producer);
      assertEquals("producer", producer.getString("role"), alg);
      assertTrue(producer.isNull("id"), () -> alg + ": " + producer);
      assertTrue(producer.isNull("userId"), () -> alg + ": " + producer);
    }
  }

  @Test void keyAnswersCarryNullUserIdAndContributorsNoId() throws Exception {
    JSONObject consumer = auth(TestApps.CONSUMER_KEY, "role", "consumer");
    assertOk(consumer);
    assertTrue(consumer.isNull("userId"));
    assertEquals(22, consumer.getString("id").length());
    JSONObject contributor = auth(TestApps.CONTRIBUTOR_KEY, "role", "contributor");
    assertOk(contributor);
    assertTrue(contributor.isNull("id") && contributor.isNull("userId"), contributor::toString);
  }

  // single() is deprecated because it writes "aud" as a string: what this test needs a token to do.
  @SuppressWarnings("deprecation")
  @Test void singleStringAudienceIsFine() throws Exception {
    String token = Jwts.builder().audience().single(Claims.CONSUMER_AUDIENCE)
        .claim("app", "demo").claim("userId", "ben").expiration(in(Duration.ofMinutes(1)))
        .signWith(hmac(TestTokens.SECRET_32)).compact();
    assertOk(auth(token));
  }

  @Test void rotationAcceptsOldAndNewSecretsUntilTheOldIsDropped() throws Exception {
    String newSecret = "new-secret-new-secret-new-secret-1";
    String oldSecret = "old-secret-old-secret-old-secret-1";
    String byNew = TestTokens.consumer("ben").signWith(hmac(newSecret)).compact();
    String byOld = TestTokens.consumer("ben").signWith(hmac(oldSecret)).compact();
    App both = App.named("demo").producerSecrets(newSecret, oldSecret);
    App onlyNew = App.named("demo").producerSecrets(newSecret);
    App oldThenNew = App.named("demo").producerSecrets(oldSecret).producerSecrets(newSecret);

    for (App app : new App[] {both, oldThenNew}) {
      try (HatchetHub rotating = HatchetHub.builder().app(app).start();
          RawClient other = RawClient.connect(rotating.url())) {
        assertOk(other.authWith("a", byNew));
        assertOk(other.authWith("b", byOld));
      }
    }
    try (HatchetHub rotated = HatchetHub.builder().app(onlyNew).start();
        RawClient other = RawClient.connect(rotated.url())) {
      assertOk(other.authWith("a", byNew));
      assertError("bad_signature", other.authWith("b", byOld));
    }
  }

  @Test void rotationOfPublicKeys() throws Exception {
    var oldPair = TestTokens.generateEc("secp256r1");
    String byNew = sign(consumer("ben"), TestTokens.P256.getPrivate(), Jwts.SIG.ES256);
    String byOld = sign(consumer("ben"), oldPair.getPrivate(), Jwts.SIG.ES256);
    App both = App.named("demo").producerPublicKeys(
        TestTokens.pem(oldPair.getPublic()), TestTokens.pem(TestTokens.P256.getPublic()));
    try (HatchetHub rotating = HatchetHub.builder().app(both).start();
        RawClient other = RawClient.connect(rotating.url())) {
      assertOk(other.authWith("a", byNew));
      assertOk(other.authWith("b", byOld));
    }
    // The test app holds only the new key.
    assertOk(auth(byNew));
    assertError("bad_signature", auth(byOld));
  }

  @Test void clockSkewIsConfigurable() throws Exception {
    String token = consumer("ben").expiration(in(Duration.ofSeconds(-30)))
        .signWith(hmac(TestTokens.SECRET_32)).compact();
    try (HatchetHub strict = HatchetHub.builder().app(TestTokens.app())
        .clockSkew(Duration.ZERO).start();
        RawClient other = RawClient.connect(strict.url())) {
      assertError("token_expired", other.authWith("a", token));
    }
  }

  @Test void appWithoutKeysOfTheFamilyIsBadSignature() throws Exception {
    App secretsOnly = TestApps.demo().producerSecrets(TestTokens.SECRET_32);
    try (HatchetHub other = HatchetHub.builder().app(secretsOnly).start();
        RawClient raw = RawClient.connect(other.url())) {
      assertError("bad_signature",
          raw.authWith("a", sign(consumer("ben"), TestTokens.P256.getPrivate(), Jwts.SIG.ES256)));
      // HS512 needs a 64-byte secret; a 32-byte one does not verify it even if it signed it.
      String hs512 = handMade("{\"alg\":\"HS512\"}", TestTokens.consumerClaims(),
          TestTokens.SECRET_32, "HmacSHA512");
      assertError("bad_signature", raw.authWith("b", hs512));
      assertOk(raw.authWith("c", TestTokens.consumerToken("ben")));
    }
    try (HatchetHub none = HatchetHub.builder().app(TestApps.demo()).start();
        RawClient raw = RawClient.connect(none.url())) {
      assertError("bad_signature", raw.authWith("a", TestTokens.consumerToken("ben")));
    }
  }

  @Test void longSecretVerifiesEveryHmacAlgorithm() throws Exception {
    App longSecretOnly = TestApps.demo().producerSecrets(TestTokens.SECRET_64);
    try (HatchetHub other = HatchetHub.builder().app(longSecretOnly).start();
        RawClient raw = RawClient.connect(other.url())) {
      String claims = TestTokens.consumerClaims();
      assertOk(raw.authWith("a", handMade("{\"alg\":\"HS256\"}", claims,
          TestTokens.SECRET_64, "HmacSHA256")));
      assertOk(raw.authWith("b", handMade("{\"alg\":\"HS384\"}", claims,
          TestTokens.SECRET_64, "HmacSHA384")));
      assertOk(raw.authWith("c", handMade("{\"alg\":\"HS512\"}", claims,
          TestTokens.SECRET_64, "HmacSHA512")));
    }
  }

  @Test void keyOfAnotherRoleIsWrongRole() throws Exception {
    assertError("wrong_role", auth(TestApps.CONSUMER_KEY, "role", "producer"));
    assertError("wrong_role", auth(TestApps.CONSUMER_KEY, "role", "contributor"));
    assertError("wrong_role", auth(TestApps.CONTRIBUTOR_KEY, "role", "consumer"));
    assertOk(auth(TestApps.CONSUMER_KEY, "role", "consumer"));
    assertOk(auth(TestApps.CONTRIBUTOR_KEY, "role", "contributor"));
    assertOk(auth(TestApps.CONTRIBUTOR_KEY, "role", null));
    assertError("bad_request", auth(TestApps.CONSUMER_KEY, "role", "admin"));
    assertError("bad_request", auth(TestApps.CONSUMER_KEY, "role", 1));
  }

  @Test void failedTokenAuthLeavesNoSession() throws Exception {
    assertError("bad_signature", client.authWith("c1",
        consumer("ben").signWith(hmac(TestTokens.OTHER_SECRET)).compact()));
    assertError("not_authenticated", client.call("watch",
        RawClient.json("session", "c1", "events", new Object[] {"log"})));
    assertEquals(0, clients.hub().registry().consumerIndexSize());
  }
}
