package io.hatchet.hub.internal.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The parts of an HTTP connection's pipeline that bound what a client may make it hold. */
final class HttpPipeline {
  static final String TLS = "tls";
  static final String TLS_FAILURES = "tls-failures";
  static final String CODEC = "http";
  static final String AGGREGATOR = "aggregator";
  static final String DEADLINES = "deadlines";
  static final String POSTS = "posts";
  static final String REQUESTS = "requests";

  private HttpPipeline() {
  }

  /**
   * Whole requests of at most {@code maxPayload} body bytes. A larger POST is answered 413, its
   * Engine.IO session (if it names one) is closed, and so is the connection.
   */
  static final class Aggregator extends HttpObjectAggregator {
    private final EngineRequests requests;

    Aggregator(int maxPayload, EngineRequests requests) {
      super(maxPayload);
      this.requests = requests;
    }

    @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage start) {
      if (start instanceof HttpRequest request) {
        requests.oversized(ctx.channel(), request);
      } else {
        ctx.close();
      }
    }
  }

  /**
   * Counts a polling POST as active from its request line on, before its body arrives, so that
   * a second POST of one session while one is pending is refused at once (400), and the session
   * closed, as Engine.IO asks; the body of the refused one is not read.
   */
  static final class PostGuard extends ChannelDuplexHandler {
    private final EngineRequests requests;
    /** The rest of a refused request is dropped, up to its last part. */
    private boolean dropping;
    /** The session whose POST is being read here, counted active, until it is whole. */
    private Socket counting;

    PostGuard(EngineRequests requests) {
      this.requests = requests;
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof HttpRequest request) {
        EngineRequests.PostCount count = requests.countPost(ctx.channel(), request);
        if (count.refused()) {
          dropping = !(message instanceof LastHttpContent);
          ReferenceCountUtil.release(message);
          return;
        }
        counting = count.socket();
      } else if (dropping && message instanceof HttpContent) {
        dropping = !(message instanceof LastHttpContent);
        ReferenceCountUtil.release(message);
        return;
      }
      if (message instanceof LastHttpContent) {
        counting = null; // whole: the session's post() counts it down
      }
      ctx.fireChannelRead(message);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) {
      if (counting != null) {
        counting.activePosts.decrementAndGet(); // it never came whole
        counting = null;
      }
      ctx.fireChannelInactive();
    }
  }

  /**
   * Closes a connection whose request takes longer than the handshake timeout to arrive whole,
   * or that stays idle, nothing read or written, longer than {@code idleMillis} (a polling
   * client's pending GET is written to at least every ping interval).
   */
  static final class Deadlines extends ChannelDuplexHandler {
    private final long requestMillis;
    private final long idleMillis;
    private ScheduledFuture<?> deadline;
    /** A request is being read: its first part came, its last did not. */
    private boolean reading;

    Deadlines(long requestMillis, long idleMillis) {
      this.requestMillis = requestMillis;
      this.idleMillis = idleMillis;
    }

    @Override public void handlerAdded(ChannelHandlerContext ctx) {
      arm(ctx, requestMillis);
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof LastHttpContent) {
        reading = false;
        arm(ctx, idleMillis);
      } else if (message instanceof HttpRequest && !reading) {
        reading = true;
        arm(ctx, requestMillis);
      }
      ctx.fireChannelRead(message);
    }

    @Override public void write(ChannelHandlerContext ctx, Object message,
        ChannelPromise promise) {
      if (!reading && message instanceof FullHttpResponse) {
        arm(ctx, idleMillis);
      }
      ctx.write(message, promise);
    }

    @Override public void handlerRemoved(ChannelHandlerContext ctx) {
      disarm();
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) {
      disarm();
      ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx, long millis) {
      disarm();
      deadline = ctx.executor().schedule(() -> {
        if (ctx.channel().isActive()) ctx.close();
      }, millis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }
  }
}
