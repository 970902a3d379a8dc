package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.json.JSONObject;

/**
 * A bare WebSocket on the Engine.IO path: the test sends frames as written, malformed ones too,
 * and takes what the server sends from a queue, with a timeout.
 */
final class Ws implements AutoCloseable {
  /** What came from the server, in order: a text frame, a binary frame, a close, a failure. */
  sealed interface Event permits Text, Binary, Closed, Failed { }

  record Text(String text) implements Event { }

  record Binary(ByteString bytes) implements Event { }

  /** The server's close frame. */
  record Closed(int code, String reason) implements Event { }

  /** The connection failed or was refused; {@code status} is the HTTP status, 0 without one. */
  record Failed(String cause, int status) implements Event { }

  /**
   * What {@link #awaitClosed} lets pass before the close: the hub says DISCONNECT first, and a
   * test that does not answer pings may see one more.
   */
  private static final Set<String> BEFORE_CLOSE = Set.of("41", "2");

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final WebSocket socket;
  /** The open packet's payload, once {@link #open} has taken it. */
  JSONObject handshake;
  private boolean upgradeSent;

  Ws(OkHttpClient http, String url, boolean answerPings) {
    socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
      @Override public void onMessage(WebSocket webSocket, String text) {
        if (answerPings && text.equals("2")) {
          webSocket.send("3");
        } else {
          events.add(new Text(text));
        }
      }

      @Override public void onMessage(WebSocket webSocket, ByteString bytes) {
        events.add(new Binary(bytes));
      }

      @Override public void onClosing(WebSocket webSocket, int code, String reason) {
        events.add(new Closed(code, reason));
        webSocket.close(1000, null); // the closing handshake, answered
      }

      @Override public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        if (t instanceof InterruptedIOException) {
          events.add(new Text("(the client timed out: " + t + ")")); // not the server closing
        } else {
          events.add(new Failed(String.valueOf(t), response == null ? 0 : response.code()));
        }
      }
    });
  }

  /** The next event, failing the test if none comes within {@code timeout}. */
  Event nextEvent(Duration timeout) {
    try {
      Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        fail("nothing from the server within " + timeout);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The next text frame, within {@link Target#TIMEOUT}; anything else fails the test. After
   * {@link #sendUpgrade}, noops are passed over.
   */
  String next() {
    while (true) {
      Event event = nextEvent(Target.TIMEOUT);
      if (!(event instanceof Text text)) {
        return fail("expected a text frame, got " + event);
      }
      if (!(upgradeSent && text.text().equals("6"))) {
        return text.text();
      }
    }
  }

  /**
   * Sends the upgrade packet. From then on a noop frame is passed over: the specification says
   * nothing against one on the WebSocket once the upgrade is done, and it means nothing there.
   */
  void sendUpgrade() {
    send("5");
    upgradeSent = true;
  }

  /** The next frame must be {@code expected}. */
  void expect(String expected) {
    String frame = next();
    assertTrue(frame.equals(expected), () -> "expected " + expected + ", got " + frame);
  }

  /** The open packet must come first; returns its payload. */
  JSONObject open() {
    handshake = Target.openPayload(next());
    return handshake;
  }

  /** Takes the open packet, connects to the main namespace; returns the CONNECT answer. */
  String connect() {
    open();
    send("40");
    String answer = next();
    assertTrue(answer.startsWith("40{"), () -> "expected a CONNECT answer, got " + answer);
    return answer;
  }

  /** Sends the {@code ping} request with ack id {@code id}; its answer must be the next frame. */
  void assertAnswered(String id) {
    send(Target.ping(id));
    expect(Target.pong(id));
  }

  /** Sends a text frame; false if the WebSocket is already closing. */
  boolean send(String text) {
    return socket.send(text);
  }

  boolean send(ByteString bytes) {
    return socket.send(bytes);
  }

  /**
   * Waits for the server to close the connection or refuse it, within {@code timeout}: no frame
   * may come first but a DISCONNECT, a ping, or a hatchet hub's refusal ({@link #isRefusal}). Returns the close code, or 0 when the connection failed (or
   * the handshake was refused) without a close frame.
   */
  /**
   * Whether {@code frame} is the {@code hub-error} a hatchet hub sends before it closes a
   * connection that broke the protocol: {@code bad_request}, saying why.
   */
  static boolean isRefusal(String frame) {
    return Target.embedded() && frame.startsWith("42[\"hub-error\",")
        && frame.contains("\"code\":\"bad_request\"");
  }

  int awaitClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (event instanceof Closed closed) {
        return closed.code();
      }
      if (event instanceof Failed) {
        return 0;
      }
      if (!(event instanceof Text text && (BEFORE_CLOSE.contains(text.text())
          || isRefusal(text.text())))) {
        fail("expected the connection to close, got " + event);
      }
    }
  }

  int awaitClosed() {
    return awaitClosed(Target.TIMEOUT);
  }

  @Override public void close() {
    socket.cancel();
  }
}
