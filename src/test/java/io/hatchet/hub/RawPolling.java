package io.hatchet.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An Engine.IO v4 long-polling client in plain HTTP requests, for attacks: it posts whatever
 * bodies a test gives it and polls only when the test asks, so that it can also be a client
 * that stops polling. Each request has a deadline, so a request the hub never answers fails
 * the test instead of hanging it.
 */
final class RawPolling implements AutoCloseable {
  /** What separates packets in a polling body. */
  static final String SEPARATOR = "\u001e";
  private static final MediaType TEXT = MediaType.get("text/plain; charset=UTF-8");

  /** A status and a body, or status 0 when no answer came within the deadline. */
  record Answer(int status, String body) {
    boolean answered() {
      return status != 0;
    }

    @Override public String toString() {
      return status + " " + Hostile.shorten(body);
    }
  }

  private final OkHttpClient http;
  private final String base;
  final String sid;
  private volatile Call polling;

  private RawPolling(OkHttpClient http, String base, String sid) {
    this.http = http;
    this.base = base;
    this.sid = sid;
  }

  /** The query start of the hub's polling transport, without {@code sid}. */
  static String base(HatchetHub hub) {
    return hub.url() + "/socket.io/?EIO=4&transport=polling";
  }

  /**
   * An HTTP client whose every request fails after {@code deadline}, on a connection of its own:
   * what a hub does to one request's connection (closing it after an answer, say) must not fail
   * the next, and no request is sent twice.
   */
  static OkHttpClient http(Duration deadline) {
    return new OkHttpClient.Builder()
        .callTimeout(deadline)
        .retryOnConnectionFailure(false)
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
        .build();
  }

  static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** GETs {@code url}; status 0 if no answer came within the client's deadline. */
  static Answer get(OkHttpClient http, String url) {
    return call(http, http.newCall(new Request.Builder().url(url).build()));
  }

  private static Answer call(OkHttpClient http, Call call) {
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      return new Answer(response.code(), body == null ? "" : body.string());
    } catch (InterruptedIOException e) {
      return new Answer(0, "no answer: " + e);
    } catch (IOException e) {
      return new Answer(-1, "failed: " + e);
    }
  }

  /**
   * Opens a session: the handshake, then {@code 40} and its answer, each within
   * {@code deadline}.
   */
  static RawPolling open(HatchetHub hub, Duration deadline) {
    OkHttpClient http = http(deadline);
    String base = base(hub);
    Answer handshake = get(http, base);
    assertEquals(200, handshake.status(), () -> "handshake: " + handshake);
    assertTrue(handshake.body().startsWith("0{"), () -> "handshake: " + handshake);
    String sid = new org.json.JSONObject(handshake.body().substring(1)).getString("sid");
    RawPolling polling = new RawPolling(http, base, sid);
    Answer connect = polling.post("40");
    assertEquals(200, connect.status(), () -> "POST 40: " + connect);
    List<String> packets = polling.poll();
    assertTrue(!packets.isEmpty() && packets.get(0).startsWith("40"),
        () -> "expected the socket.io connect, got " + packets);
    return polling;
  }

  /**
   * Authenticates session {@code c1} as a consumer of app {@code demo} with key {@code k}, under
   * {@code consumerId} (none if null), and watches {@code event}.
   */
  void watch(String consumerId, String event) {
    String id = consumerId == null ? "" : ",\"id\":\"" + consumerId + "\"";
    post("420[\"auth\",{\"v\":1,\"session\":\"c1\",\"app\":\"demo\",\"key\":\"k\","
        + "\"role\":\"consumer\"" + id + "}]");
    List<String> answer = poll();
    assertTrue(answer.get(0).startsWith("430[{\"ok\":true"), answer::toString);
    post("421[\"watch\",{\"session\":\"c1\",\"events\":[\"" + event + "\"]}]");
    assertEquals(List.of("431[{\"ok\":true}]"), poll());
  }

  /** The URL of this session with {@code sid}. */
  String url() {
    return base + "&sid=" + sid;
  }

  Answer post(String body) {
    return post(body.getBytes(UTF_8));
  }

  Answer post(byte[] body) {
    Request request = new Request.Builder().url(url()).post(RequestBody.create(body, TEXT)).build();
    return call(http, http.newCall(request));
  }

  /** One GET of this session: whatever the hub answers, or status 0 if nothing by the deadline. */
  Answer get() {
    Call call = http.newCall(new Request.Builder().url(url()).build());
    polling = call;
    return call(http, call);
  }

  /**
   * GETs until a body holds something other than pings (which it answers) and returns its
   * packets; fails on any status other than 200.
   */
  List<String> poll() {
    while (true) {
      Answer answer = get();
      assertEquals(200, answer.status(), () -> "GET of session " + sid + ": " + answer);
      List<String> packets = new ArrayList<>(Arrays.asList(answer.body().split(SEPARATOR)));
      if (packets.removeIf("2"::equals)) {
        post("3");
      }
      if (!packets.isEmpty()) {
        return packets;
      }
    }
  }

  /** Polls until socket.io's DISCONNECT comes, checked to be the last packet; returns them all. */
  List<String> pollUntilGoodbye() {
    List<String> packets = new ArrayList<>();
    while (!packets.contains("41")) {
      packets.addAll(poll());
    }
    assertEquals("41", packets.get(packets.size() - 1), packets::toString);
    return packets;
  }

  /** Ends a GET under way on another thread, if any, and stops the client. */
  @Override public void close() {
    Call call = polling;
    if (call != null) {
      call.cancel();
    }
    shutdown(http);
  }
}
