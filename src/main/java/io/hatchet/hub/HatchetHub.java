package io.hatchet.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * connections) and one timer thread for ping timeouts. All are daemon threads named
 * {@code hatchet-hub-<n>-...}, so a running hub never keeps the JVM alive, and all are stopped
 * by {@link #close()}. Each connection's requests are handled on its event loop in the order
 * they were sent; consumer grace periods run out on the event loops too. Every method of this
 * class may be called from any thread.
 *
 * <h2>What it keeps</h2>
 * Everything is in memory. For each consumer id the hub keeps what it watches, its alias and
 * rooms, and a <em>recovery window</em> of the newest events routed to it, numbered 1, 2, 3, ...
 * ({@link Builder#recoveryWindow}: the last 1,000, none older than 2 minutes, by default), for
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
  private final HubServer server;
  private final String url;
  private final String threadPrefix;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HatchetHub(Builder builder) {
    this.threadPrefix = "hatchet-hub-" + HUB_IDS.incrementAndGet();
    this.registry = new HubRegistry(builder.apps.values(), builder.maxMessageBytes,
        builder.clockSkew, builder.consumerGracePeriod, builder.windowMessages,
        builder.windowAge, builder.maxConnectionBacklog, builder.ticker);
    RequestJsonSupport json = new RequestJsonSupport();
    RequestDispatcher dispatcher = new RequestDispatcher(registry);
    this.server = HubServer.start(
        builder.host, builder.port, builder.maxMessageBytes, json, dispatcher, registry.loops,
        threadPrefix);
    this.url = "http://" + urlHost(builder.host) + ":" + server.port();
  }

  /** Returns a builder for a hub on 127.0.0.1, any free port, with a 1 MiB message limit. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The URL clients connect to, like {@code http://127.0.0.1:41233}. A hub listening on every
   * interface ({@code 0.0.0.0} or {@code ::}) gives its loopback URL.
   */
  public String url() {
    return url;
  }

  /** The port the hub listens on; the real one when it was built with port 0. */
  public int port() {
    return server.port();
  }

  /** The number of socket.io connections currently open, authenticated or not. */
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
    private int windowMessages = 1_000;
    private Duration windowAge = Duration.ofMinutes(2);
    private long maxConnectionBacklog = 16L * 1024 * 1024;
    private Ticker ticker = Ticker.SYSTEM;

    private Builder() {
    }

    /** The address to listen on. Default {@code 127.0.0.1}; {@code 0.0.0.0} for every IPv4. */
    public Builder host(String host) {
      if (host == null) throw new IllegalArgumentException("host == null");
      if (host.isBlank()) throw new IllegalArgumentException("host is blank");
      this.host = host;
      return this;
    }

    /** The port to listen on, 0 to 65535. Default 0: any free port, see {@link #port()}. */
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
     * How much of each consumer's recent events the hub keeps for it to recover after a
     * reconnect: the newest {@code maxMessages}, none older than {@code maxAge}. A consumer that
     * missed more than that is told it did not recover. Memory: up to {@code maxMessages}
     * references per consumer id (the events themselves are shared). Default 1,000 and 2
     * minutes.
     *
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
     * How many bytes of events may wait for one connection that is not reading them (a stalled
     * network, a consumer that stopped reading) before the hub drops the connection, so that one
     * slow consumer cannot take the hub's memory from the others. Its consumers are then treated
     * as disconnected: they recover what they missed from their windows when they come back, or
     * are told they did not. Default 16 MiB.
     *
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
     * @throws java.io.UncheckedIOException or {@link IllegalStateException} if the address
     *     cannot be bound (the message names host and port)
     */
    public HatchetHub start() {
      HatchetHub hub = new HatchetHub(this);
      List<String> names = new ArrayList<>(apps.keySet());
      log.info("hatchet hub listening on {} (apps {})", hub.url, names);
      return hub;
    }
  }
}
