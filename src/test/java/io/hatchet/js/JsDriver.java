package io.hatchet.js;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.EventRecorder;
import io.hatchet.testing.FaultProxy;
import io.hatchet.testing.RecordedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Java side of the JavaScript tests: a real hub (serving examples/browser), a fault proxy in
 * front of it, Java clients, and a small HTTP control server through which a JS test makes the
 * Java side act: {@code POST /broadcast}, {@code /send}, {@code /room}, {@code /join},
 * {@code /token}, {@code /cut}, {@code /disconnectAll}, {@code /received}, each with a JSON body,
 * answered with JSON (500 with the error's text when the action failed).
 */
final class JsDriver implements AutoCloseable {
  static final String APP = "demo";
  static final String CONSUMER_KEY = "I6mMbTSOq4rCdM";
  static final String CONTRIBUTOR_KEY = "iYkrswPZVIrUMv";
  static final String SECRET = "a-producer-secret-of-at-least-32-bytes!!";
  /** The events the Java consumer watches: what JS contributors send it. */
  static final String[] JAVA_WATCHES = {"from-js", "to-java"};
  private static final Duration WAIT = Duration.ofSeconds(20);

  static {
    // The JDK's HTTP server leaves Nagle's algorithm on: with the client's delayed ACKs, every
    // answer would wait some 25 ms, and the tests make hundreds of calls.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Gson gson = new Gson();
  private final HatchetHub hub;
  private final FaultProxy proxy;
  private final Hatchet hatchet;
  private final Contributor contributor;
  private final Producer producer;
  private final EventRecorder received = new EventRecorder();
  private final HttpServer control;
  private final ExecutorService controlThreads;

  JsDriver(Path pages) throws Exception {
    hub = HatchetHub.builder()
        .app(App.named(APP).consumerKey(CONSUMER_KEY).contributorKey(CONTRIBUTOR_KEY)
            .producerSecrets(SECRET))
        .serveFiles(pages)
        .start();
    proxy = FaultProxy.to(hub);
    hatchet = Hatchet.connect(hub.url());
    contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    producer = hatchet.producer(APP, ProducerOptions.builder().secretKeys(SECRET).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    consumer.alias("java");
    received.watch(consumer, JAVA_WATCHES).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    consumer.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    controlThreads = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "js-driver-control");
      thread.setDaemon(true);
      return thread;
    });
    control.setExecutor(controlThreads);
    route("/broadcast", body -> answer("routed", await(contributor.broadcast(
        body.get("event").getAsString(), body.get("data")))));
    route("/send", body -> answer("routed", await(contributor.send(
        body.get("event").getAsString(), body.get("data"), strings(body.getAsJsonArray("to"))))));
    route("/room", body -> answer("routed", await(producer.sendToRoom(
        body.get("room").getAsString(), body.get("event").getAsString(), body.get("data")))));
    route("/join", body -> answer("changed", await(producer.joinRoom(
        body.get("room").getAsString(), body.get("consumer").getAsString()))));
    route("/token", body -> answer("token",
        producer.signAuth(Map.of("userId", body.get("userId").getAsString()))));
    route("/cut", body -> answer("cut", proxy.cut()));
    route("/disconnectAll", body -> {
      hub.disconnectAll();
      return new JsonObject();
    });
    route("/received", body -> {
      List<RecordedEvent> events = received.takeEvents(body.get("count").getAsInt(), WAIT);
      JsonArray list = new JsonArray();
      for (RecordedEvent event : events) {
        JsonObject one = new JsonObject();
        one.addProperty("event", event.event());
        one.add("data", event.data());
        list.add(one);
      }
      JsonObject answer = new JsonObject();
      answer.add("events", list);
      answer.addProperty("more", received.unread());
      return answer;
    });
    control.start();
  }

  /** What a JS test is told: where the hub is, and how to reach this driver. */
  Map<String, String> environment() {
    return Map.of(
        "HUB_URL", proxy.url(),
        "HUB_DIRECT_URL", hub.url(),
        "CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort(),
        "HATCHET_APP", APP,
        "CONSUMER_KEY", CONSUMER_KEY,
        "CONTRIBUTOR_KEY", CONTRIBUTOR_KEY);
  }

  /** Whatever the Java consumer received that no test took. */
  int unread() {
    return received.unread();
  }

  private void route(String path, Function<JsonObject, JsonElement> action) {
    control.createContext(path, exchange -> {
      try (exchange) {
        JsonObject body;
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        JsonElement answer;
        try {
          body = text.isBlank() ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
          answer = action.apply(body);
        } catch (RuntimeException | AssertionError e) {
          status = 500;
          answer = answer("error", e.toString());
        }
        reply(exchange, status, gson.toJson(answer));
      }
    });
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private JsonObject answer(String name, Object value) {
    JsonObject answer = new JsonObject();
    answer.add(name, gson.toJsonTree(value));
    return answer;
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    array.forEach(element -> list.add(element.getAsString()));
    return list;
  }

  @Override public void close() {
    control.stop(0);
    controlThreads.shutdownNow();
    hatchet.close();
    proxy.close();
    hub.close();
  }
}
