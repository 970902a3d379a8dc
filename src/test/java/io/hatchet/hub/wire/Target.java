package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hatchet.hub.HatchetHub;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server the wire tests talk to, and the plain HTTP they talk to it with.
 *
 * <p>By default an embedded {@link HatchetHub}; with
 * {@code -Dhatchet.conformance.url=http://host:port} that external server instead (a reference
 * socket.io server, say), and then the tests marked {@link HatchetChoice} are skipped. A test
 * class holds one in a static field:
 * {@code @RegisterExtension static final Target target = Target.hub();}, started before its tests
 * and closed after them.
 */
final class Target implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /**
   * How long any single wait may take before the test fails: only ever reached on a failure.
   * Under 5 s, so that a server dropping idle connections after 5 s (netty-socketio does) is not
   * taken for one that closed them for the reason a test checks.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(4);
  /** The separator of packets in a polling payload. */
  static final String RS = "\u001e";
  static final String HANDSHAKE = "EIO=4&transport=polling";
  static final String WS_HANDSHAKE = "EIO=4&transport=websocket";

  private static final String EXTERNAL = external();
  private static final MediaType TEXT = MediaType.get("text/plain; charset=UTF-8");

  private final UnaryOperator<HatchetHub.Builder> options;
  private HatchetHub hub;
  private String url;
  private OkHttpClient http;
  private OkHttpClient webSockets;
  private boolean heartbeatConfigured;

  private Target(UnaryOperator<HatchetHub.Builder> options) {
    this.options = options;
  }

  /** A default hub, or the external server. */
  static Target hub() {
    return new Target(UnaryOperator.identity());
  }

  /** A hub built with {@code options} (the external server ignores them). */
  static Target hub(UnaryOperator<HatchetHub.Builder> options) {
    return new Target(options);
  }

  /** A hub with this heartbeat (the external server is started with its own). */
  static Target hub(Duration pingInterval, Duration pingTimeout) {
    Target target = new Target(builder -> builder.heartbeat(pingInterval, pingTimeout));
    target.heartbeatConfigured = true;
    return target;
  }

  /** True when the tests run against an embedded hatchet hub, false against an external server. */
  static boolean embedded() {
    return EXTERNAL == null;
  }

  /** True when the hub was started with the heartbeat asked of {@link #hub(Duration, Duration)}. */
  boolean heartbeatConfigured() {
    return embedded() && heartbeatConfigured;
  }

  /** Starts the hub (nothing to start for an external server); returns this. */
  Target start() {
    http = new OkHttpClient.Builder()
        .callTimeout(TIMEOUT)
        .readTimeout(TIMEOUT)
        // Every request is sent once, as written, on a connection of its own: what a test sees
        // is the server's answer to it, not a pooled connection the server had closed.
        .retryOnConnectionFailure(false)
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .build();
    // WebSockets wait as long as the test does: a client timeout must not pass for a close.
    webSockets = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(Duration.ZERO).build();
    if (embedded()) {
      hub = options.apply(HatchetHub.builder()).start();
      url = hub.url();
    } else {
      url = EXTERNAL;
    }
    return this;
  }

  @Override public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override public void afterAll(ExtensionContext context) {
    close();
  }

  @Override public void close() {
    if (hub != null) {
      hub.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
    }
  }

  /** Like {@code http://127.0.0.1:41233}. */
  String url() {
    return url;
  }

  /** A new polling session (its handshake checked). */
  Polling polling() {
    return new Polling(this);
  }

  /** A new WebSocket-only session; pings are answered by themselves. */
  Ws ws() {
    return ws(WS_HANDSHAKE, true);
  }

  /** A WebSocket on {@code /socket.io/?query}; {@code answerPings}: pings never reach the test. */
  Ws ws(String query, boolean answerPings) {
    return new Ws(webSockets, url.replaceFirst("^http", "ws") + "/socket.io/?" + query,
        answerPings);
  }

  /**
   * Opens a WebSocket session, connects it to the main namespace (unless {@code connected} is
   * false) and sends {@code frame}: the server must then close the connection.
   */
  void assertFrameCloses(boolean connected, String frame) {
    try (Ws ws = ws()) {
      if (connected) {
        ws.connect();
      } else {
        ws.open();
      }
      ws.send(frame);
      ws.awaitClosed();
    }
  }

  /** {@code method} on {@code /socket.io/?query}, with {@code body} (null: none), answered. */
  Reply request(String method, String query, String body) {
    return await(requestAsync(method, query, body));
  }

  Reply get(String query) {
    return request("GET", query, null);
  }

  Reply post(String query, String body) {
    return request("POST", query, body);
  }

  /** The same, sent now and answered later. */
  CompletableFuture<Reply> requestAsync(String method, String query, String body) {
    return requestPath(method, "/socket.io/?" + query, body);
  }

  /** {@code method} on any path of the server, sent now and answered later. */
  CompletableFuture<Reply> requestPath(String method, String pathAndQuery, String body) {
    Request request = new Request.Builder()
        .url(url + pathAndQuery)
        .method(method, body == null ? null : RequestBody.create(body, TEXT))
        .build();
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    http.newCall(request).enqueue(new Callback() {
      @Override public void onResponse(Call call, Response response) {
        try (response) {
          reply.complete(new Reply(response.code(), response.header("Content-Type", ""),
              response.body().string()));
        } catch (IOException e) {
          reply.completeExceptionally(e);
        }
      }

      @Override public void onFailure(Call call, IOException e) {
        reply.completeExceptionally(e);
      }
    });
    return reply;
  }

  /** The reply, failing the test if there is none within {@link #TIMEOUT}. */
  static Reply await(CompletableFuture<Reply> reply) {
    try {
      return reply.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("no answer: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Skips the test unless the server pings often enough for a heartbeat test to be quick. */
  static void assumeShortHeartbeat(JSONObject open) {
    long interval = open.getLong("pingInterval");
    long timeout = open.getLong("pingTimeout");
    assumeTrue(interval + timeout <= 2000,
        () -> "needs a short heartbeat, the server has " + interval + " ms / " + timeout + " ms");
  }

  /** The payload of an open packet, which must carry a sid; the rest is the handshake tests'. */
  static JSONObject openPayload(String packet) {
    assertTrue(packet.startsWith("0{"), () -> "expected an open packet, got " + packet);
    JSONObject open = new JSONObject(packet.substring(1));
    assertTrue(open.opt("sid") instanceof String, () -> "no sid in " + packet);
    return open;
  }

  /** Checks an open packet in full, as both transports send it. */
  static void assertOpenPacket(String packet, List<String> upgrades) {
    JSONObject open = openPayload(packet);
    assertEquals(Set.of("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"),
        open.keySet(), () -> "open packet keys: " + packet);
    assertTrue(open.get("sid") instanceof String && !open.getString("sid").isEmpty(),
        () -> "sid must be a non-empty string: " + packet);
    assertEquals(upgrades, open.getJSONArray("upgrades").toList(), "upgrades");
    for (String key : List.of("pingInterval", "pingTimeout", "maxPayload")) {
      Object value = open.get(key);
      assertTrue(value instanceof Integer || value instanceof Long, () -> key + " is a number");
      assertTrue(open.getLong(key) > 0, () -> key + " > 0");
    }
  }

  /** {@code query} with the session id {@code sid}. */
  static String withSid(String query, String sid) {
    return query + "&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8);
  }

  /** The packet of an EVENT {@code ping} request with ack id {@code id}. */
  static String ping(String id) {
    return "42" + id + "[\"ping\",{}]";
  }

  /** The ACK the hub's {@code ping} request gets for ack id {@code id}. */
  static String pong(String id) {
    return "43" + id + "[{\"ok\":true}]";
  }

  /**
   * An EVENT {@code ping} request with ack id {@code id}, padded with {@code pad} (a one- or
   * two-byte UTF-8 character) to {@code bytes} UTF-8 bytes, or one more where a two-byte pad cannot
   * come out exact.
   */
  static String pingOfBytes(String id, int bytes, char pad) {
    String head = "42" + id + "[\"ping\",{\"pad\":\"";
    String tail = "\"}]";
    int room = bytes - head.length() - tail.length();
    int padBytes = pad < 0x80 ? 1 : 2;
    if (room < 0 || pad >= 0x800) {
      fail("cannot pad a ping to " + bytes + " bytes with " + pad);
    }
    return head + String.valueOf(pad).repeat((room + padBytes - 1) / padBytes) + tail;
  }


  private static String external() {
    String value = System.getProperty("hatchet.conformance.url", "").trim();
    if (value.isEmpty()) {
      return null;
    }
    if (!value.startsWith("http://")) {
      throw new IllegalArgumentException("hatchet.conformance.url must be http://host:port");
    }
    return value.replaceAll("/+$", "");
  }
}
