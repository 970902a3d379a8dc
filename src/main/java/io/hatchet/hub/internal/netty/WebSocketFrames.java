package io.hatchet.hub.internal.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames of one WebSocket, handed to its {@link Socket} on the socket's loop: text frames
 * are Engine.IO packets; binary ones are refused; pings are answered and a close is echoed, as
 * RFC 6455 asks. Frames over the server's maxPayload never get here: Netty's decoder closes the
 * connection with 1009 first.
 */
final class WebSocketFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger logger = LoggerFactory.getLogger(WebSocketFrames.class);
  private static final QuietLog log = new QuietLog(logger);

  private final Socket socket;

  WebSocketFrames(Socket socket) {
    this.socket = socket;
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    Channel channel = ctx.channel();
    if (Lingering.isClosing(channel)) {
      return; // read only so that the client's last bytes do not reset the connection
    }
    if (frame instanceof TextWebSocketFrame text) {
      String packet = text.text();
      socket.onLoop(() -> socket.onWebSocketText(channel, packet));
    } else if (frame instanceof BinaryWebSocketFrame) {
      socket.onLoop(() -> socket.onWebSocketBinary(channel));
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
    } else if (frame instanceof CloseWebSocketFrame) {
      ctx.writeAndFlush(frame.retain()).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Netty's write buffer fell below its low mark again: see {@link Socket#writable}. */
  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      socket.onLoop(socket::onWritable);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      logger.debug("channel {}: {}", ctx.channel(), cause.toString());
    } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      // The decoder drops the rest of what comes: say why, then close.
      log.warn(socket.id(), "sent a WebSocket frame it may not: " + corrupted.getMessage());
      ctx.writeAndFlush(new CloseWebSocketFrame(corrupted.closeStatus()));
      Lingering.close(ctx.channel());
      return;
    } else if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
      log.warn(socket.id(), "sent a WebSocket frame it cannot read: " + cause.getClass()
          .getSimpleName());
    } else {
      log.warn(socket.id(), "broke its WebSocket: " + cause);
    }
    Lingering.close(ctx.channel());
  }
}
