package io.hatchet.hub.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection so that the client reads what was written last: a refusal, a close frame,
 * an error answer. Closing a socket whose client is still sending makes the kernel reset it,
 * and a reset can throw away what the client had not read yet. So this flushes, ends the output
 * (the client sees the end of the stream after the last byte), goes on reading and dropping
 * what comes for at most {@link #LINGER_MILLIS}, and then closes.
 */
final class Lingering {
  static final long LINGER_MILLIS = 1_000;
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("hatchet.closing");

  private Lingering() {
  }

  /** Closes {@code channel} as above; idempotent. */
  static void close(Channel channel) {
    if (!channel.isActive() || channel.attr(CLOSING).setIfAbsent(Boolean.TRUE) != null) {
      return;
    }
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFuture written) -> {
      if (channel instanceof SocketChannel socket && socket.isActive()) {
        socket.shutdownOutput();
        channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        channel.close();
      }
    });
  }

  /** Whether {@link #close} was called for {@code channel}: what it reads now is dropped. */
  static boolean isClosing(Channel channel) {
    return channel.hasAttr(CLOSING);
  }
}
