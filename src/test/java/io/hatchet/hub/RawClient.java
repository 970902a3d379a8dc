package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A plain socket.io-client-java connection to a hub, for tests: no hatchet client code involved.
 *
 * <p>Listeners run on socket.io's EventThread; they only complete futures and fill queues, and
 * every assertion runs on the test's thread.
 */
final class RawClient implements AutoCloseable {
  static final long TIMEOUT_SECONDS = 10;

  private final OkHttpClient http;
  private final Socket socket;
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private final CompletableFuture<Void> managerClosed = new CompletableFuture<>();
  /** Completes with the disconnect reason, e.g. "io server disconnect". */
  final CompletableFuture<String> disconnected = new CompletableFuture<>();
  final BlockingQueue<JSONObject> delivers = new LinkedBlockingQueue<>();
  final BlockingQueue<JSONObject> hubErrors = new LinkedBlockingQueue<>();
  /** Completes once a polling connection has upgraded to WebSocket. */
  private final CompletableFuture<Void> upgraded = new CompletableFuture<>();

  private RawClient(String url, String transport, OkHttpClient http) {
    this.http = http;
    IO.Options options = IO.Options.builder()
        .setForceNew(true)
        .setReconnection(false)
        .setTransports(transport.split(","))
        .build();
    // Our own OkHttpClient, so close() can stop its threads.
    options.callFactory = http;
    options.webSocketFactory = http;
    socket = IO.socket(URI.create(url), options);
    socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
    socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
        new AssertionError("connect_error " + Arrays.toString(args))));
    socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
    socket.on("deliver", args -> {
      for (Object delivery : args) delivers.add((JSONObject) delivery);
    });
    socket.on("hub-error", args -> hubErrors.add((JSONObject) args[0]));
    socket.io().on(Manager.EVENT_CLOSE, args -> managerClosed.complete(null));
    // The manager keeps its Engine.IO socket to itself; its upgrade starts after this runs.
    socket.io().on(Manager.EVENT_OPEN, args -> engine().once(
        io.socket.engineio.client.Socket.EVENT_UPGRADE, upgrade -> upgraded.complete(null)));
  }

  /** Connects over WebSocket and waits until connected. */
  static RawClient connect(String url) throws Exception {
    return connect(url, "websocket");
  }

  /**
   * Connects over "websocket" or "polling" (or "polling,websocket": polling, then upgrading)
   * and waits until connected.
   */
  static RawClient connect(String url, String transport) throws Exception {
    return connect(url, transport, new OkHttpClient());
  }

  /**
   * Connects over "websocket" or "polling" with {@code http}, an OkHttp client of its own (for
   * the TLS it trusts), and waits until connected; closing the client stops {@code http}.
   */
  static RawClient connect(String url, String transport, OkHttpClient http) throws Exception {
    RawClient client = new RawClient(url, transport, http);
    client.socket.connect();
    try {
      client.connected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    return client;
  }

  /**
   * Waits until a client connected over "polling,websocket" has upgraded. A client that closes
   * while its upgrade is under way may wait for it long after the hub has gone.
   */
  void awaitUpgrade() throws Exception {
    upgraded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private io.socket.engineio.client.Socket engine() {
    try {
      java.lang.reflect.Field engine = Manager.class.getDeclaredField("engine");
      engine.setAccessible(true);
      return (io.socket.engineio.client.Socket) engine.get(socket.io());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("socket.io-client's Manager has no engine field", e);
    }
  }

  /** Emits with an acknowledgement; the future completes with the hub's answer. */
  CompletableFuture<JSONObject> request(String event, Object... args) {
    CompletableFuture<JSONObject> answer = new CompletableFuture<>();
    socket.emit(event, args, ackArgs -> {
      if (ackArgs.length == 1 && ackArgs[0] instanceof JSONObject) {
        answer.complete((JSONObject) ackArgs[0]);
      } else {
        answer.completeExceptionally(
            new AssertionError("unexpected ack " + Arrays.toString(ackArgs)));
      }
    });
    return answer;
  }

  /** Emits with an acknowledgement and waits for the answer. */
  JSONObject call(String event, Object... args) throws Exception {
    return request(event, args).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Emits without acknowledgement. */
  void send(String event, Object... args) {
    socket.emit(event, args);
  }

  JSONObject auth(String session, String key) throws Exception {
    return call("auth", json("v", 1, "session", session, "app", "demo", "key", key));
  }

  /** {@code auth} with more fields, alternating names and values, such as "role", "id". */
  JSONObject authWith(String session, String key, Object... more) throws Exception {
    JSONObject request = json("v", 1, "session", session, "app", "demo", "key", key);
    JSONObject extra = json(more);
    for (String name : extra.keySet()) {
      request.put(name, extra.get(name));
    }
    return call("auth", request);
  }

  /** Authenticates, failing the test unless the hub says ok. */
  void authOk(String session, String key) throws Exception {
    assertOk(auth(session, key));
  }

  /** Authenticates a consumer session and has it watch {@code events}. */
  void consumer(String session, String... events) throws Exception {
    authOk(session, TestApps.CONSUMER_KEY);
    assertOk(call("watch", json("session", session, "events", events)));
  }

  /** Authenticates a producer session with a fresh HS256 producer credential. */
  void producer(String session) throws Exception {
    assertOk(authWith(session, TestTokens.producerToken(), "role", "producer"));
  }

  /**
   * Authenticates a token consumer of {@code userId} with consumer id {@code id} (null: the
   * hub makes one) watching {@code events}; returns its consumer id.
   */
  String tokenConsumer(String session, String userId, String id, String... events)
      throws Exception {
    JSONObject answer = authWith(session, TestTokens.consumerToken(userId), "role", "consumer",
        "id", id);
    assertOk(answer);
    assertOk(call("watch", json("session", session, "events", events)));
    return answer.getString("id");
  }

  /** A key consumer with consumer id {@code id} watching {@code events}. */
  void keyConsumer(String session, String id, String... events) throws Exception {
    assertOk(authWith(session, TestApps.CONSUMER_KEY, "role", "consumer", "id", id));
    assertOk(call("watch", json("session", session, "events", events)));
  }

  /** A producer session's {@code join} or {@code leave}; returns the answer. */
  JSONObject room(String verb, String session, String room, String consumer) throws Exception {
    return call(verb, json("session", session, "room", room, "consumer", consumer));
  }

  /** A producer session's {@code publish} to {@code rooms}; returns {@code routed}. */
  int publishToRooms(String session, String event, Object data, String... rooms)
      throws Exception {
    JSONObject answer =
        call("publish", json("session", session, "event", event, "data", data, "rooms", rooms));
    assertOk(answer);
    return answer.getInt("routed");
  }

  JSONObject nextDeliver() throws InterruptedException {
    JSONObject deliver = delivers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(deliver, "no deliver within " + TIMEOUT_SECONDS + " s");
    return deliver;
  }

  JSONObject nextHubError() throws InterruptedException {
    JSONObject error = hubErrors.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(error, "no hub-error within " + TIMEOUT_SECONDS + " s");
    return error;
  }

  /** Waits for the socket.io disconnect and returns its reason. */
  String awaitDisconnect() throws Exception {
    return disconnected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  boolean connected() {
    return socket.connected();
  }

  /** Disconnects, waits for the socket.io client to let go, and stops its OkHttp threads. */
  @Override public void close() {
    socket.close();
    try {
      managerClosed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("socket.io client did not close", e);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Builds a JSONObject from alternating names and values; arrays become JSON arrays. */
  static JSONObject json(Object... namesAndValues) {
    JSONObject object = new JSONObject();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value instanceof Object[]) {
        value = new JSONArray(Arrays.asList((Object[]) value));
      }
      object.put((String) namesAndValues[i], value == null ? JSONObject.NULL : value);
    }
    return object;
  }

  /** The sessions a deliver is for, as a set: tests ask who got it, not in which order. */
  static Set<String> sessions(JSONObject deliver) {
    Set<String> names = new TreeSet<>();
    deliver.getJSONArray("sessions").forEach(name -> names.add((String) name));
    return names;
  }

  static void assertOk(JSONObject answer) {
    assertTrue(answer.getBoolean("ok"), () -> "expected ok, got " + answer);
  }

  /** Asserts {@code answer} is {@code {"ok": false, "error": {"code": code, "message": ...}}}. */
  static void assertError(String code, JSONObject answer) {
    assertEquals(false, answer.getBoolean("ok"), () -> "expected " + code + ", got " + answer);
    JSONObject error = answer.getJSONObject("error");
    assertEquals(code, error.getString("code"), () -> "answer " + answer);
    assertTrue(error.getString("message").length() > 0, () -> "no message in " + answer);
  }
}
