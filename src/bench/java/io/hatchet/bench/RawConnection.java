package io.hatchet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One socket.io connection of the {@link RawFleet}. Reads frames as bytes and decodes only what
 * it must: a delivery is recognised by its prefix and its timestamp read in place, so a consumer
 * costs the load generator a fraction of what it costs the server.
 *
 * <p>Setup is sequential: socket.io CONNECT, then each setup request (auth, watch) once the
 * previous one is answered {@code ok}. Afterwards every acknowledgement (publish answers) goes to
 * {@link Listener#onAck}. Runs on its channel's event loop; {@link #send} may be called from any
 * thread.
 */
final class RawConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] DELIVER = "42[\"deliver\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIME = "\"t\":".getBytes(StandardCharsets.US_ASCII);
  /** How every delivery object starts, from the hub and from the Node baseline alike. */
  private static final byte[] OBJECT = "{\"event\":".getBytes(StandardCharsets.US_ASCII);

  /** What a connection hears after its setup; called on its event loop, must be quick. */
  interface Listener {
    /**
     * A delivery object arrived ({@code deliver} packs one or more); {@code delivery} is its
     * text, readable until this returns.
     */
    default void onDeliver(ByteBuf delivery) {}

    /** A request of this connection was answered; {@code ok} says whether it succeeded. */
    default void onAck(boolean ok) {}
  }

  final CompletableFuture<RawConnection> ready = new CompletableFuture<>();
  private final List<String[]> setup;
  private final Listener listener;
  private volatile Channel channel;
  private int setupStep = -1; // -1: waiting for socket.io CONNECT; setup.size(): ready

  RawConnection(List<String[]> setup, Listener listener) {
    this.setup = setup;
    this.listener = listener;
  }

  /** Sends one text frame, e.g. {@code 42["publish",{...}]}. */
  void send(String frame) {
    channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
  }

  /**
   * Ends the session, as a client that closes does (hatchet's {@code close()} sends {@code end}),
   * then closes: otherwise the hub would keep routing to a consumer that is gone for its grace
   * period, and later runs would pay for every consumer of the earlier ones.
   */
  ChannelFuture close() {
    Channel c = channel;
    if (c == null) return null;
    if (c.isActive()) {
      String session = session();
      if (session != null) {
        c.write(new TextWebSocketFrame("42[\"end\",{\"session\":\"" + session + "\"}]"));
      }
      c.writeAndFlush(new CloseWebSocketFrame());
    }
    return c.close();
  }

  /** The session its setup authenticated, or null. */
  private String session() {
    if (setup.isEmpty() || !setup.get(0)[0].equals("auth")) return null;
    try {
      return JSON.readTree(setup.get(0)[1]).path("session").textValue();
    } catch (Exception e) {
      return null;
    }
  }

  @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    ByteBuf text = frame.content();
    int type = text.getByte(text.readerIndex());
    if (type == '4' && startsWith(text, DELIVER)) {
      deliveries(text);
    } else if (type == '4' && text.readableBytes() >= 2 && text.getByte(text.readerIndex() + 1) == '3') {
      ack(text.toString(StandardCharsets.UTF_8));
    } else if (type == '2') {
      send("3"); // Engine.IO ping: pong, or the server drops us after its ping timeout
    } else if (type == '0') {
      send("40"); // Engine.IO open: socket.io CONNECT to the default namespace
    } else if (type == '4' && text.toString(StandardCharsets.UTF_8).startsWith("40")) {
      next();
    } else if (type == '4' && text.toString(StandardCharsets.UTF_8).startsWith("41")) {
      ctx.close();
    }
  }

  private void ack(String frame) {
    if (setupStep >= setup.size()) {
      listener.onAck(frame.contains("\"ok\":true"));
      return;
    }
    // A setup answer: 43<id>[{...}]
    try {
      JsonNode answer = JSON.readTree(frame.substring(frame.indexOf('['))).path(0);
      if (!answer.path("ok").asBoolean()) {
        fail(new IllegalStateException(setup.get(setupStep)[0] + " refused: " + answer));
        return;
      }
    } catch (Exception e) {
      fail(e);
      return;
    }
    next();
  }

  private void next() {
    setupStep++;
    if (setupStep < setup.size()) {
      String[] request = setup.get(setupStep);
      send("42" + setupStep + "[\"" + request[0] + "\"," + request[1] + "]");
    } else {
      ready.complete(this);
    }
  }

  private void fail(Throwable e) {
    ready.completeExceptionally(e);
    channel.close();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ready.completeExceptionally(cause);
    ctx.close();
  }

  /** Hands each delivery object of a deliver frame to the listener, as a slice. */
  private void deliveries(ByteBuf frame) {
    int start = indexOf(frame, OBJECT, frame.readerIndex());
    while (start >= 0) {
      int next = indexOf(frame, OBJECT, start + OBJECT.length);
      int end = next >= 0 ? next : frame.writerIndex();
      listener.onDeliver(frame.slice(start, end - start));
      start = next;
    }
  }

  private static boolean startsWith(ByteBuf text, byte[] prefix) {
    return text.readableBytes() >= prefix.length && matches(text, text.readerIndex(), prefix);
  }

  private static boolean matches(ByteBuf text, int at, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (text.getByte(at + i) != bytes[i]) return false;
    }
    return true;
  }

  private static int indexOf(ByteBuf text, byte[] bytes, int from) {
    for (int i = from; i + bytes.length <= text.writerIndex(); i++) {
      if (matches(text, i, bytes)) return i;
    }
    return -1;
  }

  /** The number after the first {@code "t":} in a delivery (the payload's timestamp), or -1. */
  static long timestamp(ByteBuf text) {
    int at = indexOf(text, TIME, text.readerIndex());
    if (at < 0) return -1;
    long value = 0;
    for (int k = at + TIME.length; k < text.writerIndex(); k++) {
      byte b = text.getByte(k);
      if (b < '0' || b > '9') break;
      value = value * 10 + (b - '0');
    }
    return value;
  }
}
