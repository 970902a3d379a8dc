package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.AuthenticationException;
import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hub's {@link Authorizer}: what it is told, what it decides, and how it fails. */
class AuthorizerTest {
  private final HubClients clients = new HubClients();
  /** What the hub's authorizer does in this test: by default, leave it to the keys. */
  private volatile Function<AuthContext, CompletionStage<Authorization>> authorizer =
      context -> completedFuture(Authorization.builtIn());
  private final BlockingQueue<AuthContext> asked = new LinkedBlockingQueue<>();

  private HatchetHub start(Duration hookTimeout) {
    return clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .hookTimeout(hookTimeout)
        .authorizer(context -> {
          asked.add(context);
          return authorizer.apply(context);
        })).hub();
  }

  private HatchetHub start() {
    return start(Duration.ofSeconds(5));
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  /** An authorizer that accepts key {@code token-<user>} as a consumer of that user. */
  private static CompletionStage<Authorization> usersByToken(AuthContext context) {
    String key = context.key();
    if (key == null || !key.startsWith("token-")) {
      return completedFuture(Authorization.builtIn());
    }
    String user = key.substring("token-".length());
    return completedFuture(Authorization.accept(Identity.consumer("demo", user),
        Map.of("friends", List.of("ann"))));
  }

  @Test void acceptsAConsumerOfAUserWhoBehavesAsATokenConsumer() throws Exception {
    start();
    authorizer = AuthorizerTest::usersByToken;
    RawClient ben = clients.connect();
    JSONObject answer = ben.authWith("c1", "token-ben", "role", "consumer");

    assertOk(answer);
    assertEquals("consumer", answer.getString("role"));
    assertEquals("ben", answer.getString("userId"));
    assertEquals("ann", answer.getJSONObject("metadata").getJSONArray("friends").getString(0));
    assertOk(ben.call("watch", json("session", "c1", "events", new String[] {"note"})));
    assertError("not_permitted", ben.call("alias", json("session", "c1", "alias", "bob")));

    RawClient producer = clients.producer("p1");
    assertEquals(1, producer.publishToRooms("p1", "note", "to the room", "user:ben"));
    assertEquals("to the room", ben.nextDeliver().getString("data"));
    RawClient contributor = clients.contributor("k1");
    JSONObject sent = contributor.call("publish", json("session", "k1", "event", "note",
        "data", "to the alias", "to", new String[] {"ben"}));
    assertEquals(1, sent.getInt("routed"));
    assertEquals("to the alias", ben.nextDeliver().getString("data"));
    JSONObject counted = producer.call("consumers", json("session", "p1", "userId", "ben"));
    assertEquals(1, counted.getInt("consumers"));
  }

  @Test void rejectsWithAMessageAndMetadataTheClientReceives() throws Exception {
    start();
    authorizer = context -> completedFuture(
        Authorization.reject("please log in", Map.of("login", "/login")));
    RawClient client = clients.connect();
    JSONObject answer = client.auth("c1", TestApps.CONSUMER_KEY);

    assertError("not_authorized", answer);
    JSONObject error = answer.getJSONObject("error");
    assertEquals("please log in", error.getString("message"));
    assertEquals("/login", error.getJSONObject("metadata").getString("login"));
    // Refused: nothing was opened, and the name is free.
    assertError("not_authenticated", client.call("watch",
        json("session", "c1", "events", new String[] {"note"})));
  }

  @Test void aRefusalWithoutAckIsAHubErrorWithTheMetadata() throws Exception {
    start();
    authorizer = context -> completedFuture(Authorization.reject("no", List.of(1, 2)));
    RawClient client = clients.connect();
    client.send("auth", json("v", 1, "session", "c1", "key", "whatever"));

    JSONObject error = client.nextHubError();
    assertEquals("not_authorized", error.getString("code"));
    assertEquals("c1", error.getString("session"));
    assertEquals(2, error.getJSONArray("metadata").getInt(1));
  }

  @Test void builtInLeavesItToTheAppsKeysAndTokens() throws Exception {
    start();
    RawClient client = clients.connect();

    assertOk(client.auth("c1", TestApps.CONSUMER_KEY));
    assertError("bad_key", client.auth("c2", "no such key"));
    assertOk(client.authWith("c3", TestTokens.consumerToken("ann"), "role", "consumer"));
    JSONObject keyless = client.call("auth", json("v", 1, "session", "c4", "app", "demo"));
    assertError("bad_request", keyless);
    assertTrue(keyless.getJSONObject("error").getString("message").contains("'key'"),
        keyless::toString);
  }

  @Test void anAuthMayLeaveAppAndKeyToTheAuthorizer() throws Exception {
    start();
    authorizer = context -> completedFuture(Authorization.accept(
        Identity.contributor("demo").allowedEvents("chat"), "welcome"));
    RawClient client = clients.connect();
    JSONObject answer = client.call("auth", json("v", 1, "session", "k1", "device", "phone"));

    assertOk(answer);
    assertEquals("contributor", answer.getString("role"));
    assertEquals("welcome", answer.getString("metadata"));
    assertEquals("[\"chat\"]", answer.getJSONArray("events").toString());
    AuthContext context = asked.poll(10, TimeUnit.SECONDS);
    assertNull(context.app());
    assertNull(context.key());
    assertEquals("phone", context.request().get("device").getAsString());
    assertError("not_permitted", client.call("publish",
        json("session", "k1", "event", "other", "data", 1)));
    assertOk(client.call("publish", json("session", "k1", "event", "chat", "data", 1)));
  }

  @ParameterizedTest @ValueSource(strings = {"websocket", "polling"})
  void theHandshakesPayloadHeadersAndCookiesReachTheAuthorizer(String transport)
      throws Exception {
    HatchetHub hub = start();
    authorizer = context -> completedFuture(Authorization.accept(
        Identity.consumer("demo", context.handshakeAuth().get("user").getAsString())));
    try (RawClient client = RawClient.connect(hub.url(), transport,
        Map.of("user", "ann", "token", "t-123"),
        Map.of("Cookie", List.of("sid=abc123; theme=dark"), "X-Tenant", List.of("acme")))) {
      JSONObject answer = client.call("auth", json("v", 1, "session", "c1"));
      assertOk(answer);
      assertEquals("ann", answer.getString("userId"));
    }
    AuthContext context = asked.poll(10, TimeUnit.SECONDS);
    assertEquals("t-123", context.handshakeAuth().get("token").getAsString());
    assertEquals("abc123", context.cookie("sid"));
    assertEquals(Map.of("sid", "abc123", "theme", "dark"), context.cookies());
    assertEquals("acme", context.header("X-TENANT"));
    assertEquals(List.of("acme"), context.headers().get("x-tenant"));
    assertTrue(context.remoteAddress().startsWith("127.0.0.1:"), context.remoteAddress());
    assertEquals("c1", context.session());
  }

  @Test void aHandshakePayloadTooLargeToKeepClosesTheConnection() throws Exception {
    HatchetHub hub = start();
    RawClient client = clients.track(RawClient.connect(hub.url(), "websocket",
        Map.of("blob", "x".repeat(Handshake.MAX_AUTH_CHARS)), null));
    JSONObject error = client.nextHubError();
    assertEquals("bad_request", error.getString("code"));
    assertTrue(error.getString("message").contains(String.valueOf(Handshake.MAX_AUTH_CHARS)),
        error::toString);
    assertEquals("io server disconnect", client.awaitDisconnect());

    try (RawClient fits = RawClient.connect(hub.url(), "websocket",
        Map.of("blob", "x".repeat(Handshake.MAX_AUTH_CHARS - 100)), null)) {
      assertOk(fits.auth("c1", TestApps.CONSUMER_KEY));
    }
  }

  @Test void aConsumerWithoutAUserHasTheAliasItWasGiven() throws Exception {
    start();
    authorizer = context -> completedFuture(Authorization.accept(
        Identity.consumer("demo", null).alias("lobby").allowedEvents("note")));
    RawClient screen = clients.connect();
    JSONObject answer = screen.call("auth", json("v", 1, "session", "c1"));
    assertOk(answer);
    assertTrue(answer.isNull("userId"));
    assertError("not_permitted", screen.call("watch",
        json("session", "c1", "events", new String[] {"other"})));
    assertOk(screen.call("watch", json("session", "c1", "events", new String[] {"note"})));
    assertError("not_permitted", screen.call("alias", json("session", "c1", "alias", "x")));

    authorizer = context -> completedFuture(Authorization.builtIn());
    RawClient contributor = clients.contributor("k1");
    JSONObject sent = contributor.call("publish", json("session", "k1", "event", "note",
        "data", "hello lobby", "to", new String[] {"lobby"}));
    assertEquals(1, sent.getInt("routed"));
    assertEquals("hello lobby", screen.nextDeliver().getString("data"));
  }

  @Test void anIdentityOfAnotherRoleThanAskedIsWrongRole() throws Exception {
    start();
    authorizer = context -> completedFuture(Authorization.accept(Identity.producer("demo")));
    RawClient client = clients.connect();
    assertError("wrong_role", client.authWith("c1", "x", "role", "consumer"));
    assertOk(client.authWith("c1", "x", "role", "producer"));
  }

  @Test void anIdentityOfAnAppTheHubDoesNotHaveFailsTheHook() throws Exception {
    start();
    authorizer = context -> completedFuture(Authorization.accept(Identity.contributor("nope")));
    assertError("hook_failed", clients.connect().auth("k1", "x"));
  }

  @Test void metadataOverTheMessageLimitFailsTheHookAndOpensNothing() throws Exception {
    clients.startHub(HatchetHub.builder().app(TestApps.demo()).maxMessageBytes(100)
        .authorizer(context -> completedFuture(Authorization.accept(
            Identity.consumer("demo", "ben"), "x".repeat(200)))));
    RawClient client = clients.connect();
    assertError("hook_failed", client.auth("c1", "x"));
    assertError("not_authenticated", client.call("watch",
        json("session", "c1", "events", new String[] {"note"})));
  }

  @Test void aFailingAuthorizerFailsThatAuthOnly() throws Exception {
    start();
    RawClient client = clients.connect();
    Map<String, Function<AuthContext, CompletionStage<Authorization>>> failures = Map.of(
        "throws", context -> {
          throw new IllegalStateException("the session store is down");
        },
        "returns null", context -> null,
        "fails its stage", context -> CompletableFuture.failedFuture(
            new IllegalStateException("the session store is down")),
        "answers null", context -> completedFuture(null));
    for (Map.Entry<String, Function<AuthContext, CompletionStage<Authorization>>> failure
        : failures.entrySet()) {
      authorizer = failure.getValue();
      JSONObject answer = client.auth("c1", TestApps.CONSUMER_KEY);
      assertError("hook_failed", answer);
      assertFalse(answer.toString().contains("store is down"),
          () -> failure.getKey() + ": the client is told no more than that it failed: " + answer);
    }
    authorizer = context -> completedFuture(Authorization.builtIn());
    assertOk(client.auth("c1", TestApps.CONSUMER_KEY)); // the same connection, served again
  }

  @Test void aSlowAuthorizerHoldsUpNobodyElse() throws Exception {
    HatchetHub hub = start();
    CompletableFuture<Authorization> slow = new CompletableFuture<>();
    CountDownLatch blocking = new CountDownLatch(1);
    authorizer = context -> switch (context.key()) {
      case "slow" -> slow;
      case "blocks" -> {
        // A hook that holds its thread: the others get another one.
        Await.latch(blocking);
        yield completedFuture(Authorization.builtIn());
      }
      default -> completedFuture(Authorization.builtIn());
    };
    RawClient waiting = clients.connect();
    CompletableFuture<JSONObject> slowAnswer = waiting.request("auth",
        json("v", 1, "session", "c1", "app", "demo", "key", "slow"));
    RawClient blocked = clients.connect();
    CompletableFuture<JSONObject> blockedAnswer = blocked.request("auth",
        json("v", 1, "session", "c1", "app", "demo", "key", "blocks"));
    asked.poll(10, TimeUnit.SECONDS);
    asked.poll(10, TimeUnit.SECONDS);

    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      Consumer consumer = hatchet.consumer("demo", TestApps.CONSUMER_KEY);
      Await.get(consumer.ready());
    }
    assertFalse(slowAnswer.isDone());
    assertFalse(blockedAnswer.isDone());
    blocking.countDown();
    slow.complete(Authorization.accept(Identity.consumer("demo", "ben")));
    assertOk(slowAnswer.get(10, TimeUnit.SECONDS));
    assertError("bad_key", blockedAnswer.get(10, TimeUnit.SECONDS));
  }

  @Test void anAuthorizerThatDoesNotAnswerInTimeTimesOutAndItsLateAnswerIsIgnored()
      throws Exception {
    start(Duration.ofMillis(200));
    CompletableFuture<Authorization> late = new CompletableFuture<>();
    authorizer = context -> late;
    RawClient client = clients.connect();

    JSONObject answer = client.auth("c1", "x");
    assertError("hook_timeout", answer);
    late.complete(Authorization.accept(Identity.consumer("demo", "ben")));

    // The late acceptance opened nothing: the name is free for an auth that does succeed.
    authorizer = context -> completedFuture(Authorization.builtIn());
    assertOk(client.auth("c1", TestApps.CONSUMER_KEY));
  }

  @Test void aStageFailedWithATimeoutIsATimeout() throws Exception {
    start();
    authorizer = context -> CompletableFuture.failedFuture(
        new java.util.concurrent.TimeoutException("the backend did not answer"));
    assertError("hook_timeout", clients.connect().auth("c1", "x"));
  }

  @Test void requestsAfterAnAuthWaitForItAndAPingDoesNot() throws Exception {
    start();
    CompletableFuture<Authorization> decision = new CompletableFuture<>();
    authorizer = context -> decision;
    RawClient client = clients.connect();
    List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<JSONObject> auth = client.request("auth",
        json("v", 1, "session", "c1", "key", "x"));
    auth.thenRun(() -> answered.add("auth"));
    CompletableFuture<JSONObject> watch = client.request("watch",
        json("session", "c1", "events", new String[] {"note"}));
    watch.thenRun(() -> answered.add("watch"));

    assertOk(client.call("ping", json()));
    assertFalse(auth.isDone() || watch.isDone(), "nothing is answered before the authorizer");
    decision.complete(Authorization.accept(Identity.consumer("demo", "ben")));
    assertOk(auth.get(10, TimeUnit.SECONDS));
    assertOk(watch.get(10, TimeUnit.SECONDS)); // after the auth: not not_authenticated
    assertEquals(List.of("auth", "watch"), answered);
  }

  @Test void theJavaClientAuthenticatesThroughTheAuthorizer() throws Exception {
    HatchetHub hub = start();
    authorizer = AuthorizerTest::usersByToken;
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer ben = hatchet.consumer("demo", "token-ben");
      ben.watch("note", data -> received.add(data.getAsString()));
      Await.get(ben.ready());
      int routed = Await.get(hatchet.contributor("demo", TestApps.CONTRIBUTOR_KEY)
          .send("note", "hi ben", "ben"));
      assertEquals(1, routed);
      assertEquals("hi ben", received.poll(10, TimeUnit.SECONDS));

      authorizer = context -> completedFuture(Authorization.reject("expired session"));
      AuthenticationException refused = Await.failure(
          hatchet.consumer("demo", "token-ann").ready(), AuthenticationException.class);
      assertEquals("not_authorized", refused.code());
      assertTrue(refused.getMessage().contains("expired session"), refused.getMessage());
    }
  }
}
