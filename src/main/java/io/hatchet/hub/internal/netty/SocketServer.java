package io.hatchet.hub.internal.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Engine.IO 4 and socket.io 5 server, on Netty's HTTP and WebSocket codecs: one port
 * for Engine.IO (polling and WebSocket) on {@link ServerConfig#path()} and plain HTTP on the
 * others ({@link HttpRoutes}), all of it over TLS when {@link ServerConfig#tls()} is set.
 *
 * <p>Written for the hub rather than taken from a socket.io library for Java, so that every
 * byte a client sends is read under a bound the hub chose, every connection has one budget for
 * what waits to be written to it, and nothing is logged whole (see PROTOCOL.md, "Limits").
 *
 * <p>Threads: one accepting, and twice the number of cores for connections, all daemon threads
 * named {@code <threadPrefix>-boss-1} and {@code <threadPrefix>-worker-<n>}; timers run on them.
 */
public final class SocketServer {
  private static final Logger log = LoggerFactory.getLogger(SocketServer.class);
  private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Flushes at once after this many held back, so that a long burst still leaves in parts. */
  private static final int FLUSH_AFTER_FLUSHES = 64;
  /** The longest request line (a URL with its query) and header block read. */
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADERS = 8192;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ServerConfig config;
  private final SocketHandler handler;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  /** Open sockets by IP address, while {@link ServerConfig#maxConnectionsPerIp} is on. */
  private final Map<String, Integer> perIp = new ConcurrentHashMap<>();
  private volatile Channel serverChannel;
  /** Set by {@link #refuseNewSessions}: handshakes are answered 503 from then on. */
  private volatile boolean refusingNewSessions;

  private SocketServer(ServerConfig config, SocketHandler handler) {
    this.config = config;
    this.handler = handler;
    this.bossGroup = new NioEventLoopGroup(1, new HubThreadFactory(config.threadPrefix() + "-boss"));
    // 0 threads: Netty's default, twice the number of cores.
    this.workerGroup =
        new NioEventLoopGroup(0, new HubThreadFactory(config.threadPrefix() + "-worker"));
  }

  /**
   * Makes the server's threads. {@link #bind} then starts listening; the two are apart so that
   * the hub can use the event loops before the first connection arrives.
   */
  public static SocketServer create(ServerConfig config, SocketHandler handler) {
    return new SocketServer(config, handler);
  }

  /** Binds, or closes this server and throws with the address that could not be bound. */
  public void bind() {
    EngineRequests requests = new EngineRequests(this);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel channel) {
            ServerTls tls = config.tls();
            if (tls != null) {
              // Nearest the socket, below the flush consolidation: one flush, one TLS record.
              channel.pipeline()
                  .addLast(HttpPipeline.TLS,
                      tls.newHandler(channel.alloc(), config.handshakeTimeoutMillis()))
                  .addLast(HttpPipeline.TLS_FAILURES, new ServerTls.Failures());
            }
            channel.pipeline()
                // Flushes made while reading, or within one event-loop task, become one.
                .addLast(new FlushConsolidationHandler(FLUSH_AFTER_FLUSHES, true))
                .addLast(HttpPipeline.CODEC,
                    new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_HEADERS))
                .addLast(HttpPipeline.DEADLINES, new HttpPipeline.Deadlines(
                    config.handshakeTimeoutMillis(),
                    config.pingIntervalMillis() + config.pingTimeoutMillis()))
                .addLast(HttpPipeline.POSTS, new HttpPipeline.PostGuard(requests))
                .addLast(HttpPipeline.AGGREGATOR, new HttpPipeline.Aggregator(config.maxPayload(),
                    requests))
                .addLast(HttpPipeline.REQUESTS, requests);
          }
        })
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true);
    ChannelFuture bind =
        bootstrap.bind(new InetSocketAddress(config.host(), config.port())).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      close();
      String message = "hatchet hub could not listen on " + config.host() + ":" + config.port();
      Throwable cause = bind.cause();
      if (cause instanceof IOException) {
        throw new UncheckedIOException(message + ": " + cause.getMessage(), (IOException) cause);
      }
      throw new IllegalStateException(message, cause);
    }
    serverChannel = bind.channel();
  }

  /**
   * The event loops connections run on, for the hub's own timers and writes. Typed as the hub's
   * side takes them: a caller passing on another type would make the JVM's verifier load Netty
   * when it links HatchetHub, before HatchetHub.builder() could say that Netty is missing.
   */
  public EventExecutorGroup workers() {
    return workerGroup;
  }

  /** The port listened on: the real one when the config said 0. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Engine.IO sessions open now, whether they joined the namespace or not. */
  public int socketCount() {
    return sockets.size();
  }

  /**
   * Answers every new Engine.IO handshake from now on with HTTP 503, for a server about to
   * close: the port still answers, so that health checks can see it is going, and the sessions
   * open go on. Irreversible.
   */
  public void refuseNewSessions() {
    refusingNewSessions = true;
  }

  boolean refusesNewSessions() {
    return refusingNewSessions;
  }

  /**
   * Stops listening, closes every socket and stops every thread, waiting at most about 5 s.
   * Idempotent.
   */
  public void close() {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
    Channel channel = serverChannel;
    if (channel != null) {
      channel.close().awaitUninterruptibly(remainingMillis(deadline));
    }
    for (Socket socket : new ArrayList<>(sockets.values())) {
      socket.close("the hub is closing");
    }
    // No quiet period: the hub takes no new work once closing, so stop as soon as queues drain.
    Future<?> boss = bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    Future<?> workers = workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boolean stopped = boss.awaitUninterruptibly(remainingMillis(deadline))
        & workers.awaitUninterruptibly(remainingMillis(deadline));
    if (!stopped) {
      log.warn("gave up waiting for the hub's event loops to stop after 5 s");
    }
  }

  ServerConfig config() {
    return config;
  }

  SocketHandler handler() {
    return handler;
  }

  ByteBufAllocator allocator() {
    return ByteBufAllocator.DEFAULT;
  }

  /**
   * Whether the client of {@code channel} may open one more session: always, unless
   * {@link ServerConfig#maxConnectionsPerIp} is on and its address holds as many.
   */
  boolean admits(Channel channel) {
    int max = config.maxConnectionsPerIp();
    return max == 0 || perIp.getOrDefault(ip(channel), 0) < max;
  }

  /**
   * Opens a session on {@code channel}, whose loop it will live on, and sends its open packet.
   * Call on that loop, after {@link #admits}. {@code webSocket}: the channel is its transport;
   * else it polls.
   */
  Socket open(Channel channel, boolean webSocket) {
    assert channel.eventLoop().inEventLoop();
    String id = newId();
    Socket socket = new Socket(id, this, channel.eventLoop(), ip(channel), remote(channel));
    if (config.maxConnectionsPerIp() > 0) {
      perIp.merge(socket.ip, 1, Integer::sum);
    }
    sockets.put(id, socket);
    socket.open(webSocket ? channel : null);
    return socket;
  }

  Socket socket(String id) {
    return sockets.get(id);
  }

  void forget(Socket socket) {
    if (sockets.remove(socket.id(), socket) && config.maxConnectionsPerIp() > 0) {
      perIp.computeIfPresent(socket.ip, (ip, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** A fresh Engine.IO or socket.io session id: 120 random bits, 20 URL-safe characters. */
  String newId() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String ip(Channel channel) {
    return channel.remoteAddress() instanceof InetSocketAddress address
        ? address.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
  }

  private static String remote(Channel channel) {
    return channel.remoteAddress() instanceof InetSocketAddress address
        ? address.getHostString() + ":" + address.getPort() : String.valueOf(channel.remoteAddress());
  }

  private static long remainingMillis(long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
