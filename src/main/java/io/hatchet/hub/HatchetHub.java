package io.hatchet.hub;

import io.hatchet.hub.internal.NettyCheck;
import io.hatchet.hub.internal.netty.CorsPolicy;
import io.hatchet.hub.internal.netty.HttpRoutes;
import io.hatchet.hub.internal.netty.ServerConfig;
import io.hatchet.hub.internal.netty.ServerTls;
import io.hatchet.hub.internal.netty.SocketServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hatchet hub: a socket.io server that routes events from contributors to the consumers that
 * watch them, speaking the protocol in PROTOCOL.md.
 *
 * <pre>{@code
 * try (HatchetHub hub = HatchetHub.builder()
 *     .app(App.named("demo").consumerKey("I6mMbTSOq4rCdM").contributorKey("iYkrswPZVIrUMv"))
 *     .start()) {
 *   String url = hub.url(); // give this to clients
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link Builder#start()} binds and returns a running hub; {@link #close()} stops it for good.
 * A hub cannot be restarted: build another one, on the same port if you like, as soon as this
 * one is closed. {@link #close()} is idempotent.
 *
 * <h2>Threads</h2>
 * A hub runs on its own Netty event loops (one accepting, twice the number of cores handling
 * connections), which also run its timers (heartbeats, grace periods). All are daemon threads named
 * {@code hatchet-hub-<n>-...}, so a running hub never keeps the JVM alive, and all are stopped
 * by {@link #close()}. Each connection's requests are handled on its event loop in the order
 * they were sent; consumer grace periods run out on the event loops too. Every method of this
 * class may be called from any thread.
 *
 * <h2>What it keeps</h2>
 * Everything is in memory. For each consumer id the hub keeps what it watches, its alias and
 * rooms, and a <em>recovery window</em> of the newest events routed to it, numbered 1, 2, 3, ...
 * ({@link Builder#recoveryWindow}, {@link Builder#recoveryWindowBytes}: by default the newest 10,000, at
 * most 1 MiB of them, none older than 2 minutes), for
 * as long as the consumer is connected and for {@link Builder#consumerGracePeriod} after its
 * connection closes; events published meanwhile still go to its window. A consumer that comes
 * back within the grace period receives what it missed, in order, if its window still holds it,
 * and is told plainly when it does not. For each publisher that numbers its publishes, the hub
 * keeps the highest number it accepted, for as long as the grace period, so that a publish sent
 * again after a cut is not routed twice. A hub that stops forgets all of it: consumers that come
 * back to a new hub are told they did not recover.
 */
public final class HatchetHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HatchetHub.class);
  private static final AtomicInteger HUB_IDS = new AtomicInteger();

  private final HubRegistry registry;
  private final SocketServer server;
  private final String url;
  private final String threadPrefix;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HatchetHub(Builder builder) {
    // First: a file that cannot be read fails start() before any thread is made.
    ServerTls tls = builder.tlsChain == null ? null
        : ServerTls.fromPem(builder.tlsChain, builder.tlsKey);
    this.threadPrefix = "hatchet-hub-" + HUB_IDS.incrementAndGet();
    this.registry = new HubRegistry(builder.apps.values(), builder.maxMessageBytes,
        builder.clockSkew, builder.consumerGracePeriod, builder.windowMessages,
        builder.windowBytes, builder.windowAge, builder.maxConnectionBacklog, builder.limits(),
        builder.ticker);
    // Room above the message limit, so that an oversized publish still reaches PublishHandler
    // and gets a too_large answer instead of a closed connection.
    int maxPayload = (int) Math.min(Integer.MAX_VALUE, 2L * builder.maxMessageBytes + 64 * 1024);
    ServerConfig config = new ServerConfig(builder.host, builder.port, builder.path, threadPrefix,
        builder.pingInterval.toMillis(), builder.pingTimeout.toMillis(), maxPayload,
        builder.maxConnectionBacklog, builder.handshakeTimeout.toMillis(),
        builder.maxConnectionsPerIp, builder.maxRequestsPerSecond,
        builder.allowedOrigins == null ? CorsPolicy.ANY_ORIGIN
            : CorsPolicy.only(builder.allowedOrigins),
        HttpRoutes.NONE);
    config = config.withTls(tls).withTransports(new LinkedHashSet<>(builder.transports));
    this.server = SocketServer.create(config, new RequestDispatcher(registry));
    registry.loops.start(server.workers()); // before the first connection can arrive
    server.bind();
    this.url = (tls != null ? "https://" : "http://") + urlHost(builder.host) + ":"
        + server.port();
  }

  /**
   * Returns a builder for a hub on 127.0.0.1, any free port, with a 1 MiB message limit.
   *
   * @return a new builder
   * @throws IllegalStateException if Netty's HTTP codec, which the hub runs on, is not on the
   *     class path: the message names the dependency to add, {@code io.netty:netty-codec-http}
   */
  public static Builder builder() {
    NettyCheck.require(HatchetHub.class.getClassLoader());
    return new Builder();
  }

  /**
   * The URL clients connect to, like {@code http://127.0.0.1:41233}, or
   * {@code https://127.0.0.1:41233} with {@link Builder#tls}. A hub listening on every
   * interface ({@code 0.0.0.0} or {@code ::}) gives its loopback URL.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * The port the hub listens on; the real one when it was built with port 0.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * The number of socket.io connections currently open, authenticated or not.
   *
   * @return how many are open
   */
  public int connectionCount() {
    return registry.connectionCount();
  }

  /**
   * Drops every client connection: each gets a socket.io disconnect, then its channel is closed,
   * and its sessions are forgotten at once. Clients may connect again. Meant for operations and
   * tests (for instance, to exercise a client's reconnection).
   */
  public void disconnectAll() {
    registry.disconnectAll();
  }

  /**
   * Stops the hub: stops listening, closes every connection and stops every thread it started.
   * Returns within about 5 s whatever happens (usually well under a second), logging a warning
   * if it had to give up waiting. Idempotent: later calls, also concurrent ones, return at once.
   */
  @Override public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    registry.closeAll();
    log.info("hatchet hub stopped: {}", url);
  }

  /** The prefix of this hub's thread names, for tests. */
  String threadPrefix() {
    return threadPrefix;
  }

  HubRegistry registry() {
    return registry;
  }

  @Override public String toString() {
    return "HatchetHub{" + url + "}";
  }

  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Configures and starts a {@link HatchetHub}. Each setter checks its argument at once. A
   * builder may start several hubs (on different ports); it is not thread-safe.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private int maxMessageBytes = 1_048_576;
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration consumerGracePeriod = Duration.ofMinutes(2);
    private int windowMessages = 10_000;
    private long windowBytes = 1L << 20;
    private Duration windowAge = Duration.ofMinutes(2);
    private long maxConnectionBacklog = 16L * 1024 * 1024;
    private String path = "/socket.io/";
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private Duration handshakeTimeout = Duration.ofSeconds(20);
    private Set<String> allowedOrigins; // null: any
    private List<String> transports = List.of("websocket", "polling");
    private int maxSessionsPerConnection = HubLimits.DEFAULTS.sessionsPerConnection();
    private int maxWatchesPerConsumer = HubLimits.DEFAULTS.watchesPerConsumer();
    private int maxRoomsPerConsumer = HubLimits.DEFAULTS.roomsPerConsumer();
    private int maxPublishersPerApp = HubLimits.DEFAULTS.publishersPerApp();
    private int maxTargetsPerPublish = HubLimits.DEFAULTS.targetsPerPublish();
    private int maxConnectionsPerIp = HubLimits.DEFAULTS.connectionsPerIp();
    private int maxRequestsPerSecond = HubLimits.DEFAULTS.requestsPerSecond();
    private Ticker ticker = Ticker.SYSTEM;
    private Path tlsChain; // null: plain HTTP
    private Path tlsKey;

    private Builder() {
    }

    /**
     * The address to listen on. Default {@code 127.0.0.1}; {@code 0.0.0.0} for every IPv4.
     *
     * @param host an address or host name
     * @return this builder
     */
    public Builder host(String host) {
      if (host == null) throw new IllegalArgumentException("host == null");
      if (host.isBlank()) throw new IllegalArgumentException("host is blank");
      this.host = host;
      return this;
    }

    /**
     * The port to listen on, 0 to 65535. Default 0: any free port, see {@link #port()}.
     *
     * @param port the port, or 0 for any free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Adds an app. Call once per app.
     *
     * @param app an app with its keys
     * @return this builder
     * @throws IllegalArgumentException if {@code app} is null or an app of its name was added
     */
    public Builder app(App app) {
      if (app == null) throw new IllegalArgumentException("app == null");
      if (apps.containsKey(app.name())) {
        throw new IllegalArgumentException("duplicate app name: " + app.name());
      }
      apps.put(app.name(), app);
      return this;
    }

    /**
     * The largest {@code data} a publish may carry, in UTF-8 bytes of its JSON text; larger
     * ones are answered {@code too_large}. Default 1 MiB (1,048,576).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxMessageBytes(int bytes) {
      if (bytes <= 0) throw new IllegalArgumentException("maxMessageBytes must be > 0: " + bytes);
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * How far the hub's clock may be from the clocks of the producers that sign tokens: a
     * token is accepted until this long after its {@code exp} and from this long before its
     * {@code nbf}. Whole seconds, rounded up. Default 60 s.
     *
     * @param skew zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code skew} is null or negative
     */
    public Builder clockSkew(Duration skew) {
      if (skew == null) throw new IllegalArgumentException("clockSkew == null");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("clockSkew must be >= 0: " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * How long a consumer id outlives its connection, waiting for the consumer to reconnect and
     * claim it again: it keeps its rooms, what it watches and its alias, and events published
     * meanwhile go to its recovery window. After that the id and its window are forgotten, and
     * producers joining it get {@code unknown_consumer}. Also how long the hub remembers a
     * publisher's numbers after its last publish. Default 2 minutes.
     *
     * @param period a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code period} is null, zero or negative
     */
    public Builder consumerGracePeriod(Duration period) {
      if (period == null) throw new IllegalArgumentException("consumerGracePeriod == null");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("consumerGracePeriod must be > 0: " + period);
      }
      this.consumerGracePeriod = period;
      return this;
    }

    /**
     * How many of each consumer's recent events the hub keeps for it to recover after a
     * reconnect: the newest {@code maxMessages}, none older than {@code maxAge}, and of at most
     * {@link #recoveryWindowBytes} together. A consumer that missed more than that is told it
     * did not recover. Default 10,000 and 2 minutes.
     *
     * @param maxMessages how many events a window keeps at most, at least 1
     * @param maxAge how old its events may be, a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code maxMessages} is not positive, or {@code maxAge}
     *     is null, zero or negative
     */
    public Builder recoveryWindow(int maxMessages, Duration maxAge) {
      if (maxMessages <= 0) {
        throw new IllegalArgumentException("recoveryWindow maxMessages must be > 0: "
            + maxMessages);
      }
      if (maxAge == null) throw new IllegalArgumentException("recoveryWindow maxAge == null");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("recoveryWindow maxAge must be > 0: " + maxAge);
      }
      this.windowMessages = maxMessages;
      this.windowAge = maxAge;
      return this;
    }

    /**
     * How many bytes of events each consumer's recovery window keeps at most, counted as the
     * events' encoded size; the newest event is kept whatever its size. The events are shared
     * by every window they are in: what a window costs of its own is about 4 to 8 bytes per
     * entry. Default 1 MiB: about 10,000 events of 100 bytes, so that a consumer cut off for a
     * second at 5,000 events a second still recovers, and one consumer cannot pin more than
     * 1 MiB of large events.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder recoveryWindowBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("recoveryWindowBytes must be > 0: " + bytes);
      }
      this.windowBytes = bytes;
      return this;
    }

    /**
     * How many bytes of events may wait for one connection that is not reading them (a stalled
     * network, a consumer that stopped reading) before the hub drops the connection, so that one
     * slow consumer cannot take the hub's memory from the others. Its consumers are then treated
     * as disconnected: they recover what they missed from their windows when they come back, or
     * are told they did not. Default 16 MiB.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxConnectionBacklog(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxConnectionBacklog must be > 0: " + bytes);
      }
      this.maxConnectionBacklog = bytes;
      return this;
    }

    /**
     * The path clients connect on, as in their {@code path} option. Default {@code /socket.io/},
     * socket.io's. A leading and a trailing slash are added when missing.
     *
     * @param path the path, starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if {@code path} is null or blank
     */
    public Builder path(String path) {
      if (path == null) throw new IllegalArgumentException("path == null");
      if (path.isBlank()) throw new IllegalArgumentException("path is blank");
      String withSlashes = path.startsWith("/") ? path : "/" + path;
      this.path = withSlashes.endsWith("/") ? withSlashes : withSlashes + "/";
      return this;
    }

    /**
     * How often the hub pings each connection, and how long it then waits for the pong before
     * it closes the connection as dead: the Engine.IO heartbeat, which clients learn at their
     * handshake and use to notice a dead hub within {@code pingInterval + pingTimeout}. Default
     * 25 s and 20 s, socket.io's.
     *
     * @param pingInterval a positive duration between pings
     * @param pingTimeout a positive duration to wait for the answer
     * @return this builder
     * @throws IllegalArgumentException if either is null, zero or negative
     */
    public Builder heartbeat(Duration pingInterval, Duration pingTimeout) {
      this.pingInterval = positive(pingInterval, "pingInterval");
      this.pingTimeout = positive(pingTimeout, "pingTimeout");
      return this;
    }

    /**
     * How long a new connection may take from its first byte to joining socket.io's namespace
     * (its CONNECT); past it, the hub closes it. Also how long one HTTP request may take to
     * arrive whole. Bounds what connections that never finish their handshake hold. Default
     * 20 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * The browser origins (like {@code https://app.example.com}) whose pages may connect; a
     * request carrying another {@code Origin} is refused with HTTP 403. By default any origin
     * may: hatchet's credentials travel inside messages, never in cookies, so the hub's answers
     * never say {@code Access-Control-Allow-Credentials}, and a page of another site can do no
     * more through a user's browser than any program could.
     *
     * @param origins at least one origin: scheme, host and port
     * @return this builder
     * @throws IllegalArgumentException if {@code origins} is empty or holds a null or blank one
     */
    public Builder allowedOrigins(String... origins) {
      if (origins == null || origins.length == 0) {
        throw new IllegalArgumentException("allowedOrigins needs at least one origin");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String origin : origins) {
        if (origin == null || origin.isBlank()) {
          throw new IllegalArgumentException("allowedOrigins holds a null or blank origin");
        }
        set.add(origin);
      }
      this.allowedOrigins = set;
      return this;
    }

    /**
     * The Engine.IO transports clients may use: {@code "websocket"} and/or {@code "polling"}.
     * With polling alone the hub offers no upgrade to WebSocket; with WebSocket alone it answers
     * a polling handshake HTTP 400, as socket.io's own server answers a transport it does not
     * know, so its clients must be told to use WebSocket only (socket.io's {@code transports}
     * option; hatchet's client always does). Clients choose the order they try them in. Default:
     * both.
     *
     * @param transports one or both of {@code "websocket"} and {@code "polling"}
     * @return this builder
     * @throws IllegalArgumentException if {@code transports} is empty, or holds another name or
     *     one twice
     */
    public Builder transports(String... transports) {
      if (transports == null || transports.length == 0) {
        throw new IllegalArgumentException("transports needs websocket and/or polling");
      }
      List<String> list = new ArrayList<>();
      for (String transport : transports) {
        if (!"websocket".equals(transport) && !"polling".equals(transport)) {
          throw new IllegalArgumentException("transports: '" + transport
              + "' is not websocket or polling");
        }
        if (list.contains(transport)) {
          throw new IllegalArgumentException("transports: '" + transport + "' is given twice");
        }
        list.add(transport);
      }
      this.transports = List.copyOf(list);
      return this;
    }

    /**
     * How many sessions may be authenticated at once on one connection (one {@code Hatchet});
     * one more is refused {@code too_many}. Default 2,048.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxSessionsPerConnection(int max) {
      this.maxSessionsPerConnection = positive(max, "maxSessionsPerConnection");
      return this;
    }

    /**
     * How many events one consumer may watch at once; a {@code watch} that would pass it is
     * refused {@code too_many} and changes nothing. Default 1,024.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxWatchesPerConsumer(int max) {
      this.maxWatchesPerConsumer = positive(max, "maxWatchesPerConsumer");
      return this;
    }

    /**
     * How many rooms one consumer may be in at once; a {@code join} past it is refused
     * {@code too_many}. Default 1,024.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxRoomsPerConsumer(int max) {
      this.maxRoomsPerConsumer = positive(max, "maxRoomsPerConsumer");
      return this;
    }

    /**
     * How many publisher ids one app remembers at once (each for the consumer grace period
     * after its last publish, to recognise retries); a publish from a new one past it is refused
     * {@code too_many}. Default 100,000.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxPublishersPerApp(int max) {
      this.maxPublishersPerApp = positive(max, "maxPublishersPerApp");
      return this;
    }

    /**
     * How many aliases a publish's {@code to}, or rooms its {@code rooms}, may name; more is
     * refused {@code too_many}. Default 1,024.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxTargetsPerPublish(int max) {
      this.maxTargetsPerPublish = positive(max, "maxTargetsPerPublish");
      return this;
    }

    /**
     * How many connections one IP address may hold at once; past it, a new one is refused with
     * HTTP 429 at its handshake. Default 0: no bound (clients behind one proxy or NAT share an
     * address).
     *
     * @param max zero (no bound) or more
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public Builder maxConnectionsPerIp(int max) {
      if (max < 0) throw new IllegalArgumentException("maxConnectionsPerIp must be >= 0: " + max);
      this.maxConnectionsPerIp = max;
      return this;
    }

    /**
     * How many requests one connection may send per second, in bursts of up to as many; past
     * it, requests are refused {@code rate_limited} without being read, and a connection that
     * goes on sending at twice the rate is closed. Default 0: no bound.
     *
     * @param max zero (no bound) or more
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public Builder maxRequestsPerSecond(int max) {
      if (max < 0) throw new IllegalArgumentException("maxRequestsPerSecond must be >= 0: " + max);
      this.maxRequestsPerSecond = max;
      return this;
    }

    /**
     * Speaks TLS on the client port, WebSocket and polling alike, with the certificate chain and
     * private key of these PEM files, read when the hub starts; {@link HatchetHub#url()} then
     * starts with {@code https://}. The chain file holds the hub's certificate first, then any
     * that signed it ({@code BEGIN CERTIFICATE} blocks); the key file holds its unencrypted
     * PKCS#8 key, RSA or EC ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey} and
     * {@code openssl req -newkey} write). A key in the traditional form ({@code BEGIN RSA PRIVATE
     * KEY}, {@code BEGIN EC PRIVATE KEY}) is refused with the command that converts it. The
     * protocols and cipher suites are the JDK's defaults (TLS 1.3 and 1.2). A client that does
     * not speak TLS, or fails its handshake, has its connection closed, logged at DEBUG. Default:
     * plain HTTP.
     *
     * @param certificateChainPem the PEM file of the certificate chain
     * @param privateKeyPem the PEM file of the private key of its first certificate
     * @return this builder
     * @throws IllegalArgumentException if either is null; {@link #start()} throws it, naming the
     *     file and what is wrong, if a file cannot be read, holds no certificate or key in PEM,
     *     or the key is not the certificate's
     */
    public Builder tls(Path certificateChainPem, Path privateKeyPem) {
      if (certificateChainPem == null) {
        throw new IllegalArgumentException("certificateChainPem == null");
      }
      if (privateKeyPem == null) throw new IllegalArgumentException("privateKeyPem == null");
      this.tlsChain = certificateChainPem;
      this.tlsKey = privateKeyPem;
      return this;
    }

    HubLimits limits() {
      return new HubLimits(maxSessionsPerConnection, maxWatchesPerConsumer, maxRoomsPerConsumer,
          maxPublishersPerApp, maxTargetsPerPublish, maxConnectionsPerIp, maxRequestsPerSecond);
    }

    private static int positive(int value, String name) {
      if (value <= 0) throw new IllegalArgumentException(name + " must be > 0: " + value);
      return value;
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null) throw new IllegalArgumentException(name + " == null");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0: " + duration);
      }
      return duration;
    }

    /**
     * The clock the hub decides ages by (recovery window age, grace and forget periods).
     * Package-private: for tests, which move time themselves rather than wait for it to pass.
     */
    Builder ticker(Ticker ticker) {
      if (ticker == null) throw new IllegalArgumentException("ticker == null");
      this.ticker = ticker;
      return this;
    }

    /**
     * Binds and returns a started hub, listening when this returns. Logs its URL at INFO.
     *
     * @return the hub, listening
     * @throws java.io.UncheckedIOException or {@link IllegalStateException} if the address
     *     cannot be bound (the message names host and port)
     * @throws IllegalArgumentException if the files given to {@link #tls} cannot be used (the
     *     message names the file and what is wrong)
     */
    public HatchetHub start() {
      HatchetHub hub = new HatchetHub(this);
      List<String> names = new ArrayList<>(apps.keySet());
      log.info("hatchet hub listening on {} (apps {})", hub.url, names);
      return hub;
    }
  }
}
