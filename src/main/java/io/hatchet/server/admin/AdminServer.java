package io.hatchet.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin API's HTTP server: Netty's HTTP codec and aggregator on a port of its own, TLS if
 * given, two event loops ({@code hatchet-admin-N}, daemon threads).
 */
public final class AdminServer implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();
  /** How long an admin connection may stay idle before the server closes it. */
  static final int IDLE_SECONDS = 60;

  private final EventLoopGroup loops;
  private final Channel channel;
  private final String url;
  private final AdminApi api;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AdminServer(String host, int port, SslContext tls, int maxBodyBytes, String token,
      AdminApi api) {
    this.api = api;
    this.loops = new NioEventLoopGroup(2,
        new DefaultThreadFactory("hatchet-admin-" + IDS.incrementAndGet(), true));
    AdminHandler handler = new AdminHandler(token, api.router(), api.metrics()::answered,
        api::draining);
    try {
      this.channel = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              ChannelPipeline pipeline = ch.pipeline();
              if (tls != null) pipeline.addLast(tls.newHandler(ch.alloc()));
              pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS) {
                @Override protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent e) {
                  ctx.close();
                }
              });
              pipeline.addLast(new HttpServerCodec(4096, 16 * 1024, 16 * 1024));
              pipeline.addLast(new HttpServerKeepAliveHandler());
              pipeline.addLast(new JsonAggregator(maxBodyBytes));
              pipeline.addLast(handler);
            }
          })
          .bind(host, port).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    int bound = ((InetSocketAddress) channel.localAddress()).getPort();
    this.url = (tls == null ? "http://" : "https://") + urlHost(host) + ":" + bound;
  }

  /**
   * Binds and starts an admin server.
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param tls the certificate to serve, or null for plain HTTP
   * @param maxBodyBytes the largest body; larger ones get 413
   * @param token the bearer token every call must carry
   * @param api the calls it answers
   * @return the server, listening
   */
  public static AdminServer start(String host, int port, SslContext tls, int maxBodyBytes,
      String token, AdminApi api) {
    return new AdminServer(host, port, tls, maxBodyBytes, token, api);
  }

  /**
   * Where it listens, like {@code http://127.0.0.1:7801}.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Stops accepting connections; calls on open ones are answered 503 {@code shutting_down},
   * once the call being answered is done.
   */
  public void stopAccepting() {
    api.drain();
    channel.close().syncUninterruptibly();
  }

  /** Closes every connection and stops the event loops, within about 2 s. Idempotent. */
  @Override public void close() {
    if (!closed.compareAndSet(false, true)) return;
    stopAccepting();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) return "127.0.0.1";
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The aggregator, answering a body over the limit with the API's JSON 413. */
  private static final class JsonAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    JsonAggregator(int maxBodyBytes) {
      super(maxBodyBytes, true);
      this.maxBodyBytes = maxBodyBytes;
    }

    private Answer tooLarge() {
      return Answer.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
          "the body is larger than admin.maxBodyBytes, " + maxBodyBytes + " bytes");
    }

    @Override protected Object newContinueResponse(HttpMessage start, int max,
        ChannelPipeline pipeline) {
      Object response = super.newContinueResponse(start, max, pipeline);
      if (response instanceof io.netty.handler.codec.http.HttpResponse r
          && r.status().code() == 413) {
        io.netty.util.ReferenceCountUtil.release(response);
        return AdminHandler.response(tooLarge(), null, false, false);
      }
      return response;
    }

    /**
     * As Netty's own: the connection is kept when the body has not been sent yet (a client that
     * waits for 100 Continue) or will be skipped (keep-alive), so that the client reads the
     * answer rather than a reset; closed otherwise.
     */
    @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      boolean keep = !(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)
          && (io.netty.handler.codec.http.HttpUtil.is100ContinueExpected(oversized)
              || io.netty.handler.codec.http.HttpUtil.isKeepAlive(oversized));
      AdminHandler.write(ctx, tooLarge(), null, false, keep);
    }
  }
}
