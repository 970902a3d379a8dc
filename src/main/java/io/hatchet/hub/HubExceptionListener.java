package io.hatchet.hub;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what netty-socketio catches, keeping the channel open. A peer that resets its connection
 * is routine for a hub, so I/O errors are logged at debug, not as errors with a stack trace.
 */
final class HubExceptionListener extends ExceptionListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HubExceptionListener.class);

  @Override public void onEventException(Exception e, List<Object> args, SocketIOClient client) {
    log.error("a request of connection {} failed", client.getSessionId(), e);
  }

  @Override public void onDisconnectException(Exception e, SocketIOClient client) {
    log.error("cleaning up connection {} failed", client.getSessionId(), e);
  }

  @Override public void onConnectException(Exception e, SocketIOClient client) {
    log.error("setting up connection {} failed", client.getSessionId(), e);
  }

  @Override public void onAuthException(Throwable e, SocketIOClient client) {
    log.error("authorizing connection {} failed", client.getSessionId(), e);
  }

  @Override public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
    if (e instanceof IOException) {
      log.debug("channel {}: {}", ctx.channel(), e.toString());
    } else {
      log.warn("channel {}", ctx.channel(), e);
    }
    return true;
  }
}
