package io.hatchet.hub;

import io.hatchet.hub.internal.NettyCheck;
import io.hatchet.hub.internal.netty.CorsPolicy;
import io.hatchet.hub.internal.netty.HealthCheck;
import io.hatchet.hub.internal.netty.HttpRoutes;
import io.hatchet.hub.internal.netty.ServerConfig;
import io.hatchet.hub.internal.netty.ServerTls;
import io.hatchet.hub.internal.netty.SocketServer;
import io.hatchet.hub.internal.netty.StaticFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * one is closed. {@link #close()} is idempotent. {@link #closeGracefully} lets the clients go
 * in order first: what is queued for them is written before they are told to go.
 *
 * <h2>Calls from the application</h2>
 * Besides serving clients, the hub takes calls from the application that embeds it: sends
 * ({@link #broadcast}, {@link #send}, {@link #sendToRooms}, {@link #sendToUser}), rooms and people
 * ({@link #join}, {@link #leave}, {@link #roomSize}, {@link #consumersOf},
 * {@link #disconnectUser}, {@link #disconnectConsumer}) and figures ({@link #stats()}). They run
 * on the calling thread, never block on a client, and refuse what a client would be refused with
 * a {@link HubException} that carries the protocol's code.
 *
 * <h2>Threads</h2>
 * A hub runs on its own Netty event loops (one accepting, twice the number of cores handling
 * connections), which also run its timers (heartbeats, grace periods). All are daemon threads named
 * {@code hatchet-hub-<n>-...}, so a running hub never keeps the JVM alive, and all are stopped
 * by {@link #close()}. Each connection's requests are handled on its event loop in the order
 * they were sent; consumer grace periods run out on the event loops too. A hub with an
 * {@link Authorizer} or a {@link MessageHook} calls them on hook threads of its own,
 * {@code hatchet-hub-<n>-hooks-<k>}, never on an event loop. Every method of this class may be
 * called from any thread.
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
  private final HubSends sends;
  private final Registrations registrations;
  private final String defaultApp;
  /** Null on a hub without hooks. */
  private final Hooks hooks;
  private final SocketServer server;
  private final String url;
  private final String threadPrefix;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Made by the first {@link #closeGracefully}: whether it wrote everything queued. */
  private final AtomicReference<CompletableFuture<Boolean>> graceful = new AtomicReference<>();

  private HatchetHub(Builder builder) {
    // First: a file that cannot be read fails start() before any thread is made.
    ServerTls tls = builder.tlsChain == null ? null
        : ServerTls.fromPem(builder.tlsChain, builder.tlsKey);
    this.threadPrefix = "hatchet-hub-" + HUB_IDS.incrementAndGet();
    this.registry = new HubRegistry(builder.apps.values(), builder.maxMessageBytes,
        builder.clockSkew, builder.consumerGracePeriod, builder.windowMessages,
        builder.windowBytes, builder.windowAge, builder.maxConnectionBacklog, builder.limits(),
        builder.ticker);
    this.sends = new HubSends(registry);
    // Room above the message limit, so that an oversized publish still reaches PublishHandler
    // and gets a too_large answer instead of a closed connection.
    int maxPayload = (int) Math.min(Integer.MAX_VALUE, 2L * builder.maxMessageBytes + 64 * 1024);
    ServerConfig config = new ServerConfig(builder.host, builder.port, builder.path, threadPrefix,
        builder.pingInterval.toMillis(), builder.pingTimeout.toMillis(), maxPayload,
        builder.maxConnectionBacklog, builder.handshakeTimeout.toMillis(),
        builder.maxConnectionsPerIp, builder.maxRequestsPerSecond,
        builder.allowedOrigins == null ? CorsPolicy.ANY_ORIGIN
            : CorsPolicy.only(builder.allowedOrigins),
        HttpRoutes.first(HealthCheck.of(registry::closing), StaticFiles.browserClient(),
            builder.files == null ? HttpRoutes.NONE : StaticFiles.directory(builder.files)));
    config = config.withTls(tls).withTransports(new LinkedHashSet<>(builder.transports));
    this.defaultApp = builder.defaultApp();
    this.registrations = new Registrations(builder.apps.keySet(), builder.maxRegisteredUsers);
    this.hooks = builder.authorizer == null && builder.messageHook == null ? null
        : new Hooks(builder.authorizer, builder.messageHook, builder.hookTimeout.toNanos(),
            builder.maxPendingHookRequests, builder.maxPendingHookChars, threadPrefix);
    this.server = SocketServer.create(config, new RequestDispatcher(registry, hooks,
        new PushinatorAuth(registry, registrations, defaultApp)));
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
   * The names of the hub's apps.
   *
   * @return an immutable set, in the order the apps were added
   */
  public Set<String> apps() {
    return registry.appNames();
  }

  // ---- sending from the hub ----

  /**
   * Sends {@code event} to every consumer of {@code app} that watches it, as a contributor's
   * broadcast does: on every connection, and to those waiting out their grace period (their
   * windows keep it). It does not pass through the hub's message hook: it comes from the
   * application itself, which may send any event.
   *
   * <p>{@code data} is encoded once, as a client's publish encodes it: with Gson, the java.time
   * types as ISO-8601 strings; a Gson {@code JsonElement} is written as it is. The checks and
   * limits of a publish over a socket apply, in this order: {@code unknown_app},
   * {@code bad_request} (an event or target name of 0 or more than 256 characters, data Gson
   * cannot encode), {@code too_many} (more targets than {@code maxTargetsPerPublish}),
   * {@code too_large} (data over {@code maxMessageBytes}).
   *
   * <p>Routed on the calling thread before this returns, so that one thread's sends reach each
   * consumer in the order they were made, among the events of other publishers as they come.
   * Never blocks on a client and never runs user code; may be called from any thread.
   *
   * @param app the app's name
   * @param event the event's name
   * @param data any value Gson encodes, null included
   * @return how many consumers it was routed to
   * @throws HubException if a check refuses it: nothing was sent
   */
  public int broadcast(String app, String event, Object data) {
    return sends.send(app, event, data, null, null);
  }

  /**
   * Sends {@code event} to the consumers of {@code app} that watch it and whose alias is one of
   * {@code aliases}, as a contributor's send does: each once, though several aliases may name it.
   * A token consumer's alias is its user id. Otherwise as {@link #broadcast}.
   *
   * @param app the app's name
   * @param event the event's name
   * @param data any value Gson encodes, null included
   * @param aliases at least one alias
   * @return how many consumers it was routed to
   * @throws HubException if a check refuses it ({@code bad_request} for no aliases): nothing was
   *     sent
   */
  public int send(String app, String event, Object data, Collection<String> aliases) {
    return sends.send(app, event, data, HubSends.required(aliases, "aliases"), null);
  }

  /**
   * Sends {@code event} to the consumers in any of {@code rooms} that watch it, each once, as a
   * producer's room send does. Otherwise as {@link #broadcast}.
   *
   * @param app the app's name
   * @param event the event's name
   * @param data any value Gson encodes, null included
   * @param rooms at least one room
   * @return how many consumers it was routed to
   * @throws HubException if a check refuses it ({@code bad_request} for no rooms): nothing was
   *     sent
   */
  public int sendToRooms(String app, String event, Object data, Collection<String> rooms) {
    return sends.send(app, event, data, null, HubSends.required(rooms, "rooms"));
  }

  /**
   * Sends {@code event} to every consumer of {@code userId} that watches it, on all its devices:
   * to its user room, {@code user:<userId>}, which each consumer of the user is in. Otherwise as
   * {@link #broadcast}.
   *
   * @param app the app's name
   * @param userId the user's id
   * @param event the event's name
   * @param data any value Gson encodes, null included
   * @return how many consumers it was routed to: 0 for a user with none
   * @throws HubException if a check refuses it: nothing was sent
   */
  public int sendToUser(String app, String userId, String event, Object data) {
    return sends.sendToUser(app, userId, event, data);
  }

  // ---- rooms and people ----

  /**
   * Puts consumer {@code consumerId} of {@code app} into {@code room}, as a producer's join
   * does: membership belongs to the consumer id, survives its reconnects, and ends when it ends
   * or its grace period runs out. A send to the room made after this returns reaches it.
   *
   * @param app the app's name
   * @param consumerId a consumer id, as the client's {@code Consumer.id()} says
   * @param room the room's name, 1 to 256 characters
   * @return true if it joined, false if it already was in the room
   * @throws HubException {@code unknown_app}, {@code bad_request}, {@code unknown_consumer} (an id
   *     the hub does not know: never authenticated, ended, or gone longer than its grace
   *     period), {@code too_many} (it is in {@code maxRoomsPerConsumer} rooms)
   */
  public boolean join(String app, String consumerId, String room) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    HubSends.checkId(consumerId, "consumerId");
    HubSends.checkName(room, "room");
    try {
      return consumers.join(consumerId, room);
    } catch (RequestException e) {
      throw HubException.of(e);
    }
  }

  /**
   * Takes consumer {@code consumerId} of {@code app} out of {@code room}, as a producer's leave
   * does.
   *
   * @param app the app's name
   * @param consumerId a consumer id
   * @param room the room's name
   * @return true if it left, false if it was not in the room or the hub does not know it
   * @throws HubException {@code unknown_app}, {@code bad_request}
   */
  public boolean leave(String app, String consumerId, String room) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    HubSends.checkId(consumerId, "consumerId");
    return consumers.leave(consumerId, HubSends.checkName(room, "room"));
  }

  /**
   * How many consumer ids are in {@code room}: connected ones, and those waiting out their grace
   * period (they are still routed to).
   *
   * @param app the app's name
   * @param room the room's name
   * @return how many; 0 for a room nobody is in
   * @throws HubException {@code unknown_app}, {@code bad_request}
   */
  public int roomSize(String app, String room) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    return consumers.roomSize(HubSends.checkName(room, "room"));
  }

  /**
   * The consumer ids of {@code userId}: the consumers that authenticated as that user (with a
   * token whose {@code userId} claim it is), connected or waiting out their grace period, by
   * id. Consumers that authenticated with a key have no user, and are never listed.
   *
   * @param app the app's name
   * @param userId the user's id
   * @return an immutable list, empty for a user with none
   * @throws HubException {@code unknown_app}, {@code bad_request}
   */
  public List<ConsumerInfo> consumersOf(String app, String userId) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    return List.copyOf(consumers.consumersOf(HubSends.checkName(userId, "userId")));
  }

  /**
   * Tells each connected consumer of {@code userId} to go (see {@link #disconnectConsumer}).
   *
   * @param app the app's name
   * @param userId the user's id
   * @return how many of the user's consumer sessions were told to go: 0 if none is connected
   * @throws HubException {@code unknown_app}, {@code bad_request}
   */
  public int disconnectUser(String app, String userId) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    List<Session> sessions = consumers.sessionsOf(HubSends.checkName(userId, "userId"));
    Set<Connection> told = new HashSet<>();
    for (Session session : sessions) {
      if (told.add(session.connection)) {
        session.connection.disconnect();
      }
    }
    return sessions.size();
  }

  /**
   * Tells the connection of consumer {@code consumerId} to go: a socket.io disconnect, then the
   * connection closes, as {@link #disconnectAll} does for every connection. Every session on
   * that connection goes with it (a {@code Hatchet}'s consumers and contributors share one). The
   * hub treats it as any closed connection: the consumer id keeps its rooms, watches and alias
   * for its grace period, and events routed meanwhile wait in its window.
   *
   * <p>What the client does next is its own: a hatchet client reconnects after its back-off
   * delay, authenticates again (so credentials that are no longer good keep it out) and, within
   * the grace period, recovers what it missed. A plain socket.io client does not reconnect by
   * itself after a server's disconnect.
   *
   * @param app the app's name
   * @param consumerId a consumer id
   * @return true if it was connected and was told to go, false if it is unknown or not
   *     connected
   * @throws HubException {@code unknown_app}, {@code bad_request}
   */
  public boolean disconnectConsumer(String app, String consumerId) {
    ConsumerDirectory consumers = sends.app(app).consumers;
    Session session = consumers.sessionOf(HubSends.checkId(consumerId, "consumerId"));
    if (session == null) {
      return false;
    }
    session.connection.disconnect();
    return true;
  }

  // ---- stats ----

  /**
   * What the hub counts now: connections, sessions, events in and out, bytes waiting to be
   * written, dropped connections. The counters are kept as the hub goes, at a cost the routing
   * does not notice; asking walks the apps and connections.
   *
   * @return a snapshot
   */
  public HubStats stats() {
    return registry.stats();
  }

  // ---- closing ----

  /**
   * Closes the hub after letting its clients go in order, taking at most about
   * {@code timeout}: it stops taking new connections (a handshake is answered HTTP 503, and
   * {@code GET /health} 503 {@code {"status":"closing"}}), tells every connection to go with a
   * socket.io disconnect once what is queued for it has been written, waits until each has
   * been written or the time is up, then {@link #close()}s. A hatchet client then reconnects,
   * to this address or another, as after any close. What a client asks once its connection has
   * been told to go is neither answered nor refused: a hatchet client sends it again after it
   * reconnects, so that the sends it had in flight reach the hub that takes this one's place. A
   * consumer that does not read (a stalled network) keeps what was queued for it from being
   * written: then the time runs out.
   *
   * <p>Idempotent, also with {@link #close()}: a call after the first waits for the first
   * (at most its own {@code timeout}) and returns what it returned; after {@code close()} it
   * returns false at once.
   *
   * @param timeout how long to wait for the writes at most; zero tells every client to go and
   *     closes at once
   * @return true if everything queued for every connection was written before the hub closed
   * @throws IllegalArgumentException if {@code timeout} is null or negative
   */
  public boolean closeGracefully(Duration timeout) {
    if (timeout == null) throw new IllegalArgumentException("timeout == null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
    }
    long deadline = System.nanoTime() + ConsumerDirectory.nanos(timeout);
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    if (!graceful.compareAndSet(null, result)) {
      return await(graceful.get(), deadline);
    }
    if (closed.get()) {
      result.complete(false);
      return false;
    }
    log.info("hatchet hub closing: {}; telling {} connection(s) to go", url,
        registry.connectionCount());
    server.refuseNewSessions();
    List<CompletableFuture<Boolean>> left = registry.leaveAll();
    boolean written = await(CompletableFuture.allOf(left.toArray(new CompletableFuture<?>[0]))
        .thenApply(all -> left.stream().allMatch(CompletableFuture::join)), deadline);
    if (!written) {
      long waiting = left.stream().filter(f -> !f.isDone()).count();
      log.warn("hatchet hub closing: {} connection(s) still had writes waiting when the time"
          + " was up", waiting);
    }
    close();
    result.complete(written);
    return written;
  }

  /** What {@code future} completes with by {@code deadline}; false if it does not. */
  private static boolean await(CompletableFuture<Boolean> future, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Registers a user for pushinator's client protocol: a socket.io client that emits
   * {@code auth(userId, hash)} on the client port with this hash is then a consumer of this user
   * (see {@link Builder#defaultApp}). Registering a user again gives it the new hash; its
   * clients already authenticated stay. A registration lasts until {@link #unregisterUser},
   * whatever its clients do: one that reconnects authenticates again.
   *
   * @param app the app, usually {@link #defaultApp()}
   * @param userId the user, 1 to 256 characters (pushinator's numbers as their decimal text:
   *     {@code "5"})
   * @param hash what its clients present, 1 to 256 characters
   * @throws HubException {@code unknown_app}; {@code bad_request} for an argument that is null
   *     or not of that length; {@code too_many} if the app has
   *     {@link Builder#maxRegisteredUsers} users registered already
   */
  public void registerUser(String app, String userId, String hash) {
    sends.app(app);
    registrations.register(app, HubSends.checkName(userId, "userId"),
        HubSends.checkName(hash, "hash"));
  }

  /**
   * Removes a user's registration, and disconnects its pushinator clients.
   *
   * @param app the app the user was registered with
   * @param userId the user
   * @return whether the user was registered
   * @throws HubException {@code unknown_app}; {@code bad_request} for a {@code userId} that is
   *     null or not of 1 to 256 characters
   */
  public boolean unregisterUser(String app, String userId) {
    sends.app(app);
    List<Connection> clients =
        registrations.unregister(app, HubSends.checkName(userId, "userId"));
    if (clients == null) {
      return false;
    }
    for (Connection client : clients) {
      client.disconnect();
    }
    return true;
  }

  /**
   * The app of pushinator's clients, which name none: {@link Builder#defaultApp}, or the first
   * app added.
   *
   * @return the app's name, or null if the hub has no app
   */
  public String defaultApp() {
    return defaultApp;
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
    if (hooks != null) {
      hooks.close();
    }
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
    private Authorizer authorizer;
    private MessageHook messageHook;
    private Duration hookTimeout = Duration.ofSeconds(5);
    private int maxPendingHookRequests = 1_024;
    private long maxPendingHookChars = 8L << 20;
    private String defaultApp;
    private int maxRegisteredUsers = 100_000;
    private Path tlsChain; // null: plain HTTP
    private Path tlsKey;
    private Path files; // null: no pages of the application

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
     * Decides every {@code auth} of a client: accepts it with an identity of the application's
     * choosing, rejects it, or leaves it to the apps' keys and tokens. With an authorizer, an
     * {@code auth} may leave out {@code app} and {@code key}, and the hub keeps each
     * connection's handshake (headers, cookies, CONNECT payload) for it. Default: none, and
     * nothing of the kind is kept. See {@link Authorizer} for its threads and failures.
     *
     * @param authorizer the authorizer
     * @return this builder
     * @throws IllegalArgumentException if {@code authorizer} is null
     */
    public Builder authorizer(Authorizer authorizer) {
      if (authorizer == null) throw new IllegalArgumentException("authorizer == null");
      this.authorizer = authorizer;
      return this;
    }

    /**
     * Sees every publish of a client before it is routed, and passes it, replaces its data or
     * refuses it. Default: none, and a publish is routed at once. See {@link MessageHook} for
     * its order, threads and failures.
     *
     * @param hook the message hook
     * @return this builder
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public Builder messageHook(MessageHook hook) {
      if (hook == null) throw new IllegalArgumentException("messageHook == null");
      this.messageHook = hook;
      return this;
    }

    /**
     * How long the authorizer and the message hook may take to answer; past it the request is
     * refused {@code hook_timeout}, and an answer that still comes is ignored. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
     */
    public Builder hookTimeout(Duration timeout) {
      this.hookTimeout = positive(timeout, "hookTimeout");
      return this;
    }

    /**
     * How many requests of one connection may wait at once for the hooks, or behind a request
     * that does (they are handled in order); one more is refused {@code too_many} at once.
     * Bounds what a client whose publishes wait for verdicts makes the hub hold. Default 1,024.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxPendingHookRequests(int max) {
      this.maxPendingHookRequests = positive(max, "maxPendingHookRequests");
      return this;
    }

    /**
     * How many characters of request packets of one connection may wait at once for the hooks,
     * or behind a request that does; a request past it is refused {@code too_many} at once,
     * unless nothing waits (so any request the hub reads may wait alone). Bounds the memory a
     * client whose large publishes wait for slow verdicts makes the hub hold, as
     * {@link #maxPendingHookRequests} bounds their number. Default 8 Mi (8,388,608).
     *
     * @param chars at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code chars} is not positive
     */
    public Builder maxPendingHookChars(long chars) {
      if (chars <= 0) {
        throw new IllegalArgumentException("maxPendingHookChars must be > 0: " + chars);
      }
      this.maxPendingHookChars = chars;
      return this;
    }

    /**
     * The app of pushinator's clients whose {@code auth(userId, hash)} names none (a third
     * argument may name another). Default: the first app added.
     *
     * @param app the name of an app added with {@link #app}, before or after this call
     * @return this builder
     * @throws IllegalArgumentException if {@code app} is null or blank
     */
    public Builder defaultApp(String app) {
      if (app == null) throw new IllegalArgumentException("defaultApp == null");
      if (app.isBlank()) throw new IllegalArgumentException("defaultApp is blank");
      this.defaultApp = app;
      return this;
    }

    /**
     * How many users one app may have registered at once with {@link HatchetHub#registerUser};
     * one more is refused with a {@link HubException} {@code too_many}. Default 100,000.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public Builder maxRegisteredUsers(int max) {
      this.maxRegisteredUsers = positive(max, "maxRegisteredUsers");
      return this;
    }

    /** The default app's name, checked against the apps; null if there are none. */
    private String defaultApp() {
      if (defaultApp == null) {
        return apps.isEmpty() ? null : apps.keySet().iterator().next();
      }
      if (!apps.containsKey(defaultApp)) {
        throw new IllegalStateException("defaultApp '" + defaultApp + "' is not an app of this"
            + " hub: add it with app(App.named(\"" + defaultApp + "\"))");
      }
      return defaultApp;
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

    /**
     * Serves the files of {@code directory} on the hub's port, each on its path relative to it
     * ({@code index.html} also on its directory's path, {@code /} for the top one), so that a page
     * and the hub it talks to share one origin. The files are read when the hub starts (64 MiB at
     * most) and kept in memory; a change is seen at the next start. The hub always serves its
     * browser client, {@code /hatchet.js}, with {@code /socket.io.esm.min.js} and
     * {@code /socket.io.min.js} beside it; those paths, {@code /health} and the Engine.IO path
     * take precedence over a file of the same name. Default: no files.
     *
     * @param directory the directory to serve
     * @return this builder
     * @throws IllegalArgumentException if it is null; {@link #start()} throws it if it is not a
     *     readable directory or holds more than 64 MiB
     */
    public Builder serveFiles(Path directory) {
      if (directory == null) throw new IllegalArgumentException("directory == null");
      this.files = directory;
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
     * @throws IllegalStateException if {@link #defaultApp} names no app of this builder
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
