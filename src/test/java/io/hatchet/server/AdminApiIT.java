package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.server.AdminClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of the jar, end to end: Java consumers on the client port receive what is
 * published over HTTP; every call answers as README documents, every error with its status.
 */
class AdminApiIT {
  @TempDir static Path dir;
  private static HubProcess hub;
  private static AdminClient admin;
  private final List<Hatchet> hatchets = new ArrayList<>();

  @BeforeAll
  static void startHub() throws Exception {
    Path config = new TestConfig()
        .with("admin", "admin: {host: 127.0.0.1, port: 0, token: " + TestConfig.TOKEN
            + ", maxBodyBytes: 64KiB}")
        .with("limits", "limits: {maxMessageBytes: 16KiB, maxTargetsPerPublish: 4}")
        .write(dir);
    hub = HubProcess.run(config);
    admin = new AdminClient(hub.adminUrl());
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) assertEquals(0, hub.terminate(), hub.output());
  }

  @AfterEach
  void closeClients() {
    hatchets.forEach(Hatchet::close);
  }

  private Hatchet hatchet() {
    Hatchet hatchet = Hatchet.builder(hub.clientUrl())
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    hatchets.add(hatchet);
    return hatchet;
  }

  /** A consumer with the app's key, watching {@code event}, ready; what it gets goes to {@code into}. */
  private Consumer consumer(String key, String event, BlockingQueue<String> into) throws Exception {
    Consumer consumer = hatchet().consumer(TestConfig.APP, key);
    consumer.watch(event, data -> into.add(data.toString()));
    consumer.ready().get(30, TimeUnit.SECONDS);
    return consumer;
  }

  private String token(String userId) {
    Producer producer = hatchet().producer(TestConfig.APP,
        ProducerOptions.builder().secretKeys(TestConfig.SECRET).build());
    return producer.signAuth(Map.of("userId", userId));
  }

  private static String poll(BlockingQueue<String> queue) throws InterruptedException {
    String value = queue.poll(30, TimeUnit.SECONDS);
    if (value == null) throw new AssertionError("nothing received within 30 s");
    return value;
  }

  private static void assertError(int status, String code, Answer answer) {
    assertEquals(status, answer.status(), answer.toString());
    assertEquals(code, answer.code(), answer.toString());
    assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.toString());
    assertTrue(!answer.json().getAsJsonObject().getAsJsonObject("error").get("message")
        .getAsString().isBlank());
  }

  @Test
  void aJavaConsumerReceivesWhatIsPublishedOverHttp() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    consumer(TestConfig.CONSUMER_KEY, "news", received).alias("ben").get(30, TimeUnit.SECONDS);
    Answer one = admin.post("/apps/demo/publish", "{\"event\":\"news\",\"data\":{\"n\":1}}");
    assertEquals(200, one.status(), one.toString());
    assertEquals("{\"routed\":1}", one.json().toString());
    assertEquals("{\"n\":1}", poll(received));

    Answer batch = admin.post("/apps/demo/publish", "[{\"event\":\"news\",\"data\":2},"
        + "{\"event\":\"news\",\"data\":3,\"to\":[\"ben\"]},"
        + "{\"event\":\"news\",\"data\":4,\"to\":[\"somebody-else\"]},"
        + "{\"event\":\"news\",\"data\":\"" + "x".repeat(17 * 1024) + "\"},"
        + "{\"event\":\"news\",\"data\":5}]");
    assertEquals(200, batch.status(), batch.toString());
    JsonArray answers = batch.json().getAsJsonArray();
    assertEquals("{\"routed\":1}", answers.get(0).toString());
    assertEquals("{\"routed\":1}", answers.get(1).toString());
    assertEquals("{\"routed\":0}", answers.get(2).toString());
    assertEquals("too_large", answers.get(3).getAsJsonObject().getAsJsonObject("error")
        .get("code").getAsString(), "a refused item is answered in its place");
    assertEquals("{\"routed\":1}", answers.get(4).toString());
    assertEquals(List.of("2", "3", "5"), List.of(poll(received), poll(received), poll(received)),
        "in order");
  }

  @Test
  void roomsAndPeople() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Consumer consumer = consumer(token("ann"), "task", received);
    String id = consumer.id();
    String member = "/apps/demo/rooms/projects%2F51762b8f/members/" + id;
    assertEquals("{\"joined\":true}", admin.call("PUT", member, null).json().toString());
    assertEquals("{\"joined\":false}", admin.call("PUT", member, null).json().toString());
    Answer size = admin.get("/apps/demo/rooms/projects%2F51762b8f");
    assertEquals("{\"room\":\"projects/51762b8f\",\"members\":1}", size.json().toString());
    Answer toRoom = admin.post("/apps/demo/publish",
        "{\"event\":\"task\",\"data\":\"553f\",\"rooms\":[\"projects/51762b8f\"]}");
    assertEquals("{\"routed\":1}", toRoom.json().toString());
    assertEquals("\"553f\"", poll(received));

    JsonObject consumers = admin.get("/apps/demo/users/ann/consumers").json().getAsJsonObject();
    JsonObject info = consumers.getAsJsonArray("consumers").get(0).getAsJsonObject();
    assertEquals(id, info.get("id").getAsString());
    assertTrue(info.get("connected").getAsBoolean());
    assertTrue(info.getAsJsonArray("rooms").toString().contains("projects/51762b8f"), info.toString());
    assertEquals("{\"userId\":\"nobody\",\"consumers\":[]}",
        admin.get("/apps/demo/users/nobody/consumers").json().toString());

    Answer toUser = admin.post("/apps/demo/users/ann/send", "{\"event\":\"task\",\"data\":7}");
    assertEquals("{\"routed\":1}", toUser.json().toString());
    assertEquals("7", poll(received));
    assertError(404, "unknown_user", admin.post("/apps/demo/users/nobody/send",
        "{\"event\":\"task\",\"data\":7}"));

    assertEquals("{\"left\":true}", admin.call("DELETE", member, null).json().toString());
    assertEquals("{\"left\":false}", admin.call("DELETE", member, null).json().toString());
    assertError(404, "unknown_consumer",
        admin.call("PUT", "/apps/demo/rooms/r/members/no-such-consumer", null));

    assertEquals("{\"disconnected\":1}",
        admin.post("/apps/demo/users/ann/disconnect", "").json().toString());
    assertError(404, "unknown_user", admin.post("/apps/demo/users/nobody/disconnect", ""));
    assertError(404, "unknown_consumer",
        admin.post("/apps/demo/consumers/no-such-consumer/disconnect", ""));
    consumer.ready().get(30, TimeUnit.SECONDS); // it comes back by itself
    io.hatchet.Await.until(() -> {
      try {
        return admin.post("/apps/demo/consumers/" + id + "/disconnect", "").status() == 200;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "the consumer reconnected and was disconnected by its id");
  }

  @Test
  void healthStatsAndMetrics() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    consumer(TestConfig.CONSUMER_KEY, "stats-check", received);
    admin.post("/apps/demo/publish", "{\"event\":\"stats-check\",\"data\":1}");
    poll(received);
    Answer health = admin.get("/health");
    assertEquals(200, health.status());
    assertEquals("{\"status\":\"ok\",\"alive\":true,\"ready\":true}", health.json().toString());
    JsonObject stats = admin.get("/stats").json().getAsJsonObject();
    assertTrue(stats.get("connections").getAsInt() >= 1, stats.toString());
    assertTrue(stats.get("publishes").getAsLong() >= 1, stats.toString());
    assertTrue(stats.get("deliveries").getAsLong() >= 1, stats.toString());
    assertTrue(stats.has("uptimeSeconds") && stats.has("queuedBytes")
        && stats.has("droppedConnections"), stats.toString());
    JsonObject demo = stats.getAsJsonObject("apps").getAsJsonObject("demo");
    assertTrue(demo.getAsJsonObject("sessions").get("consumers").getAsInt() >= 1, demo.toString());
    assertTrue(demo.get("adminPublishes").getAsLong() >= 1, demo.toString());
    assertTrue(stats.getAsJsonObject("admin").get("calls").getAsLong() >= 1, stats.toString());

    Answer metrics = admin.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
    for (String line : List.of("hatchet_connections ", "hatchet_publishes_total{app=\"demo\"}",
        "hatchet_deliveries_total{app=\"demo\"}", "hatchet_sessions{app=\"demo\",role=\"consumer\"}",
        "hatchet_admin_publishes_total{app=\"demo\"}", "hatchet_queued_bytes ",
        "hatchet_dropped_connections_total ", "hatchet_admin_calls_total{", "jvm_memory_used_bytes")) {
      assertTrue(metrics.body().contains(line), line + " in:\n" + metrics.body());
    }
  }

  @Test
  void everyErrorHasItsStatusAndAJsonBody() throws Exception {
    Answer none = admin.call("GET", "/stats", null, null, null);
    assertError(401, "unauthorized", none);
    assertEquals("Bearer realm=\"hatchet-admin\"", none.header("WWW-Authenticate"));
    assertError(401, "unauthorized", admin.call("GET", "/stats", null, null, "wrong-token"));
    assertError(401, "unauthorized", admin.call("GET", "/no/such/path", null, null, null));
    assertError(404, "not_found", admin.get("/no/such/path"));
    Answer method = admin.call("GET", "/apps/demo/publish", null);
    assertError(405, "method_not_allowed", method);
    assertEquals("POST", method.header("Allow"));
    assertError(404, "unknown_app", admin.post("/apps/nope/publish", "{\"event\":\"e\"}"));
    assertError(415, "unsupported_media_type",
        admin.call("POST", "/apps/demo/publish", "{\"event\":\"e\"}", "text/plain", TestConfig.TOKEN));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "{\"event\":"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "{\"event\":\"e\",\"dta\":1}"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "{\"data\":1}"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "{\"event\":5}"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "{\"event\":\"\"}"));
    assertError(400, "bad_request",
        admin.post("/apps/demo/publish", "{\"event\":\"e\",\"to\":[\"a\"],\"rooms\":[\"r\"]}"));
    assertError(400, "too_many", admin.post("/apps/demo/publish",
        "{\"event\":\"e\",\"to\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish", "[]"));
    assertError(400, "bad_request", admin.post("/apps/demo/publish",
        "[{\"event\":\"e\"},{\"event\":\"e\",\"nope\":1}]"));
    assertError(413, "too_large", admin.post("/apps/demo/publish",
        "{\"event\":\"e\",\"data\":\"" + "x".repeat(17 * 1024) + "\"}"));
    assertError(413, "too_large", admin.post("/apps/demo/publish",
        "{\"event\":\"e\",\"data\":\"" + "x".repeat(65 * 1024) + "\"}"));
    assertEquals(200, admin.get("/health").status(), "the connection after a 413 is a new one");
  }

  @Test
  void pushinatorsCallsForTheDefaultApp() throws Exception {
    // pushinator's README: curl http://127.0.0.1:9600/user/register -d '{"userId":5,...}',
    // which sends a form content type.
    String form = "application/x-www-form-urlencoded";
    Answer register = admin.call("POST", "/user/register", "{\"userId\":5,\"hash\":\"xxx1234\"}",
        form, TestConfig.TOKEN);
    assertEquals(200, register.status(), register.toString());
    assertEquals("{\"app\":\"demo\",\"userId\":\"5\",\"registered\":true}", register.json().toString());
    assertError(404, "unknown_user", admin.call("POST", "/user/send",
        "{\"userId\":5,\"message\":\"nobody listens\"}", form, TestConfig.TOKEN));
    Answer other = admin.post("/user/register?app=other", "{\"userId\":\"7\",\"hash\":\"h\"}");
    assertEquals("other", other.json().getAsJsonObject().get("app").getAsString(), other.toString());
    assertError(400, "bad_request",
        admin.post("/user/register?app=other", "{\"app\":\"demo\",\"userId\":7,\"hash\":\"h\"}"));
    assertError(404, "unknown_app", admin.post("/user/register?app=nope", "{\"userId\":7,\"hash\":\"h\"}"));
    assertError(400, "bad_request", admin.post("/user/register", "{\"userId\":5}"));
    assertError(415, "unsupported_media_type", admin.call("POST", "/apps/demo/publish",
        "{\"event\":\"e\"}", form, TestConfig.TOKEN));
    Answer unregister = admin.post("/user/unregister", "{\"userId\":5}");
    assertEquals("{\"app\":\"demo\",\"userId\":\"5\",\"unregistered\":true}",
        unregister.json().toString());
    assertError(404, "unknown_user", admin.post("/user/unregister", "{\"userId\":5}"));
  }

  @Test
  void theAppsAreListed() throws Exception {
    JsonElement apps = admin.get("/apps").json();
    assertEquals("{\"apps\":[\"demo\",\"other\"],\"defaultApp\":\"demo\"}", apps.toString());
  }
}
