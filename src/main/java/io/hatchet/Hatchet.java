package io.hatchet;

import com.google.gson.Gson;
import io.hatchet.internal.ClientConfig;
import io.hatchet.internal.ClientTls;
import io.hatchet.internal.Json;
import io.hatchet.internal.session.Client;
import io.hatchet.protocol.Pem;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One connection to one hatchet hub, shared by every {@link Consumer}, {@link Contributor} and
 * {@link Producer} it creates.
 *
 * <pre>{@code
 * try (Hatchet hatchet = Hatchet.connect("http://127.0.0.1:41233")) {
 *   Consumer consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
 *   consumer.watch("log", data -> System.out.println(data));
 *   Contributor contributor = hatchet.contributor("demo", "iYkrswPZVIrUMv");
 *   contributor.broadcast("log", Map.of("line", 100));
 * }
 * }</pre>
 *
 * <p><b>Connection.</b> {@link #connect} returns at once and opens the connection in the background.
 * When the connection drops, or cannot be opened, the Hatchet tries again after a randomized,
 * growing delay ({@link Builder#reconnectDelay}) until it is closed; every consumer and contributor
 * then authenticates again and carries on. A failed attempt is logged at WARN (the first at once,
 * then one a minute at most) and told to the listeners with its reason in words;
 * {@link Builder#failIfNotConnectedWithin} gives up instead, for those who would rather fail fast.
 *
 * <p><b>Threads.</b> All methods are thread-safe and return at once. The state of the connection
 * and its sessions is kept by one logical thread: its work runs one task at a time, on the thread
 * that hands it over when none is running (yours, sending; OkHttp's reader, reading), else on the
 * Hatchet's own thread ({@code hatchet-N-io}); timers, on one thread shared by all Hatchets in the
 * JVM, only hand work over. Handlers, listener calls, token providers and the completion of
 * futures run on the callback executor: by default one daemon thread per Hatchet, named
 * {@code hatchet-N-callbacks}, so each consumer sees its events in order. With
 * {@link Builder#callbackExecutor} they run on yours, still one at a time per consumer,
 * contributor or producer. Nothing of yours ever runs on a thread that reads the socket or keeps
 * state, or under a library lock.
 *
 * <p><b>Flow.</b> All sessions of a Hatchet share one write budget: at most 4,096 requests and
 * 8 MiB sent and not yet answered, taken in turn by every session with requests waiting, so that
 * nothing the library writes can overflow the socket's buffer and no session can starve the
 * others. What waits beyond it is bounded per session by {@link Builder#maxQueuedSends} and
 * {@link Builder#maxQueuedChars}.
 *
 * <p><b>Closing.</b> {@link #close()} closes every consumer and contributor created here, fails
 * their waiting futures with {@link ClosedException}, closes the connection and stops the threads
 * it started. It is idempotent and bounded in time; after it, a JVM whose main method has returned
 * exits by itself. An executor you passed in is never shut down.
 */
public final class Hatchet implements AutoCloseable {
  private final Client client;

  private Hatchet(Builder builder) {
    this.client = new Client(builder.config());
  }

  /**
   * Connects to the hub at {@code url} (like {@code http://127.0.0.1:41233}; {@code ws://} and
   * {@code wss://} mean the same as {@code http://} and {@code https://}) with defaults.
   *
   * @param url the hub's URL: scheme, host and port
   * @return the Hatchet, connecting in the background
   * @throws IllegalArgumentException if {@code url} is not such a URL, or has a path: a hub behind
   *     a path prefix is reached with {@link Builder#path}
   */
  public static Hatchet connect(String url) {
    return builder(url).build();
  }

  /**
   * Starts configuring a connection to the hub at {@code url}.
   *
   * @param url the hub's URL, as {@link #connect} takes it
   * @return a builder with the defaults
   * @throws IllegalArgumentException as {@link #connect} does
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /**
   * Creates a consumer that authenticates to {@code app} with {@code key}: a consumer key of the
   * app, or a consumer token signed by a {@link Producer}.
   *
   * @param app the app's name
   * @param key a consumer key of the app, or a consumer token
   * @return the consumer, authenticating in the background
   * @throws IllegalArgumentException if {@code app} or {@code key} is null or blank
   * @throws IllegalStateException if this Hatchet is closed
   */
  public Consumer consumer(String app, String key) {
    return client.consumer(app, key);
  }

  /**
   * Creates a consumer that authenticates to {@code app} with tokens from {@code tokens}, asked
   * again before the token in hand expires, so that a long-lived consumer survives its tokens.
   *
   * @param app the app's name
   * @param tokens asked for a token before each authentication
   * @return the consumer, authenticating in the background
   * @throws IllegalArgumentException if {@code app} is null or blank or {@code tokens} is null
   * @throws IllegalStateException if this Hatchet is closed
   */
  public Consumer consumer(String app, TokenProvider tokens) {
    return client.consumer(app, tokens);
  }

  /**
   * Creates a contributor that authenticates to {@code app} with {@code key}.
   *
   * @param app the app's name
   * @param key a contributor key of the app
   * @return the contributor, authenticating in the background
   * @throws IllegalArgumentException if {@code app} or {@code key} is null or blank
   * @throws IllegalStateException if this Hatchet is closed
   */
  public Contributor contributor(String app, String key) {
    return client.contributor(app, key);
  }

  /**
   * Creates a producer of {@code app} that signs with {@code options}: it can sign consumer
   * tokens, manage rooms and send to them.
   *
   * @param app the app's name
   * @param options its keys, algorithm and token lifetime
   * @return the producer, authenticating in the background
   * @throws IllegalArgumentException if {@code app} is null or blank or {@code options} is null
   * @throws IllegalStateException if this Hatchet is closed
   */
  public Producer producer(String app, ProducerOptions options) {
    return client.producer(app, options);
  }

  /**
   * The hub's URL, as given.
   *
   * @return the URL
   */
  public String url() {
    return client.url();
  }

  /**
   * Whether the connection to the hub is open right now.
   *
   * @return true while it is open
   */
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "Hatchet{" + client.url() + "}";
  }

  /** Configures a {@link Hatchet}. Setters check their arguments at once. */
  public static final class Builder {
    private final String url;
    private String path = "/socket.io/";
    private Executor callbackExecutor;
    private HatchetListener listener = HatchetListener.NONE;
    private MetricsListener metrics = MetricsListener.NONE;
    private Gson gson = Json.DEFAULT_GSON;
    private int maxQueuedSends = 10_000;
    private long maxQueuedChars = 64L << 20;
    private Duration maxQueueAge = Duration.ofMinutes(2);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration heartbeatTimeout = Duration.ofSeconds(5);
    private Duration ackTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration reconnectDelayMin = Duration.ofMillis(500);
    private Duration reconnectDelayMax = Duration.ofSeconds(20);
    private Duration failIfNotConnectedWithin;
    private boolean log;
    private ClientTls tls; // null: the platform's authorities

    private Builder(String url) {
      this.url = checkUrl(url);
    }

    /**
     * The path at which the hub answers socket.io, for a hub behind a proxy that serves it under
     * a prefix, like {@code "/events/socket.io/"}. Default {@code "/socket.io/"}, the hub's own.
     *
     * @param path a path starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if it is null or does not start with {@code /}
     */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      this.path = path.endsWith("/") ? path : path + "/";
      return this;
    }

    /**
     * Runs handlers, listener calls and future completions on {@code executor} instead of the
     * default single daemon thread. Calls for one consumer or contributor still run one at a time,
     * in order. The executor stays yours: it is never shut down by hatchet. It must run tasks on
     * threads of its own, never on the thread that hands them over (no direct executor, no
     * caller-runs policy): that thread may be the one reading the socket.
     *
     * @param executor runs every callback of this Hatchet
     * @return this builder
     */
    public Builder callbackExecutor(Executor executor) {
      if (executor == null) throw new IllegalArgumentException("callbackExecutor == null");
      this.callbackExecutor = executor;
      return this;
    }

    /**
     * Hears about the connection and about failing handlers. Default: none.
     *
     * @param listener called on the callback executor
     * @return this builder
     */
    public Builder listener(HatchetListener listener) {
      if (listener == null) throw new IllegalArgumentException("listener == null");
      this.listener = listener;
      return this;
    }

    /**
     * Receives figures: states, reconnects, queue depth, answer latency, drops, recoveries.
     *
     * @param metrics called on the callback executor
     * @return this builder
     */
    public Builder metrics(MetricsListener metrics) {
      if (metrics == null) throw new IllegalArgumentException("metrics == null");
      this.metrics = metrics;
      return this;
    }

    /**
     * The Gson that encodes sent data and decodes typed watches, used as it is. Default: Gson's
     * defaults, with the java.time types ({@code Instant}, {@code LocalDate}, {@code LocalTime},
     * {@code LocalDateTime}, {@code OffsetDateTime}, {@code OffsetTime}, {@code ZonedDateTime},
     * {@code Duration}, {@code Period}, {@code Year}, {@code YearMonth}, {@code MonthDay},
     * {@code ZoneId}) as ISO-8601 strings.
     *
     * @param gson used from several threads, as Gson allows
     * @return this builder
     */
    public Builder gson(Gson gson) {
      if (gson == null) throw new IllegalArgumentException("gson == null");
      this.gson = gson;
      return this;
    }

    /**
     * How many requests (sends, watches, alias changes) one consumer or contributor may have
     * waiting for the hub, queued or sent but unanswered. Past it, a new request fails with
     * {@link QueueFullException}. Default 10,000.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxQueuedSends(int max) {
      if (max < 1) throw new IllegalArgumentException("maxQueuedSends < 1: " + max);
      this.maxQueuedSends = max;
      return this;
    }

    /**
     * How many characters of requests' JSON text one consumer, contributor or producer may have
     * waiting for the hub, like {@link #maxQueuedSends}; {@link Session#pendingChars()} tells how
     * many it has. Default 64 Mi characters.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxQueuedChars(long max) {
      if (max < 1) throw new IllegalArgumentException("maxQueuedChars < 1: " + max);
      this.maxQueuedChars = max;
      return this;
    }

    /**
     * How long a request may wait for a connection before its future fails with
     * {@link ExpiredException}; it is then never sent. Default 2 minutes.
     *
     * @param age a positive duration
     * @return this builder
     */
    public Builder maxQueueAge(Duration age) {
      this.maxQueueAge = positive(age, "maxQueueAge");
      return this;
    }

    /**
     * How often the connection is checked, and how long the hub may take to answer the check
     * before the connection is taken for dead and replaced: a connection that stalls is noticed
     * within {@code interval + timeout}. The same bound holds for writing: a frame that cannot
     * leave within {@code interval + timeout} also ends the connection. Default 5 s and 5 s.
     *
     * @param interval a positive duration between checks
     * @param timeout a positive duration to wait for the answer
     * @return this builder
     */
    public Builder heartbeat(Duration interval, Duration timeout) {
      this.heartbeatInterval = positive(interval, "interval");
      this.heartbeatTimeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long a sent request may wait for the hub's answer before its future fails with
     * {@link AckTimeoutException}. Default 30 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder ackTimeout(Duration timeout) {
      this.ackTimeout = positive(timeout, "ackTimeout");
      return this;
    }

    /**
     * How long one attempt to open the connection may take. Default 10 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Bounds of the delay before each new attempt to connect: a random time between zero and
     * {@code min × 2^attempt}, capped at {@code max} ("full jitter"). Default 500 ms and 20 s.
     *
     * @param min a positive duration
     * @param max a positive duration, no less than {@code min}
     * @return this builder
     */
    public Builder reconnectDelay(Duration min, Duration max) {
      positive(min, "min");
      positive(max, "max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max < min: " + max + " < " + min);
      }
      this.reconnectDelayMin = min;
      this.reconnectDelayMax = max;
      return this;
    }

    /**
     * Gives up if the connection has not opened within {@code deadline} of {@link #build()}: for
     * applications that would rather fail fast than wait for a hub that may never come. The
     * Hatchet then stops trying; {@link Session#ready()}, every request queued meanwhile and
     * every later one fail with {@link NotConnectedException}, which names the URL and why the
     * last attempt failed, and every session is {@link State#FAILED}. Once the connection has
     * opened, this plays no part: after a later drop, the Hatchet reconnects as always. Default:
     * off, it keeps trying until closed (each failed attempt is logged at WARN, the first at
     * once, then one a minute at most).
     *
     * @param deadline how long the first connection may take, from {@link #build()}; positive
     * @return this builder
     */
    public Builder failIfNotConnectedWithin(Duration deadline) {
      this.failIfNotConnectedWithin = positive(deadline, "failIfNotConnectedWithin");
      return this;
    }

    /**
     * Logs hatchet's own informative lines (connections, authentications, reconnects) at INFO
     * through SLF4J; otherwise they are logged at DEBUG. Keys are never logged in full.
     *
     * @param log true to log at INFO
     * @return this builder
     */
    public Builder log(boolean log) {
      this.log = log;
      return this;
    }

    /**
     * Trusts exactly these certificates for an {@code https://} or {@code wss://} hub, instead of
     * the platform's certificate authorities: the hub's own self-signed certificate, or that of
     * a private authority that signed it. The hub's certificate must still name the URL's host
     * (as a DNS name or IP address among its subject alternative names). Replaces what an earlier
     * call of this or {@link #sslSocketFactory} set.
     *
     * <p>A hub whose certificate is not trusted fails each attempt to connect with the reason
     * "TLS handshake failed: the hub's certificate is not trusted (...)": logged at WARN and told
     * to the listeners like every failed attempt, after which the Hatchet tries again (the hub
     * may yet present another certificate), or gives up as {@link #failIfNotConnectedWithin}
     * says, with that reason in its {@link NotConnectedException}.
     *
     * @param pemCertificates PEM texts, each of one or more {@code BEGIN CERTIFICATE} blocks
     * @return this builder
     * @throws IllegalArgumentException if none is given, or one is null or holds no certificate
     *     or one that cannot be read
     */
    public Builder trustCertificates(String... pemCertificates) {
      if (pemCertificates == null || pemCertificates.length == 0) {
        throw new IllegalArgumentException("trustCertificates: no certificate given");
      }
      List<X509Certificate> certificates = new ArrayList<>();
      for (int i = 0; i < pemCertificates.length; i++) {
        if (pemCertificates[i] == null) {
          throw new IllegalArgumentException("trustCertificates: certificate " + (i + 1)
              + " is null");
        }
        try {
          certificates.addAll(Pem.certificates(pemCertificates[i]));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("trustCertificates: argument " + (i + 1) + ": "
              + e.getMessage(), e);
        }
      }
      this.tls = ClientTls.trusting(certificates);
      return this;
    }

    /**
     * The TLS socket factory and trust manager of the connection to an {@code https://} or
     * {@code wss://} hub, for full control (client certificates, a key store of your own): the
     * factory must come from an {@code SSLContext} initialized with {@code trustManager}, which
     * decides which certificates the hub may present. The host name is checked all the same.
     * Replaces what an earlier call of this or {@link #trustCertificates} set. Default: the
     * platform's trusted certificate authorities. A hub whose certificate the trust manager
     * refuses fails each attempt to connect as {@link #trustCertificates} tells.
     *
     * @param factory makes the TLS sockets
     * @param trustManager the trust manager {@code factory} was made with
     * @return this builder
     * @throws IllegalArgumentException if either is null
     */
    public Builder sslSocketFactory(SSLSocketFactory factory, X509TrustManager trustManager) {
      if (factory == null) throw new IllegalArgumentException("factory == null");
      if (trustManager == null) throw new IllegalArgumentException("trustManager == null");
      this.tls = new ClientTls(factory, trustManager);
      return this;
    }

    /**
     * Creates the Hatchet and starts connecting in the background.
     *
     * @return the Hatchet
     */
    public Hatchet build() {
      return new Hatchet(this);
    }

    private ClientConfig config() {
      return new ClientConfig(url, path, callbackExecutor, listener, metrics, gson, maxQueuedSends,
          maxQueuedChars, maxQueueAge, ackTimeout, connectTimeout, reconnectDelayMin,
          reconnectDelayMax, heartbeatInterval, heartbeatTimeout, failIfNotConnectedWithin, log,
          tls);
    }

    private static String checkUrl(String url) {
      if (url == null || url.isBlank()) throw new IllegalArgumentException("url is null or blank");
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("url is not a URL: " + url, e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!scheme.matches("https?|wss?") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "url must be http(s)://host[:port] (ws and wss mean the same): " + url);
      }
      String path = uri.getRawPath();
      if (path != null && !path.isEmpty() && !path.equals("/")) {
        // Not replaced silently: a hub behind a prefix is reached with path(...).
        throw new IllegalArgumentException("url must have no path, got '" + path
            + "'; for a hub behind a path prefix use Hatchet.builder(\"" + uri.getScheme() + "://"
            + uri.getRawAuthority() + "\").path(\"" + path.replaceAll("/+$", "")
            + "/socket.io/\")");
      }
      return url;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
