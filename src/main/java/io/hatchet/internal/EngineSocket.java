package io.hatchet.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One attempt at a socket.io connection: an OkHttp WebSocket speaking Engine.IO 4 and the
 * socket.io 5 packet format (what socket.io 3 and 4 servers speak), text packets only, on the
 * default namespace. That is all of socket.io a hatchet client uses, and doing it here rather
 * than through socket.io-client-java spares every packet that library's costs: one JVM-wide
 * event thread that is started anew whenever its queue runs empty (thousands of threads a second
 * under a steady trickle of events), org.json trees, and listeners looked up by name.
 *
 * <p>OkHttp reads on a thread of its own; everything read is handed, in order, to the
 * {@code loop} executor (the transport's thread), where the {@link Listener} and the answers are
 * called. {@link #emit} and {@link #close} are for that thread too. An Engine.IO ping is answered
 * at once from the reader thread, whatever the loop is doing.
 */
final class EngineSocket {
  /** What an EngineSocket reports, on the loop. Nothing is reported after {@link #closed}. */
  interface Listener {
    /** socket.io accepted the connection: requests may be sent. */
    void connected(EngineSocket socket);

    /** The server sent event {@code name} with {@code args}. */
    void event(EngineSocket socket, String name, JsonArray args);

    /** The connection ended, or never came about; {@code reason} says why. Once at most. */
    void closed(EngineSocket socket, String reason);
  }

  /** Receives the answer to one {@link #emit}, on the loop: its first argument, or null. */
  interface OnAnswer {
    void answered(JsonElement answer);
  }

  private final Executor loop;
  private final Listener listener;
  private final WebSocket webSocket;
  // Loop state.
  private final Map<Long, OnAnswer> answers = new HashMap<>();
  private long nextAckId;
  private boolean connected;
  private boolean closed;

  private EngineSocket(OkHttpClient http, String url, Executor loop, Listener listener) {
    this.loop = loop;
    this.listener = listener;
    Request request = new Request.Builder().url(engineUrl(url)).build();
    this.webSocket = http.newWebSocket(request, new Reader());
  }

  /** Starts connecting to the hub at {@code url} (http or https); reports to {@code listener}. */
  static EngineSocket open(OkHttpClient http, String url, Executor loop, Listener listener) {
    return new EngineSocket(http, url, loop, listener);
  }

  static HttpUrl engineUrl(String url) {
    return HttpUrl.get(url).newBuilder()
        .encodedPath("/socket.io/")
        .query(null)
        .addQueryParameter("EIO", "4")
        .addQueryParameter("transport", "websocket")
        .build();
  }

  /**
   * Sends event {@code name} with one argument, {@code json} (JSON text), and asks for an
   * acknowledgement, which goes to {@code answer} unless the connection ends first; with a null
   * {@code answer}, asks for none. Returns false if the packet could not be queued (closed, or
   * OkHttp's outgoing buffer is full).
   */
  boolean emit(String name, String json, OnAnswer answer) {
    if (closed) return false;
    long id = answer == null ? -1 : nextAckId++;
    String packet = "42" + (id < 0 ? "" : id) + "[" + new JsonPrimitive(name) + "," + json + "]";
    if (!webSocket.send(packet)) return false;
    if (answer != null) answers.put(id, answer);
    return true;
  }

  /**
   * Ends the connection: a socket.io DISCONNECT and a close frame after whatever is queued, if it
   * is open. Nothing is reported after this. Idempotent.
   */
  void close() {
    if (closed) return;
    closed = true;
    answers.clear();
    if (connected) webSocket.send("41");
    webSocket.close(1000, null);
  }

  /** Abandons the connection at once, queued packets included. Nothing is reported after. */
  void cancel() {
    closed = true;
    answers.clear();
    webSocket.cancel();
  }

  /** On the loop: one Engine.IO packet from the server. */
  private void onPacket(String text) {
    if (closed) return;
    if (text.isEmpty()) {
      end("parse error: an empty Engine.IO packet");
      return;
    }
    switch (text.charAt(0)) {
      case '0' -> webSocket.send("40"); // Engine.IO open: join the default namespace
      case '1' -> end("transport close: the server closed the Engine.IO session");
      case '2', '3', '6' -> { } // ping (answered by the reader), pong, noop
      case '4' -> onMessage(text);
      default -> end("parse error: Engine.IO packet type '" + text.charAt(0) + "'");
    }
  }

  /** A socket.io packet: {@code 4} then its type, namespace, ack id and JSON payload. */
  private void onMessage(String text) {
    if (text.length() < 2) return; // an empty message: nothing to act on
    char type = text.charAt(1);
    int at = 2;
    if (at < text.length() && text.charAt(at) == '/') { // a namespace other than "/": not ours
      return;
    }
    int idStart = at;
    while (at < text.length() && isDigit(text.charAt(at)) && at - idStart < 18) at++;
    Long id = at > idStart ? Long.valueOf(text.substring(idStart, at)) : null;
    String payload = text.substring(at);
    switch (type) {
      case '0' -> {
        if (!hasSid(payload)) {
          // What a socket.io 2 server answers: it speaks a protocol this client does not.
          end("connect error: the server's CONNECT has no sid: not a socket.io 3 or 4 server");
          return;
        }
        connected = true;
        listener.connected(this);
      }
      case '1' -> end("io server disconnect");
      case '2' -> {
        JsonArray args = array(payload);
        if (args == null || args.isEmpty() || !isString(args.get(0))) return;
        String name = args.get(0).getAsString();
        args.remove(0);
        listener.event(this, name, args);
      }
      case '3' -> {
        OnAnswer answer = id == null ? null : answers.remove(id);
        JsonArray args = array(payload);
        if (answer != null) answer.answered(args == null || args.isEmpty() ? null : args.get(0));
      }
      case '4' -> end("connect error: " + payload);
      default -> { } // binary events and acks: hatchet's hub sends none
    }
  }

  private void end(String reason) {
    if (closed) return;
    closed = true;
    answers.clear();
    webSocket.cancel();
    listener.closed(this, reason);
  }

  private static JsonArray array(String json) {
    return parse(json) instanceof JsonArray array ? array : null;
  }

  private static boolean hasSid(String json) {
    return parse(json) instanceof JsonObject object
        && object.get("sid") instanceof JsonPrimitive sid && sid.isString();
  }

  /** {@code json} read, or null if it is not JSON: such a packet is dropped, or refused. */
  private static JsonElement parse(String json) {
    try {
      return JsonParser.parseString(json);
    } catch (JsonParseException | StackOverflowError e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isString(JsonElement element) {
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }

  /** OkHttp's callbacks, on its reader thread: handed to the loop in order. */
  private final class Reader extends WebSocketListener {
    @Override public void onMessage(WebSocket webSocket, String text) {
      if (text.equals("2")) {
        webSocket.send("3"); // Engine.IO ping: pong now, whatever the loop is doing
        return;
      }
      loop.execute(() -> onPacket(text));
    }

    @Override public void onMessage(WebSocket webSocket, ByteString bytes) {
      // Binary packets: hatchet's hub sends none.
    }

    @Override public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null); // answer the close frame, so OkHttp reports onClosed at once
      loop.execute(() -> end("transport close: close frame " + code
          + (reason.isEmpty() ? "" : " (" + reason + ")")));
    }

    @Override public void onClosed(WebSocket webSocket, int code, String reason) {
      loop.execute(() -> end("transport close: closed " + code));
    }

    @Override public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      String why = response != null && response.code() != 101
          ? "the server answered the WebSocket upgrade with HTTP " + response.code()
          : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      loop.execute(() -> end("transport error: " + why));
    }
  }
}
