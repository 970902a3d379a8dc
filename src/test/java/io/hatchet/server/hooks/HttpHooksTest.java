package io.hatchet.server.hooks;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.Await;
import io.hatchet.AuthenticationException;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.RejectedException;
import io.hatchet.hub.App;
import io.hatchet.hub.Authorization;
import io.hatchet.hub.HatchetHub;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hooks over HTTP, against a MockWebServer standing for the application's backend. */
class HttpHooksTest {
  private static final String APP = "chat";
  private static final String CONTRIBUTOR_KEY = "chat-contributor-key";
  private static final String CONSUMER_KEY = "chat-consumer-key";

  private final MockWebServer backend = new MockWebServer();
  private HttpAuthorizer authorizer;
  private HttpMessageHook messageHook;
  private HatchetHub hub;

  @BeforeEach void setUp() throws Exception {
    backend.start();
  }

  @AfterEach void tearDown() throws Exception {
    if (hub != null) hub.close();
    if (authorizer != null) authorizer.close();
    if (messageHook != null) messageHook.close();
    backend.shutdown();
  }

  private HatchetHub.Builder hubBuilder() {
    return HatchetHub.builder()
        .app(App.named(APP).contributorKey(CONTRIBUTOR_KEY).consumerKey(CONSUMER_KEY));
  }

  private void answer(String json) {
    backend.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody(json));
  }

  private RecordedRequest recorded() throws InterruptedException {
    RecordedRequest request = backend.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(request, "the backend was not called");
    return request;
  }

  private static JsonObject body(RecordedRequest request) {
    return JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
  }

  @Test void theAuthorizerPostsWhatTheClientPresentedAndAcceptsAsTheBackendSays()
      throws Exception {
    authorizer = new HttpAuthorizer(backend.url("/hatchet/auth").toString(),
        Duration.ofSeconds(3), Map.of("Authorization", "Bearer backend-secret"));
    hub = hubBuilder().authorizer(authorizer).start();
    answer("{\"decision\":\"accept\",\"identity\":{\"app\":\"chat\",\"role\":\"consumer\","
        + "\"userId\":\"ben\",\"allowedEvents\":[\"message\"]},\"metadata\":{\"online\":3}}");

    OkHttpClient http = new OkHttpClient();
    IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
        .setTransports(new String[] {"websocket"}).setAuth(Map.of("token", "t-1"))
        .setExtraHeaders(Map.of("Cookie", List.of("sid=abc")))
        .build();
    options.callFactory = http;
    options.webSocketFactory = http;
    Socket socket = IO.socket(URI.create(hub.url()), options);
    CompletableFuture<JSONObject> answer = new CompletableFuture<>();
    socket.on(Socket.EVENT_CONNECT, args -> socket.emit("auth",
        new Object[] {new JSONObject(Map.of("v", 1, "session", "c1", "key", "opaque"))},
        ack -> answer.complete((JSONObject) ack[0])));
    socket.connect();
    try {
      JSONObject accepted = answer.get(10, TimeUnit.SECONDS);
      assertTrue(accepted.getBoolean("ok"), accepted::toString);
      assertEquals("ben", accepted.getString("userId"));
      assertEquals("[\"message\"]", accepted.getJSONArray("events").toString());
      assertEquals(3, accepted.getJSONObject("metadata").getInt("online"));
    } finally {
      socket.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    RecordedRequest call = recorded();
    assertEquals("POST", call.getMethod());
    assertEquals("/hatchet/auth", call.getPath());
    assertEquals("Bearer backend-secret", call.getHeader("Authorization"));
    assertTrue(call.getHeader("Content-Type").startsWith("application/json"));
    JsonObject sent = body(call);
    assertEquals("opaque", sent.getAsJsonObject("request").get("key").getAsString());
    assertEquals("c1", sent.getAsJsonObject("request").get("session").getAsString());
    assertEquals("t-1", sent.getAsJsonObject("handshakeAuth").get("token").getAsString());
    assertEquals("abc", sent.getAsJsonObject("cookies").get("sid").getAsString());
    assertEquals("sid=abc",
        sent.getAsJsonObject("headers").getAsJsonArray("cookie").get(0).getAsString());
    assertTrue(sent.get("remoteAddress").getAsString().startsWith("127.0.0.1:"));
  }

  @Test void theBackendMayRejectOrLeaveItToTheKeys() throws Exception {
    authorizer = new HttpAuthorizer(backend.url("/auth").toString(), Duration.ofSeconds(3));
    hub = hubBuilder().authorizer(authorizer).start();
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      answer("{\"decision\":\"reject\",\"message\":\"please log in\","
          + "\"metadata\":{\"login\":\"/login\"}}");
      AuthenticationException refused = Await.failure(
          hatchet.consumer(APP, "expired-session").ready(), AuthenticationException.class);
      assertEquals("not_authorized", refused.code());
      assertTrue(refused.getMessage().contains("please log in"), refused.getMessage());
      assertEquals("{\"login\":\"/login\"}", refused.metadata().toString());

      answer("{\"decision\":\"builtIn\"}");
      Consumer byKey = hatchet.consumer(APP, CONSUMER_KEY);
      assertTrue(byKey.metadata().isJsonNull(), "none before it authenticated");
      Await.get(byKey.ready());
      assertTrue(byKey.metadata().isJsonNull(), "the keys decided: no metadata");

      answer("{\"decision\":\"accept\",\"identity\":{\"app\":\"chat\",\"role\":\"consumer\","
          + "\"userId\":\"ben\"},\"metadata\":{\"online\":3}}");
      Consumer ben = hatchet.consumer(APP, "ben-session");
      Await.get(ben.ready());
      assertEquals("{\"online\":3}", ben.metadata().toString());
      ben.metadata().getAsJsonObject().addProperty("online", 4);
      assertEquals("{\"online\":3}", ben.metadata().toString(), "each call gets a copy");
    }
  }

  @Test void aBackendThatFailsOrAnswersNonsenseFailsTheHook() throws Exception {
    authorizer = new HttpAuthorizer(backend.url("/auth").toString(), Duration.ofSeconds(3));
    hub = hubBuilder().authorizer(authorizer).start();
    backend.enqueue(new MockResponse().setResponseCode(500));
    answer("not json");
    answer("{\"decision\":\"maybe\"}");
    answer("{\"decision\":\"accept\"}");
    answer("{\"decision\":\"accept\",\"identity\":{\"app\":\"chat\",\"role\":\"admin\"}}");
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      for (int i = 0; i < 5; i++) {
        AuthenticationException failed = Await.failure(
            hatchet.consumer(APP, CONSUMER_KEY).ready(), AuthenticationException.class);
        assertEquals("hook_failed", failed.code(), failed::getMessage);
      }
    }
  }

  @Test void aBackendSlowerThanTheTimeoutTimesOut() throws Exception {
    authorizer = new HttpAuthorizer(backend.url("/auth").toString(), Duration.ofMillis(200));
    hub = hubBuilder().authorizer(authorizer).start();
    backend.enqueue(new MockResponse().setBody("{\"decision\":\"builtIn\"}")
        .setHeadersDelay(3, TimeUnit.SECONDS));
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      AuthenticationException late = Await.failure(
          hatchet.consumer(APP, CONSUMER_KEY).ready(), AuthenticationException.class);
      assertEquals("hook_timeout", late.code());
    }
  }

  @Test void theMessageHookPostsThePublishAndFollowsTheVerdict() throws Exception {
    messageHook = new HttpMessageHook(backend.url("/hatchet/publish").toString(),
        Duration.ofSeconds(3));
    hub = hubBuilder().messageHook(messageHook)
        .authorizer(context -> {
          context.sessionData().put("name", "Ben");
          return completedFuture(Authorization.builtIn());
        })
        .start();
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
      consumer.watch("message", data -> received.add(data.toString()));
      consumer.alias("ann");
      Await.get(consumer.ready());
      Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);

      answer("{\"decision\":\"pass\"}");
      assertEquals(1, Await.get(contributor.send("message", Map.of("text", "hi"), "ann")));
      assertEquals("{\"text\":\"hi\"}", received.poll(10, TimeUnit.SECONDS));
      RecordedRequest call = recorded();
      assertEquals("/hatchet/publish", call.getPath());
      JsonObject sent = body(call);
      assertEquals("chat", sent.get("app").getAsString());
      assertEquals("contributor", sent.get("role").getAsString());
      assertEquals("message", sent.get("event").getAsString());
      assertEquals("hi", sent.getAsJsonObject("data").get("text").getAsString());
      assertEquals("ann", sent.getAsJsonArray("to").get(0).getAsString());
      assertEquals(0, sent.getAsJsonArray("rooms").size());
      assertEquals("Ben", sent.getAsJsonObject("sessionData").get("name").getAsString());

      answer("{\"decision\":\"replace\",\"data\":{\"text\":\"hi\",\"from\":\"Ben\"}}");
      assertEquals(1, Await.get(contributor.broadcast("message", Map.of("text", "hi"))));
      assertEquals("{\"text\":\"hi\",\"from\":\"Ben\"}", received.poll(10, TimeUnit.SECONDS));

      answer("{\"decision\":\"reject\",\"code\":\"spam\",\"message\":\"no links\"}");
      RejectedException refused = Await.failure(
          contributor.broadcast("message", "http://spam"), RejectedException.class);
      assertEquals("spam", refused.code());

      answer("{\"decision\":\"reject\",\"code\":\"Not A Code\"}");
      assertEquals("hook_failed", Await.failure(contributor.broadcast("message", "x"),
          RejectedException.class).code());
    }
  }

  @Test void aClosedHookFailsItsCallsAndBadSettingsAreRefused() throws Exception {
    messageHook = new HttpMessageHook(backend.url("/publish").toString(),
        Duration.ofSeconds(3));
    messageHook.close();
    messageHook.close(); // idempotent
    hub = hubBuilder().messageHook(messageHook).start();
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      assertEquals("hook_failed", Await.failure(
          hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("message", "x"),
          RejectedException.class).code());
    }
    assertThrows(IllegalArgumentException.class,
        () -> new HttpAuthorizer("ftp://backend", Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpAuthorizer("http://backend", Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpMessageHook("http://backend", Duration.ofSeconds(1),
            Map.of("Bad Name", "x")));
  }
}
