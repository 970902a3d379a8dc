package io.hatchet.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's own socket.io client: bare Engine.IO v4 over WebSocket on Netty, all
 * connections on a couple of shared event loops. Why not hatchet's client here: it opens one
 * OkHttp client, one reader thread and one callback thread per connection, and runs every
 * connection's events through socket.io-client-java's single EventThread, so 1,000 consumers
 * would measure that thread rather than the server. This client costs the servers exactly the
 * same (same frames, same protocol: PROTOCOL.md) and its own side far less. hatchet's client is
 * measured where it is the subject: latency, shared connections, connect time, client overhead.
 */
final class RawFleet implements AutoCloseable {
  /** Handshakes in progress at once, so a burst of connects never overflows accept backlogs. */
  private static final int CONNECTING_AT_ONCE = 128;

  private final EventLoopGroup group;
  private final Class<? extends Channel> channelType;

  RawFleet(int threads) {
    DefaultThreadFactory threadFactory = new DefaultThreadFactory("bench-fleet", true);
    // epoll where there is one: cheaper for the load generator; the servers are unaffected.
    if (Epoll.isAvailable()) {
      group = new EpollEventLoopGroup(threads, threadFactory);
      channelType = EpollSocketChannel.class;
    } else {
      group = new NioEventLoopGroup(threads, threadFactory);
      channelType = NioSocketChannel.class;
    }
  }

  /**
   * Opens a connection to the socket.io server at {@code url} and authenticates: the future
   * completes once every {@code setup} request (event and JSON argument) has been answered ok.
   */
  CompletableFuture<RawConnection> open(String url, List<String[]> setup,
      RawConnection.Listener listener) {
    URI ws = URI.create(url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket");
    RawConnection connection = new RawConnection(setup, listener);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(ws)
        .maxFramePayloadLength(4 << 20)
        .withUTF8Validator(false)
        .handshakeTimeoutMillis(20_000)
        .build();
    Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
        .handler(new ChannelInitializer<Channel>() {
          @Override protected void initChannel(Channel channel) {
            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(config), connection);
          }
        });
    ChannelFuture connect = bootstrap.connect(ws.getHost(), ws.getPort());
    connect.addListener(f -> {
      if (!f.isSuccess()) connection.ready.completeExceptionally(f.cause());
    });
    connect.channel().closeFuture().addListener(f -> connection.ready.completeExceptionally(
        new IllegalStateException("connection closed before it was ready")));
    return connection.ready;
  }

  /**
   * Opens {@code count} connections, at most {@link #CONNECTING_AT_ONCE} at a time, and waits
   * until all are ready or {@code timeoutSeconds} have passed (then fails, closing them all).
   */
  List<RawConnection> openMany(String url, int count, List<String[]> setup,
      RawConnection.Listener listener, long timeoutSeconds) throws Exception {
    Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
    List<CompletableFuture<RawConnection>> futures = new ArrayList<>(count);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    try {
      for (int i = 0; i < count; i++) {
        if (!connecting.tryAcquire(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("only " + i + " of " + count + " connections opened in "
              + timeoutSeconds + " s");
        }
        CompletableFuture<RawConnection> future = open(url, setup, listener);
        future.whenComplete((c, e) -> connecting.release());
        futures.add(future);
      }
      List<RawConnection> connections = new ArrayList<>(count);
      for (CompletableFuture<RawConnection> future : futures) {
        connections.add(future.get(Math.max(1, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS));
      }
      return connections;
    } catch (Exception e) {
      for (CompletableFuture<RawConnection> future : futures) {
        future.thenAccept(RawConnection::close);
      }
      throw e;
    }
  }

  /** Closes every connection in {@code connections} and waits for them to be closed. */
  static void closeAll(List<RawConnection> connections) {
    List<ChannelFuture> closing = new ArrayList<>(connections.size());
    for (RawConnection connection : connections) closing.add(connection.close());
    for (ChannelFuture future : closing) future.awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  @Override public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
