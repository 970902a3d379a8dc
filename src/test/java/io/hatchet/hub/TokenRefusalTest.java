package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.TestTokens.consumer;
import static io.hatchet.hub.TestTokens.handMade;
import static io.hatchet.hub.TestTokens.hmac;
import static io.hatchet.hub.TestTokens.in;
import static io.hatchet.hub.TestTokens.producer;
import static io.hatchet.hub.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatchet.protocol.Claims;
import io.jsonwebtoken.Jwts;
import java.security.Key;
import java.time.Duration;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** auth with tokens: every way a token is refused, with its code. */
class TokenRefusalTest {
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

  @Test void expiredBeyondTheSkewIsRefusedWithinItAccepted() throws Exception {
    JSONObject expired = auth(consumer("ben").expiration(in(Duration.ofSeconds(-90)))
        .signWith(hmac(TestTokens.SECRET_32)).compact());
    assertError("token_expired", expired);
    assertOk(auth(consumer("ben").expiration(in(Duration.ofSeconds(-30)))
        .signWith(hmac(TestTokens.SECRET_32)).compact()));
    assertError("token_expired", auth(producer().expiration(in(Duration.ofSeconds(-90)))
        .signWith(TestTokens.RSA.getPrivate()).compact(), "role", "producer"));
  }

  @Test void notYetValidBeyondTheSkew() throws Exception {
    assertError("token_not_yet_valid", auth(consumer("ben").notBefore(in(Duration.ofMinutes(3)))
        .signWith(hmac(TestTokens.SECRET_32)).compact()));
    assertOk(auth(consumer("ben").notBefore(in(Duration.ofSeconds(30)))
        .signWith(hmac(TestTokens.SECRET_32)).compact()));
  }

  @Test void badSignature() throws Exception {
    assertError("bad_signature", auth(consumer("ben").signWith(hmac(TestTokens.OTHER_SECRET))
        .compact()));
    var stranger = TestTokens.generate("RSA", 2048);
    assertError("bad_signature", auth(sign(consumer("ben"), stranger.getPrivate(),
        Jwts.SIG.RS256)));
    // A valid token with its signature changed.
    String token = TestTokens.consumerToken("ben");
    String tampered = token.substring(0, token.lastIndexOf('.') + 1)
        + TestTokens.base64Url("x".repeat(32));
    assertError("bad_signature", auth(tampered));
    // Only the key that signed it may say the token expired.
    assertError("bad_signature", auth(consumer("ben").expiration(in(Duration.ofHours(-1)))
        .signWith(hmac(TestTokens.OTHER_SECRET)).compact()));
  }

  @Test void unsupportedAlgorithms() throws Exception {
    assertError("unsupported_algorithm",
        auth(sign(consumer("ben"), TestTokens.RSA.getPrivate(), Jwts.SIG.PS256)));
    assertError("unsupported_algorithm", auth(handMade("{\"alg\":\"HS999\"}",
        TestTokens.consumerClaims(), TestTokens.SECRET_32)));
    assertError("unsupported_algorithm", auth(handMade("{\"alg\":\"hs256\"}",
        TestTokens.consumerClaims(), TestTokens.SECRET_32)));
  }

  @Test void unsignedToken() throws Exception {
    assertError("unsigned_token",
        auth(handMade("{\"alg\":\"none\"}", TestTokens.consumerClaims(), null)));
    assertError("unsigned_token", auth(handMade("{\"alg\":\"none\",\"typ\":\"JWT\"}",
        TestTokens.consumerClaims(), TestTokens.SECRET_32)));
  }

  @Test void wrongAudience() throws Exception {
    String consumerToken = TestTokens.consumerToken("ben");
    String producerToken = TestTokens.producerToken();
    assertError("wrong_audience", auth(consumerToken, "role", "producer"));
    assertError("wrong_audience", auth(producerToken, "role", "consumer"));
    assertError("wrong_audience", auth(consumerToken, "role", "contributor"));
    assertOk(auth(consumerToken, "role", "consumer"));
    assertOk(auth(producerToken, "role", "producer"));
    assertOk(auth(producerToken));

    Key key = hmac(TestTokens.SECRET_32);
    assertError("wrong_audience", auth(Jwts.builder().audience().add("snapper").and()
        .claim("app", "demo").claim("userId", "ben").expiration(in(Duration.ofMinutes(1)))
        .signWith(key).compact()));
    assertError("wrong_audience", auth(Jwts.builder()
        .claim("app", "demo").claim("userId", "ben").expiration(in(Duration.ofMinutes(1)))
        .signWith(key).compact()));
    // One token good for both roles would be the hole snapper had.
    assertError("wrong_audience", auth(consumer("ben").audience().add(Claims.PRODUCER_AUDIENCE)
        .and().signWith(key).compact()));
  }

  @Test void wrongApp() throws Exception {
    Key key = hmac(TestTokens.SECRET_32);
    assertError("wrong_app", auth(consumer("ben").claim("app", "other").signWith(key).compact()));
    assertError("wrong_app", auth(consumer("ben").claim("app", null).signWith(key).compact()));
    assertError("wrong_app", auth(producer().claim("app", 7).signWith(key).compact()));
  }

  @Test void missingUserId() throws Exception {
    Key key = hmac(TestTokens.SECRET_32);
    assertError("missing_user_id", auth(consumer(null).signWith(key).compact()));
    assertError("missing_user_id", auth(consumer("  ").signWith(key).compact()));
    assertError("missing_user_id", auth(consumer("b").claim("userId", 42).signWith(key).compact()));
    assertError("missing_user_id", auth(consumer("u".repeat(257)).signWith(key).compact()));
    assertOk(auth(consumer("u".repeat(256)).signWith(key).compact()));
    // A producer credential needs none.
    assertOk(auth(producer().signWith(key).compact()));
  }

  @Test void malformedTokens() throws Exception {
    Key key = hmac(TestTokens.SECRET_32);
    assertError("malformed_token", auth(consumer("ben").expiration(null).signWith(key).compact()));
    assertError("malformed_token", auth("abc.def.ghi"));
    assertError("malformed_token", auth(TestTokens.base64Url("[1]") + ".e30.c2ln"));
    assertError("malformed_token", auth(TestTokens.base64Url("{\"typ\":\"JWT\"}") + ".e30.c2ln"));
    // Signed, but the payload is not a JSON object.
    assertError("malformed_token",
        auth(handMade("{\"alg\":\"HS256\"}", "not json", TestTokens.SECRET_32)));
    assertError("malformed_token",
        auth(handMade("{\"alg\":\"HS256\"}", "[1,2]", TestTokens.SECRET_32)));
    // Signed, with an exp that is not a number.
    assertError("malformed_token", auth(handMade("{\"alg\":\"HS256\"}", "{\"aud\":\""
        + Claims.CONSUMER_AUDIENCE + "\",\"app\":\"demo\",\"userId\":\"ben\",\"exp\":\"soon\"}",
        TestTokens.SECRET_32)));
  }

  @Test void neitherKeyNorTokenIsBadKey() throws Exception {
    assertError("bad_key", auth("not a token"));
    assertError("bad_key", auth("abc.def"));
    assertError("bad_key", auth("a.b.c.d.e"));
  }

  @Test void refusalsNeverEchoTheToken() throws Exception {
    String token = consumer("ben").signWith(hmac(TestTokens.OTHER_SECRET)).compact();
    JSONObject answer = auth(token);
    assertError("bad_signature", answer);
    String message = answer.getJSONObject("error").getString("message");
    assertFalse(message.contains(token.substring(0, 10)), message);
  }
}
