package io.hatchet.server.config;

import io.hatchet.hub.App;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a config file says, checked: every value is in range, every file it names exists, and
 * every app's keys were accepted by {@link App}. Made only by {@link #load}, which either
 * returns one or throws every error of the file at once. Immutable.
 *
 * @param file the config file, absolute; relative paths in it are relative to its folder
 * @param client where clients connect, and how
 * @param admin the admin HTTP API
 * @param apps the apps, in the order written
 * @param defaultApp the app of pushinator's client protocol and admin calls, which name none:
 *     {@code defaultApp} as written, else the first app
 * @param limits the hub's bounds
 * @param hooks the backend URLs the hub asks, if any
 * @param shutdownTimeout how long a graceful stop may take
 * @param pidfile where the running hub writes its process id
 * @param logging levels and, for the daemon, where the log goes
 */
public record ServiceConfig(Path file, Client client, Admin admin, List<AppConfig> apps,
    String defaultApp, Limits limits, Hooks hooks, Duration shutdownTimeout, Path pidfile,
    Logging logging) {

  /** The default client port, the port of the project's examples. */
  public static final int CLIENT_PORT = 7800;
  /** The default admin port. */
  public static final int ADMIN_PORT = 7801;
  /** The default bound of an admin request's body: a batch of 100 publishes of 160 KiB. */
  public static final long ADMIN_MAX_BODY_BYTES = 16L << 20;
  /** The default bound of a graceful stop. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  /** The shortest admin token accepted. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /**
   * Reads and checks {@code file}.
   *
   * @param file a YAML or JSON config file
   * @param env the environment for {@code ${VAR}}, usually {@link System#getenv()}
   * @return the config
   * @throws NoSuchFileException if there is no such file
   * @throws ConfigException with every error found, if anything is wrong
   */
  public static ServiceConfig load(Path file, Map<String, String> env)
      throws ConfigException, NoSuchFileException {
    return ConfigReader.read(file.toAbsolutePath().normalize(), env);
  }

  /**
   * Where the daemon logs when the config names neither a file nor syslog: beside the pidfile,
   * named after it ({@code hub.pid} gives {@code hub.log}).
   *
   * @return the file
   */
  public Path daemonLogFile() {
    String name = pidfile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return pidfile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".log");
  }

  /**
   * A PEM certificate chain and its private key.
   *
   * @param certificateChain the certificate first, then its issuers
   * @param privateKey the key, PKCS#8 PEM
   */
  public record Tls(Path certificateChain, Path privateKey) {
  }

  /**
   * The client port.
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param path the socket.io path
   * @param transports the transports clients may use, in the order given
   * @param allowedOrigins the browser origins allowed; empty: any
   * @param tls the certificate to serve, or null for plain HTTP
   */
  public record Client(String host, int port, String path, List<String> transports,
      List<String> allowedOrigins, Tls tls) {
  }

  /**
   * The admin HTTP API.
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param token the bearer token every call must carry
   * @param maxBodyBytes the largest request body; larger ones get 413
   * @param tls the certificate to serve, or null for plain HTTP
   */
  public record Admin(String host, int port, String token, long maxBodyBytes, Tls tls) {
    @Override public String toString() {
      return "Admin[host=" + host + ", port=" + port + ", token=(hidden)]";
    }
  }

  /**
   * An app and what it was made of, for what the hub prints at start.
   *
   * @param app the app, its keys in it
   * @param consumerKeys how many consumer keys it has
   * @param contributorKeys how many contributor keys
   * @param producerSecrets how many HMAC producer secrets
   * @param producerPublicKeys how many producer public keys
   */
  public record AppConfig(App app, int consumerKeys, int contributorKeys, int producerSecrets,
      int producerPublicKeys) {
  }

  /**
   * The hub's bounds: each is the {@code HatchetHub.Builder} option of its name, and
   * {@link #DEFAULTS} holds the builder's defaults.
   */
  public record Limits(int maxMessageBytes, Duration clockSkew, Duration consumerGracePeriod,
      int recoveryWindowMessages, Duration recoveryWindowAge, long recoveryWindowBytes,
      long maxConnectionBacklog, Duration heartbeatInterval, Duration heartbeatTimeout,
      Duration handshakeTimeout, int maxSessionsPerConnection, int maxWatchesPerConsumer,
      int maxRoomsPerConsumer, int maxPublishersPerApp, int maxTargetsPerPublish,
      int maxConnectionsPerIp, int maxRequestsPerSecond) {
    /** The defaults of {@code HatchetHub.Builder}. */
    public static final Limits DEFAULTS = new Limits(1 << 20, Duration.ofSeconds(60),
        Duration.ofMinutes(2), 10_000, Duration.ofMinutes(2), 1L << 20, 16L << 20,
        Duration.ofSeconds(25), Duration.ofSeconds(20), Duration.ofSeconds(20), 2_048, 1_024,
        1_024, 100_000, 1_024, 0, 0);
  }

  /**
   * The backend the hub asks before it lets a client in, and before it routes a publish.
   *
   * @param timeout how long the hub waits for an answer, for hooks that give none of their own
   * @param authorizer the authorizer's URL, or null
   * @param messageHook the message hook's URL, or null
   */
  public record Hooks(Duration timeout, Hook authorizer, Hook messageHook) {
    /** The default of {@link #timeout}, the hub's. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
  }

  /**
   * One hook: a URL of the backend the hub POSTs to.
   *
   * @param url an http or https URL
   * @param timeout how long the hub waits for its answer
   * @param headers headers sent with each call (a token of the backend, say)
   */
  public record Hook(URI url, Duration timeout, Map<String, String> headers) {
    @Override public String toString() {
      return "Hook[" + url + "]";
    }
  }

  /**
   * Logging. In the foreground the log goes to standard output; in the daemon to {@link #file}
   * and/or {@link #syslog}, else to a file beside the pidfile.
   *
   * @param level the level of every logger not in {@code levels}
   * @param levels levels by logger name ({@code io.netty: warn})
   * @param file the daemon's log file, or null
   * @param syslog the daemon's syslog, or null
   */
  public record Logging(String level, Map<String, String> levels, Path file, Syslog syslog) {
  }

  /**
   * A syslog server, spoken to over UDP (RFC 3164).
   *
   * @param host its host
   * @param port its port, 514 by default
   * @param facility the facility, like {@code DAEMON} or {@code LOCAL0}
   * @param tag the tag before each message
   */
  public record Syslog(String host, int port, String facility, String tag) {
  }
}
