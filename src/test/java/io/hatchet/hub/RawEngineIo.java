package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A bare Engine.IO v4 WebSocket that sends whatever text frames a test writes, malformed ones
 * included: what socket.io-client-java cannot be made to send.
 */
final class RawEngineIo implements AutoCloseable {
  private final OkHttpClient http = new OkHttpClient();
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final WebSocket webSocket;

  RawEngineIo(String hubUrl) throws InterruptedException {
    String url = hubUrl.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket";
    webSocket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
      @Override public void onMessage(WebSocket webSocket, String text) {
        frames.add(text);
      }

      @Override public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        frames.add("failure: " + t);
      }

      @Override public void onClosed(WebSocket webSocket, int code, String reason) {
        frames.add("closed: " + code);
      }
    });
    assertTrue(next().startsWith("0{"), "expected the Engine.IO open packet");
    send("40");
    assertTrue(next().startsWith("40"), "expected the socket.io connect packet");
  }

  void send(String frame) {
    assertTrue(trySend(frame), "the WebSocket is closed");
  }

  /** Sends {@code frame} unless the WebSocket is known to be closed; returns whether it sent. */
  boolean trySend(String frame) {
    return webSocket.send(frame);
  }

  /** The next frame from the hub, skipping pings. */
  String next() throws InterruptedException {
    while (true) {
      String frame = frames.poll(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(frame, "nothing from the hub within " + RawClient.TIMEOUT_SECONDS + " s");
      if (frame.equals("2")) {
        webSocket.send("3");
        continue;
      }
      return frame;
    }
  }

  /** Waits for the ack of {@code id} and returns its arguments; fails on any other frame. */
  JSONArray ack(int id) throws InterruptedException {
    String frame = next();
    String prefix = "43" + id + "[";
    assertTrue(frame.startsWith(prefix), () -> "expected ack " + id + ", got " + frame);
    return new JSONArray(frame.substring(prefix.length() - 1));
  }

  /** Waits for an event and returns {@code [name, args...]}; fails on any other frame. */
  JSONArray event() throws InterruptedException {
    String frame = next();
    assertTrue(frame.startsWith("42["), () -> "expected an event, got " + frame);
    return new JSONArray(frame.substring(2));
  }

  /**
   * Sends {@code event} with {@code argument}, JSON text sent as it is, asking for ack {@code id};
   * returns the answer.
   */
  JSONObject call(int id, String event, String argument) throws InterruptedException {
    send("42" + id + "[\"" + event + "\"," + argument + "]");
    return ack(id).getJSONObject(0);
  }

  /** Authenticates {@code session} of app "demo" with {@code key} under ack {@code id}. */
  void authOk(int id, String session, String key) throws InterruptedException {
    RawClient.assertOk(call(id, "auth", "{\"v\":1,\"session\":\"" + session
        + "\",\"app\":\"demo\",\"key\":\"" + key + "\"}"));
  }

  /** Asserts the next frame is the ack of {@code id} carrying an error of {@code code}. */
  void assertAckError(int id, String code) throws InterruptedException {
    JSONArray args = ack(id);
    assertEquals(1, args.length(), () -> "ack arguments " + args);
    RawClient.assertError(code, args.getJSONObject(0));
  }

  @Override public void close() {
    webSocket.close(1000, "bye");
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
