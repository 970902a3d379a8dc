package io.hatchet.internal.engineio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
 * One attempt at a socket.io connection: an OkHttp WebSocket speaking the packets of
 * {@link Packets}. Doing socket.io here rather than through socket.io-client-java spares every
 * packet that library's costs: one JVM-wide event thread that is started anew whenever its queue
 * runs empty (thousands of threads a second under a steady trickle of events), org.json trees,
 * and listeners looked up by name.
 *
 * <p>OkHttp reads on a thread of its own; everything read is handed, in order, to the
 * {@code loop} executor (the connection's thread), where the {@link Listener} and the answers are
 * called. {@link #emit}, {@link #close} and {@link #cancel} are for that thread too. An Engine.IO
 * ping is answered at once from the reader thread, whatever the loop is doing.
 */
public final class EngineSocket {
  /** What an EngineSocket reports, on the loop. Nothing is reported after {@link #closed}. */
  public interface Listener {
    /** socket.io accepted the connection: requests may be sent. */
    void connected(EngineSocket socket);

    /** The server sent event {@code name} with {@code args}. */
    void event(EngineSocket socket, String name, JsonArray args);

    /** The server sent a packet this client could not use, for the reason given; it is dropped. */
    void ignored(EngineSocket socket, String why);

    /**
     * The connection ended, or never came about; {@code reason} says why in words for users,
     * {@code cause} (null if none) is the technical detail. Once at most.
     */
    void closed(EngineSocket socket, String reason, Throwable cause);
  }

  /** Receives the answer to one {@link #emit}, on the loop: its first argument, or null. */
  public interface OnAnswer {
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

  private EngineSocket(OkHttpClient http, HttpUrl url, Executor loop, Listener listener) {
    this.loop = loop;
    this.listener = listener;
    Request request = new Request.Builder().url(url).build();
    this.webSocket = http.newWebSocket(request, new Reader());
  }

  /**
   * Starts connecting to the socket.io server at {@code url} (http, https, ws or wss; its path
   * must be empty or "/"), where socket.io answers at {@code path}; reports to {@code listener}.
   */
  public static EngineSocket open(OkHttpClient http, String url, String path, Executor loop,
      Listener listener) {
    return new EngineSocket(http, engineUrl(url, path), loop, listener);
  }

  /** The WebSocket URL of the server at {@code url}: its {@code path}, with its query kept. */
  public static HttpUrl engineUrl(String url, String path) {
    String http = url.regionMatches(true, 0, "ws", 0, 2) ? "http" + url.substring(2) : url;
    return HttpUrl.get(http).newBuilder()
        .encodedPath(path)
        .addQueryParameter("EIO", "4")
        .addQueryParameter("transport", "websocket")
        .build();
  }

  /**
   * Sends event {@code name} with one argument, {@code json} (JSON text), and asks for an
   * acknowledgement, which goes to {@code answer} unless the connection ends first; with a null
   * {@code answer}, asks for none. Returns false if the packet could not be queued: the socket is
   * closed, or OkHttp's outgoing buffer was full, which ends the connection (and is reported).
   */
  public boolean emit(String name, String json, OnAnswer answer) {
    if (closed) return false;
    long id = answer == null ? -1 : nextAckId++;
    if (!webSocket.send(Packets.event(name, json, id))) {
      end("transport error: the WebSocket's outgoing buffer is full");
      return false;
    }
    if (answer != null) answers.put(id, answer);
    return true;
  }

  /**
   * Ends the connection: a socket.io DISCONNECT and a close frame after whatever is queued, if it
   * is open. Nothing is reported after this. Idempotent.
   */
  public void close() {
    if (closed) return;
    closed = true;
    answers.clear();
    if (connected) webSocket.send(Packets.DISCONNECT);
    webSocket.close(1000, null);
  }

  /** Abandons the connection at once, queued packets included. Nothing is reported after. */
  public void cancel() {
    closed = true;
    answers.clear();
    webSocket.cancel();
  }

  /** On the loop: one Engine.IO packet from the server. */
  private void onPacket(String text) {
    if (closed) return;
    Packet packet = Packets.read(text);
    switch (packet.kind()) {
      case OPEN -> webSocket.send(Packets.CONNECT); // join the default namespace
      case CLOSE -> end("hub closed the connection (Engine.IO close)");
      case PING, NOOP -> { } // a ping "2" is answered by the reader, before the loop
      case IGNORED -> listener.ignored(this, packet.text());
      case ERROR -> end(packet.text());
      case CONNECT -> {
        connected = true;
        listener.connected(this);
      }
      case CONNECT_ERROR -> end("connect error: " + packet.text());
      case DISCONNECT -> end("hub closed the connection (socket.io disconnect)");
      case EVENT -> listener.event(this, packet.name(), packet.args());
      case ACK -> {
        OnAnswer answer = answers.remove(packet.ackId());
        if (answer != null) answer.answered(packet.firstArg());
      }
    }
  }

  private void end(String reason) {
    end(reason, null);
  }

  private void end(String reason, Throwable cause) {
    if (closed) return;
    closed = true;
    answers.clear();
    webSocket.cancel();
    listener.closed(this, reason, cause);
  }

  /** OkHttp's callbacks, on its reader thread: handed to the loop in order. */
  private final class Reader extends WebSocketListener {
    @Override public void onMessage(WebSocket webSocket, String text) {
      if (text.equals("2")) {
        webSocket.send(Packets.PONG); // Engine.IO ping: pong now, whatever the loop is doing
        return;
      }
      loop.execute(() -> onPacket(text));
    }

    @Override public void onMessage(WebSocket webSocket, ByteString bytes) {
      // Binary packets: hatchet's hub sends none.
    }

    @Override public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null); // answer the close frame, so OkHttp reports onClosed at once
      loop.execute(() -> end("hub closed the connection (close frame " + code
          + (reason.isEmpty() ? "" : ": " + reason) + ")"));
    }

    @Override public void onClosed(WebSocket webSocket, int code, String reason) {
      loop.execute(() -> end("hub closed the connection (closed " + code + ")"));
    }

    @Override public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      loop.execute(() -> end(Failures.reason(t, response, connected), t));
    }
  }
}
