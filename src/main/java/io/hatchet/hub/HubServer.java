package io.hatchet.hub;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import com.corundumstudio.socketio.scheduler.HashedWheelTimeoutScheduler;
import io.hatchet.hub.internal.netty.HubThreadFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio on Netty threads the hub owns.
 *
 * <p>netty-socketio's own {@code SocketIOServer} makes non-daemon threads and stops them with a
 * 2 s quiet period per group. This builds the same pipeline ({@link SocketIOChannelInitializer}
 * and a {@link NamespacesHub}) on daemon event loops named {@code hatchet-hub-...}, and stops
 * them with no quiet period and a bounded wait.
 */
final class HubServer {
  private static final Logger log = LoggerFactory.getLogger(HubServer.class);
  private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Flushes at once after this many held back, so that a long burst still leaves in parts. */
  private static final int FLUSH_AFTER_FLUSHES = 64;

  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final SocketIOChannelInitializer initializer;
  private final Channel serverChannel;

  private HubServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup,
      SocketIOChannelInitializer initializer, Channel serverChannel) {
    this.bossGroup = bossGroup;
    this.workerGroup = workerGroup;
    this.initializer = initializer;
    this.serverChannel = serverChannel;
  }

  /** Binds and returns a running server, or throws with the address that could not be bound. */
  static HubServer start(String host, int port, int maxMessageBytes, RequestJsonSupport json,
      RequestDispatcher dispatcher, HubLoops loops, String threadPrefix) {
    Configuration config = configuration(host, port, maxMessageBytes, json);
    NamespacesHub namespaces = new NamespacesHub(config);
    Namespace namespace = namespaces.create(Namespace.DEFAULT_NAME);
    namespace.addConnectListener(dispatcher);
    namespace.addDisconnectListener(dispatcher);
    namespace.addEventListener(RequestJsonSupport.REQUEST_EVENT, Object.class, dispatcher);

    SocketIOChannelInitializer initializer =
        newInitializer(new HubThreadFactory(threadPrefix + "-timer"));
    initializer.start(config, namespaces);
    EventLoopGroup boss = new NioEventLoopGroup(1, new HubThreadFactory(threadPrefix + "-boss"));
    // 0 threads: Netty's default, twice the number of cores.
    EventLoopGroup workers =
        new NioEventLoopGroup(0, new HubThreadFactory(threadPrefix + "-worker"));
    loops.start(workers); // before the first connection can arrive

    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(initializer)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true);
    ChannelFuture bind = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    HubServer server = new HubServer(boss, workers, initializer, bind.channel());
    if (!bind.isSuccess()) {
      server.close();
      String message = "hatchet hub could not listen on " + host + ":" + port;
      Throwable cause = bind.cause();
      if (cause instanceof IOException) {
        throw new UncheckedIOException(message + ": " + cause.getMessage(), (IOException) cause);
      }
      throw new IllegalStateException(message, cause);
    }
    return server;
  }

  private static Configuration configuration(
      String host, int port, int maxMessageBytes, RequestJsonSupport json) {
    Configuration config = new Configuration();
    config.setHostname(host);
    config.setPort(port);
    config.setJsonSupport(json);
    // Every answer is the hub's own; netty-socketio must not ack anything by itself.
    config.setAckMode(AckMode.MANUAL);
    config.setExceptionListener(new HubExceptionListener());
    // Small events: deflate costs more CPU than it saves (halves throughput measured here).
    config.setWebsocketCompression(false);
    // Otherwise a client may pick its Engine.IO id through an "io" header or cookie.
    config.setRandomSession(true);
    // socket.io v4's defaults, so dead clients are noticed within 45 s.
    config.setPingInterval(25_000);
    config.setPingTimeout(20_000);
    // Room above the message limit, so an oversized publish still reaches PublishHandler
    // and gets a too_large answer instead of a closed connection.
    int frameLimit = (int) Math.min(Integer.MAX_VALUE, 2L * maxMessageBytes + 64 * 1024);
    config.setMaxFramePayloadLength(frameLimit);
    config.setMaxHttpContentLength(frameLimit);
    return config;
  }

  /**
   * SocketIOChannelInitializer creates its timer (ping timeouts) in a private field, with a
   * non-daemon, unnamed thread. Swap in one on our thread factory; if a later netty-socketio
   * moves the field, keep its timer: {@link #close()} stops that one too.
   */
  private static SocketIOChannelInitializer newInitializer(ThreadFactory timerThreads) {
    SocketIOChannelInitializer initializer = new SocketIOChannelInitializer() {
      /**
       * netty-socketio flushes every frame it writes: one system call and TCP segment per
       * frame. Flushes made while reading, or within one event-loop task, are made one here.
       */
      @Override protected void addSocketioHandlers(ChannelPipeline pipeline) {
        pipeline.addLast("hatchetFlushConsolidation",
            new FlushConsolidationHandler(FLUSH_AFTER_FLUSHES, true));
        super.addSocketioHandlers(pipeline);
      }
    };
    try {
      Field field = SocketIOChannelInitializer.class.getDeclaredField("scheduler");
      field.setAccessible(true);
      CancelableScheduler unused = (CancelableScheduler) field.get(initializer);
      field.set(initializer, new HashedWheelTimeoutScheduler(timerThreads));
      unused.shutdown(); // Never started: this only gives back Netty's timer instance count.
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("keeping netty-socketio's own timer thread", e);
    }
    return initializer;
  }

  int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Stops listening, closes every connection and stops every thread, waiting at most about 5 s.
   * Call once.
   */
  void close() {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
    serverChannel.close().awaitUninterruptibly(remainingMillis(deadline));
    // No quiet period: the hub takes no new work once closing, so stop as soon as queues drain.
    Future<?> boss = bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    Future<?> workers = workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boolean stopped = boss.awaitUninterruptibly(remainingMillis(deadline))
        & workers.awaitUninterruptibly(remainingMillis(deadline));
    // After the event loops, so that closing channels never schedules on a stopped timer.
    initializer.stop();
    if (!stopped) {
      log.warn("gave up waiting for the hub's event loops to stop after 5 s");
    }
  }

  private static long remainingMillis(long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
