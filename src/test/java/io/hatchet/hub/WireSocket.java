package io.hatchet.hub;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;

/**
 * A WebSocket client on a plain {@link Socket}, for attacks: it writes exactly the frames a test
 * gives it (masked, as every client frame must be), text frames of any bytes included, and reads
 * only when asked to, on the thread that asks, so that it can also be a client that never reads.
 * It starts no thread of its own.
 *
 * <p>Writes and reads may come from two threads at once (a writer and a reader); each of them from
 * one thread at a time.
 */
final class WireSocket implements AutoCloseable {
  static final int CONTINUATION = 0;
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;
  /** The opcode of {@link #read}'s answer when the hub closed: a close frame, EOF or a reset. */
  static final int CLOSED = -1;

  /** A frame from the hub; {@link #CLOSED} stands for every way of closing. */
  record Frame(int opcode, byte[] payload) {
    boolean closed() {
      return opcode == CLOSED || opcode == CLOSE;
    }

    String text() {
      return new String(payload, UTF_8);
    }

    @Override public String toString() {
      return closed() ? "(closed)" : opcode == TEXT ? Hostile.shorten(text())
          : "(opcode " + opcode + ", " + payload.length + " bytes)";
    }
  }

  private static final Frame CLOSED_FRAME = new Frame(CLOSED, new byte[0]);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private WireSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
  }

  /** Connects and upgrades to WebSocket on the hub's Engine.IO path; reads nothing more. */
  static WireSocket upgrade(HatchetHub hub) throws IOException {
    return upgrade(hub, 0);
  }

  /**
   * Like {@link #upgrade(HatchetHub)}, with a receive buffer of {@code receiveBuffer} bytes (0:
   * the system's), set before connecting so that the TCP window is small from the start.
   */
  static WireSocket upgrade(HatchetHub hub, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5_000);
    WireSocket ws = new WireSocket(socket);
    try {
      ws.handshake(hub.port());
    } catch (IOException | RuntimeException | Error e) {
      ws.close();
      throw e;
    }
    return ws;
  }

  /**
   * Upgrades, then opens Engine.IO and the socket.io default namespace: reads the open packet,
   * sends {@code 40}, reads the connect answer.
   */
  static WireSocket open(HatchetHub hub) throws IOException {
    return open(hub, 0);
  }

  /** Like {@link #open(HatchetHub)}, with a receive buffer as {@link #upgrade(HatchetHub, int)}. */
  static WireSocket open(HatchetHub hub, int receiveBuffer) throws IOException {
    WireSocket ws = upgrade(hub, receiveBuffer);
    try {
      assertTrue(ws.next().startsWith("0{"), "expected the Engine.IO open packet");
      ws.text("40");
      String connected = ws.next();
      assertTrue(connected.startsWith("40"), () -> "expected the socket.io connect, got "
          + Hostile.shorten(connected));
    } catch (IOException | RuntimeException | Error e) {
      ws.close();
      throw e;
    }
    return ws;
  }

  private void handshake(int port) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(ISO_8859_1));
    out.flush();
    socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(RawClient.TIMEOUT_SECONDS));
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the hub closed during the WebSocket handshake: " + head);
      }
      head.write(b);
    }
    String status = head.toString(ISO_8859_1);
    assertTrue(status.startsWith("HTTP/1.1 101"), () -> "no WebSocket upgrade: " + status);
  }

  /** Writes a text frame of {@code text} in UTF-8. */
  void text(String text) throws IOException {
    frame(TEXT, true, text.getBytes(UTF_8));
  }

  /** Writes a text frame of exactly these bytes, valid UTF-8 or not. */
  void text(byte[] payload) throws IOException {
    frame(TEXT, true, payload);
  }

  void binary(byte[] payload) throws IOException {
    frame(BINARY, true, payload);
  }

  /** Writes one frame, masked, in one write. */
  void frame(int opcode, boolean fin, byte[] payload) throws IOException {
    int length = payload.length;
    int headerLength = 2 + (length < 126 ? 0 : length < 65_536 ? 2 : 8) + 4;
    byte[] frame = new byte[headerLength + length];
    frame[0] = (byte) ((fin ? 0x80 : 0) | (opcode & 0x0f));
    int at = 2;
    if (length < 126) {
      frame[1] = (byte) (0x80 | length);
    } else if (length < 65_536) {
      frame[1] = (byte) (0x80 | 126);
      frame[at++] = (byte) (length >>> 8);
      frame[at++] = (byte) length;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame[at++] = (byte) ((long) length >>> shift);
      }
    }
    int mask = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 4; i++) {
      frame[at++] = (byte) (mask >>> (24 - 8 * i));
    }
    for (int i = 0; i < length; i++) {
      frame[at + i] = (byte) (payload[i] ^ frame[at - 4 + (i & 3)]);
    }
    out.write(frame);
  }

  /**
   * The next frame from the hub, or null if none comes within {@code timeout}. A close frame, an
   * end of stream and a reset all come as a frame that is {@link Frame#closed()}.
   */
  Frame read(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream message = null;
    int messageOpcode = 0;
    while (true) {
      byte[] header = new byte[2];
      int got = readFully(header, deadline, message == null);
      if (got != FULL) {
        return got == HUB_CLOSED ? CLOSED_FRAME : null;
      }
      int opcode = header[0] & 0x0f;
      boolean fin = (header[0] & 0x80) != 0;
      long length = header[1] & 0x7f;
      if (length >= 126) {
        byte[] extended = new byte[length == 126 ? 2 : 8];
        if (readFully(extended, deadline, false) != FULL) {
          return CLOSED_FRAME;
        }
        length = 0;
        for (byte b : extended) {
          length = (length << 8) | (b & 0xff);
        }
      }
      assertTrue(length < 64L * 1024 * 1024, "a frame of " + length + " bytes from the hub");
      byte[] payload = new byte[(int) length];
      if (readFully(payload, deadline, false) != FULL) {
        return CLOSED_FRAME;
      }
      if (opcode == CLOSE) {
        return new Frame(CLOSE, payload);
      }
      if (opcode == PING) {
        frame(PONG, true, payload);
        continue;
      }
      if (opcode == PONG) {
        continue;
      }
      if (opcode != CONTINUATION) {
        messageOpcode = opcode;
        message = new ByteArrayOutputStream();
      }
      assertNotNull(message, "a continuation frame without a first frame");
      message.write(payload);
      if (fin) {
        return new Frame(messageOpcode, message.toByteArray());
      }
    }
  }

  private static final int FULL = 1;
  private static final int TIMED_OUT = 0;
  private static final int HUB_CLOSED = -1;

  /**
   * Fills {@code buffer} before {@code deadline}: {@link #FULL}, or {@link #HUB_CLOSED}, or, if
   * {@code mayTimeOut} and nothing was read, {@link #TIMED_OUT} when the deadline passed; a
   * deadline passing halfway through a frame fails the test.
   */
  private int readFully(byte[] buffer, long deadline, boolean mayTimeOut) throws IOException {
    int done = 0;
    while (done < buffer.length) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        if (done == 0 && mayTimeOut) {
          return TIMED_OUT;
        }
        throw new AssertionError("the hub stopped halfway through a frame");
      }
      try {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n = in.read(buffer, done, buffer.length - done);
        if (n < 0) {
          return HUB_CLOSED;
        }
        done += n;
      } catch (SocketTimeoutException e) {
        // Look at the deadline again.
      } catch (IOException e) {
        if (socket.isClosed()) {
          throw e; // closed on our side: not the hub's doing
        }
        return HUB_CLOSED; // reset by the hub
      }
    }
    return FULL;
  }

  /**
   * The next text frame within {@link Hostile#PROMPTLY}, answering Engine.IO pings; fails on
   * anything else.
   */
  String next() throws IOException {
    while (true) {
      Frame frame = read(Hostile.PROMPTLY);
      assertNotNull(frame, "nothing from the hub within " + Hostile.PROMPTLY.toSeconds() + " s");
      assertEquals(TEXT, frame.opcode(), () -> "expected a text frame, got " + frame);
      String text = frame.text();
      if (text.equals("2")) {
        text("3");
        continue;
      }
      return text;
    }
  }

  /** Sends {@code ping} with ack {@code id} and asserts the answer is {@code [{"ok":true}]}. */
  void ping(long id) throws IOException {
    text("42" + id + "[\"ping\",{}]");
    assertOk(id, ack(id));
  }

  /**
   * Sends {@code ping} with ack {@code id} and reads until its answer (true) or the close of
   * the connection (false), dropping what comes before; fails if neither comes promptly. Every
   * frame written before it has been read by the hub once it returns.
   */
  boolean alive(long id) throws IOException {
    return alive(id, text -> { });
  }

  /** Like {@link #alive(long)}, handing each text frame before the answer to {@code seen}. */
  boolean alive(long id, java.util.function.Consumer<String> seen) throws IOException {
    try {
      text("42" + id + "[\"ping\",{}]");
    } catch (IOException e) {
      return false; // reset by the hub already
    }
    String ack = "43" + id + "[";
    long deadline = System.nanoTime() + Hostile.PROMPTLY.toNanos();
    while (true) {
      Frame frame = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      assertNotNull(frame, "the hub neither answered ping " + id + " nor closed within "
          + Hostile.PROMPTLY.toSeconds() + " s");
      if (frame.closed()) {
        return false;
      }
      if (frame.opcode() != TEXT) {
        continue;
      }
      String text = frame.text();
      if (text.startsWith(ack)) {
        return true;
      }
      if (text.equals("2")) {
        text("3");
      } else {
        seen.accept(text);
      }
    }
  }

  /** The arguments of the next frame, which must be the ack of {@code id}. */
  JSONArray ack(long id) throws IOException {
    String frame = next();
    String prefix = "43" + id + "[";
    assertTrue(frame.startsWith(prefix), () -> "expected ack " + id + ", got "
        + Hostile.shorten(frame));
    return new JSONArray(frame.substring(prefix.length() - 1));
  }

  static void assertOk(long id, JSONArray args) {
    assertEquals(1, args.length(), () -> "ack " + id + ": " + args);
    RawClient.assertOk(args.getJSONObject(0));
  }

  /** The next frame, which must be an event; returns {@code [name, args...]}. */
  JSONArray event() throws IOException {
    String frame = next();
    assertTrue(frame.startsWith("42["), () -> "expected an event, got "
        + Hostile.shorten(frame));
    return new JSONArray(frame.substring(2));
  }

  /**
   * Reads and drops what the hub sends until it closes; returns whether it did within
   * {@code timeout}.
   */
  boolean closedWithin(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Frame frame = read(Duration.ofNanos(left));
      if (frame == null) {
        return false;
      }
      if (frame.closed()) {
        return true;
      }
    }
  }

  /** Asserts the hub closes this connection within {@code timeout}. */
  void assertClosedWithin(Duration timeout, String what) throws IOException {
    assertTrue(closedWithin(timeout),
        () -> "the hub did not close the connection within " + timeout.toMillis() + " ms: "
            + what);
  }

  @Override public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing: nothing left to do.
    }
  }
}
