package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.json.JSONObject;

/**
 * One Engine.IO long-polling session, spoken by hand: each GET and POST is a plain HTTP request
 * the test sees the answer of.
 */
final class Polling {
  private final Target target;
  /** The session id from the open packet. */
  final String sid;
  /** The open packet's payload. */
  final JSONObject open;
  private final Deque<String> received = new ArrayDeque<>();

  /** Opens a session; its handshake must succeed. */
  Polling(Target target) {
    this.target = target;
    Reply reply = target.get(Target.HANDSHAKE);
    assertEquals(200, reply.status(), reply::toString);
    this.open = Target.openPayload(reply.body());
    this.sid = open.getString("sid");
  }

  /** The query of this session's requests. */
  String query() {
    return Target.withSid(Target.HANDSHAKE, sid);
  }

  /** A WebSocket on this session, as an upgrade starts; pings are answered by themselves. */
  Ws webSocket() {
    return target.ws(Target.withSid(Target.WS_HANDSHAKE, sid), true);
  }

  Reply get() {
    return target.get(query());
  }

  CompletableFuture<Reply> getAsync() {
    return target.requestAsync("GET", query(), null);
  }

  Reply post(String body) {
    return target.post(query(), body);
  }

  /** POSTs {@code packets} in one payload, which must be answered {@code ok}. */
  void send(String... packets) {
    post(String.join(Target.RS, packets)).assertOk();
  }

  /** The next packet from the server, GETting as needed; pings are answered and skipped. */
  String next() {
    while (true) {
      while (received.isEmpty()) {
        received.addAll(get().packets());
      }
      String packet = received.removeFirst();
      if (!packet.equals("2")) {
        return packet;
      }
      send("3");
    }
  }

  /** Connects to the main namespace; returns the CONNECT answer. */
  String connect() {
    send("40");
    String answer = next();
    assertTrue(answer.startsWith("40{"), () -> "expected a CONNECT answer, got " + answer);
    return answer;
  }

  /** After the session closed: its GET and POST are refused, as an unknown session. */
  void assertClosed() {
    get().assertRefused(Reply.EngineError.UNKNOWN_SID);
    post(Target.ping("1")).assertRefused(Reply.EngineError.UNKNOWN_SID);
  }

  /**
   * Starts a POST of {@code declaredLength} bytes on a connection of its own and sends only
   * {@code firstPart} of its body, so that it stays active on the server until
   * {@link HeldPost#finish} sends the rest.
   */
  HeldPost holdPost(String firstPart, int declaredLength) throws IOException {
    URI server = URI.create(target.url());
    return new HeldPost(server, "/socket.io/?" + query(), firstPart, declaredLength);
  }

  /** A POST whose body is held back; raw HTTP/1.1 on a socket, since OkHttp sends bodies whole. */
  static final class HeldPost implements AutoCloseable {
    private final Socket socket = new Socket();
    /** Completes with the server's answer, whenever it comes (before the body is finished too). */
    final CompletableFuture<Reply> reply = new CompletableFuture<>();

    HeldPost(URI server, String pathAndQuery, String firstPart, int declaredLength)
        throws IOException {
      socket.connect(new InetSocketAddress(server.getHost(), server.getPort()),
          (int) Target.TIMEOUT.toMillis());
      socket.setSoTimeout((int) Target.TIMEOUT.toMillis());
      String head = "POST " + pathAndQuery + " HTTP/1.1\r\n"
          + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n"
          + "Content-Length: " + declaredLength + "\r\n"
          + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write((head + firstPart).getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread reader = new Thread(() -> {
        try {
          reply.complete(readReply(socket.getInputStream()));
        } catch (IOException | RuntimeException e) {
          reply.completeExceptionally(e);
        }
      }, "held-post-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** Sends the rest of the body; the server may have closed the connection already. */
    void finish(String rest) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(rest.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException ignored) {
        // Answered and closed before the body was done: the reply says what happened.
      }
    }

    @Override public void close() throws IOException {
      socket.close();
    }

    private static Reply readReply(InputStream in) throws IOException {
      String statusLine = readLine(in);
      String[] status = statusLine.split(" ", 3);
      assertTrue(status.length >= 2 && status[0].startsWith("HTTP/1."), () -> statusLine);
      String contentType = "";
      long length = -1;
      boolean chunked = false;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (name) {
          case "content-type" -> contentType = value;
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          default -> { }
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (long size = Long.parseLong(readLine(in).split(";")[0].trim(), 16); size > 0;
            size = Long.parseLong(readLine(in).split(";")[0].trim(), 16)) {
          body.write(in.readNBytes((int) size));
          readLine(in);
        }
      } else if (length >= 0) {
        body.write(in.readNBytes((int) length));
      } else {
        body.write(in.readAllBytes());
      }
      return new Reply(Integer.parseInt(status[1]), contentType,
          body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed in the middle of the answer");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
