package io.hatchet.server.config;

import io.hatchet.server.config.ConfigNode.Mapping;
import io.hatchet.server.config.ServiceConfig.Admin;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import io.hatchet.server.config.ServiceConfig.Client;
import io.hatchet.server.config.ServiceConfig.Hook;
import io.hatchet.server.config.ServiceConfig.Hooks;
import io.hatchet.server.config.ServiceConfig.Limits;
import io.hatchet.server.config.ServiceConfig.Logging;
import io.hatchet.server.config.ServiceConfig.Syslog;
import io.hatchet.server.config.ServiceConfig.Tls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a config file's tree and makes a {@link ServiceConfig} of it.
 *
 * <p>Written by hand on the parsed tree rather than by binding it to classes with a library:
 * binding stops at the first error and names it in its own terms (a Java type, a constructor),
 * while an operator needs every error of the file in one run, each with the field's path, what
 * is wrong and what would be right, and unknown fields refused with the name they were meant to
 * be.
 */
final class ConfigReader {
  static final List<String> TRANSPORTS = List.of("websocket", "polling");
  static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
  static final Set<String> FACILITIES = Set.of("KERN", "USER", "MAIL", "DAEMON", "AUTH",
      "SYSLOG", "LPR", "NEWS", "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "AUDIT", "ALERT",
      "CLOCK", "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7");
  private static final String PORT = "a port, 0 (any free one) to 65535";

  private final Path file;
  private final Path folder;
  private final List<ConfigError> errors;

  private ConfigReader(Path file, List<ConfigError> errors) {
    this.file = file;
    this.folder = file.getParent();
    this.errors = errors;
  }

  static ServiceConfig read(Path file, Map<String, String> env)
      throws ConfigException, NoSuchFileException {
    List<ConfigError> errors = new ArrayList<>();
    Mapping root = ConfigFile.read(file, env, errors);
    ServiceConfig config = new ConfigReader(file, errors).config(Fields.of(root, "", errors));
    if (!errors.isEmpty()) {
      // In the file's order, so that they are read top down; those of no line come last.
      errors.sort(java.util.Comparator.comparingInt(e -> e.line() == 0 ? Integer.MAX_VALUE : e.line()));
      throw new ConfigException(file, errors);
    }
    return config;
  }

  private ServiceConfig config(Fields top) {
    Client client = client(top.object("client"));
    List<AppConfig> apps = new AppReader(this).apps(top);
    String defaultApp = defaultApp(top, apps);
    Admin admin = admin(top.object("admin"));
    Limits limits = limits(top.object("limits"));
    Hooks hooks = hooks(top.object("hooks"));
    Fields shutdown = top.object("shutdown");
    Duration shutdownTimeout = shutdown.duration("timeout", ServiceConfig.SHUTDOWN_TIMEOUT, true);
    shutdown.done();
    Path pidfile = path(top, "pidfile", false);
    if (pidfile == null) pidfile = sibling(".pid");
    Logging logging = logging(top.object("logging"));
    top.done();
    if (client.host().equals(admin.host()) && client.port() == admin.port() && client.port() != 0) {
      errors.add(new ConfigError("admin.port", 0, "is the client port too (" + client.port() + ")",
          "another port than client.port"));
    }
    return new ServiceConfig(file, client, admin, apps, defaultApp, limits, hooks, shutdownTimeout,
        pidfile, logging);
  }

  private Client client(Fields f) {
    String host = f.string("host", "127.0.0.1", "an address or host name, 0.0.0.0 for every one");
    int port = f.integer("port", ServiceConfig.CLIENT_PORT, 0, 65535, PORT);
    String path = f.string("path", "/socket.io/", "a path like /socket.io/");
    if (!path.startsWith("/")) {
      f.error("path", f.get("path"), Fields.quote(path) + " does not start with /",
          "a path like /socket.io/");
    }
    List<String> transports = transports(f);
    List<String> origins = f.strings("allowedOrigins", "an origin like https://app.example.com");
    if (origins != null) {
      List<Fields.Item> items = f.list("allowedOrigins", "");
      for (int i = 0; i < origins.size() && i < items.size(); i++) {
        if (!origins.get(i).equals("*") && !origins.get(i).matches("https?://[^/\\s]+")) {
          errors.add(new ConfigError(items.get(i).path(), items.get(i).node().line(),
              Fields.quote(origins.get(i)) + " is not an origin",
              "scheme, host and optional port, like https://app.example.com, with no path"));
        }
      }
    }
    Tls tls = tls(f.object("tls"));
    f.done();
    return new Client(host, port, path, transports,
        origins == null || origins.contains("*") ? List.of() : List.copyOf(origins), tls);
  }

  private List<String> transports(Fields f) {
    if (!f.has("transports")) return TRANSPORTS;
    List<String> transports = new ArrayList<>();
    String expected = "websocket and/or polling, in the order clients should try them";
    for (Fields.Item item : f.list("transports", "a list of " + expected)) {
      String name = item.text(errors, expected);
      if (name == null) continue;
      if (!TRANSPORTS.contains(name)) {
        boolean old = Set.of("flashsocket", "htmlfile", "xhr-polling", "jsonp-polling").contains(name);
        errors.add(new ConfigError(item.path(), item.node().line(), Fields.quote(name)
            + (old ? " is a transport of socket.io 0.9, which no socket.io 3 or 4 client speaks"
            + (name.endsWith("polling") ? " (its successor is polling)" : "")
            : " is not a transport"), expected));
      } else if (transports.contains(name)) {
        errors.add(new ConfigError(item.path(), item.node().line(), Fields.quote(name)
            + " is given twice", expected));
      } else {
        transports.add(name);
      }
    }
    if (transports.isEmpty() && f.has("transports")) {
      f.error("transports", f.get("transports"), "allows no transport", expected);
      return TRANSPORTS;
    }
    return List.copyOf(transports);
  }

  /** The app of pushinator's protocol and calls, which name none: the first app by default. */
  private String defaultApp(Fields f, List<AppConfig> apps) {
    String name = f.string("defaultApp", null, "the name of one of the apps");
    if (name == null || apps.isEmpty()) return apps.isEmpty() ? null : apps.get(0).app().name();
    if (apps.stream().noneMatch(a -> a.app().name().equals(name))) {
      f.error("defaultApp", f.get("defaultApp"), "names no app (" + Fields.quote(name) + ")",
          "one of " + String.join(", ", apps.stream().map(a -> a.app().name()).toList()));
    }
    return name;
  }

  private Admin admin(Fields f) {
    String host = f.string("host", "127.0.0.1", "an address or host name");
    int port = f.integer("port", ServiceConfig.ADMIN_PORT, 0, 65535, PORT);
    String tokenExpected = "a secret of at least " + ServiceConfig.MIN_TOKEN_LENGTH
        + " characters, such as ${HATCHET_ADMIN_TOKEN} (java -jar hatchet-hub.jar init makes one)";
    String token = f.required("token", tokenExpected);
    if (token != null && token.length() < ServiceConfig.MIN_TOKEN_LENGTH) {
      f.error("token", f.get("token"), "is " + token.length() + " characters long", tokenExpected);
    }
    long maxBody = f.bytes("maxBodyBytes", ServiceConfig.ADMIN_MAX_BODY_BYTES, 1024,
        Integer.MAX_VALUE);
    Tls tls = tls(f.object("tls"));
    f.done();
    return new Admin(host, port, token, maxBody, tls);
  }

  Tls tls(Fields f) {
    if (!f.has("certificate") && !f.has("privateKey")) {
      f.done();
      return null;
    }
    Path certificate = path(f, "certificate", true);
    Path key = path(f, "privateKey", true);
    if (!f.has("certificate")) f.error("certificate", null, "is missing", "a PEM certificate chain file");
    if (!f.has("privateKey")) f.error("privateKey", null, "is missing", "a PEM private key file");
    f.done();
    if (certificate == null || key == null || !Files.isReadable(certificate)
        || !Files.isReadable(key)) {
      return null;
    }
    String problem = TlsCheck.problem(certificate, key);
    if (problem != null) {
      f.error(null, null, problem, "a PEM certificate chain and the PKCS#8 PEM key of its first"
          + " certificate (BEGIN CERTIFICATE, BEGIN PRIVATE KEY)");
    }
    return new Tls(certificate, key);
  }

  private Limits limits(Fields f) {
    Limits d = Limits.DEFAULTS;
    int maxMessage = (int) f.bytes("maxMessageBytes", d.maxMessageBytes(), 1, 256L << 20);
    Duration skew = f.duration("clockSkew", d.clockSkew(), true);
    Duration grace = f.duration("consumerGracePeriod", d.consumerGracePeriod(), false);
    Fields window = f.object("recoveryWindow");
    int messages = window.integer("messages", d.recoveryWindowMessages(), 1, 10_000_000,
        "how many events each consumer's window keeps, at least 1");
    Duration age = window.duration("age", d.recoveryWindowAge(), false);
    long bytes = window.bytes("bytes", d.recoveryWindowBytes(), 1, Long.MAX_VALUE / 2);
    window.done();
    long backlog = f.bytes("maxConnectionBacklog", d.maxConnectionBacklog(), 1, Long.MAX_VALUE / 2);
    Fields heartbeat = f.object("heartbeat");
    Duration interval = heartbeat.duration("interval", d.heartbeatInterval(), false);
    Duration timeout = heartbeat.duration("timeout", d.heartbeatTimeout(), false);
    heartbeat.done();
    Duration handshake = f.duration("handshakeTimeout", d.handshakeTimeout(), false);
    String positive = "a whole number, at least 1";
    String orZero = "a whole number, 0 for no bound";
    Limits limits = new Limits(maxMessage, skew, grace, messages, age, bytes, backlog, interval,
        timeout, handshake,
        f.integer("maxSessionsPerConnection", d.maxSessionsPerConnection(), 1, Integer.MAX_VALUE, positive),
        f.integer("maxWatchesPerConsumer", d.maxWatchesPerConsumer(), 1, Integer.MAX_VALUE, positive),
        f.integer("maxRoomsPerConsumer", d.maxRoomsPerConsumer(), 1, Integer.MAX_VALUE, positive),
        f.integer("maxPublishersPerApp", d.maxPublishersPerApp(), 1, Integer.MAX_VALUE, positive),
        f.integer("maxTargetsPerPublish", d.maxTargetsPerPublish(), 1, Integer.MAX_VALUE, positive),
        f.integer("maxConnectionsPerIp", d.maxConnectionsPerIp(), 0, Integer.MAX_VALUE, orZero),
        f.integer("maxRequestsPerSecond", d.maxRequestsPerSecond(), 0, Integer.MAX_VALUE, orZero));
    f.done();
    return limits;
  }

  private Hooks hooks(Fields f) {
    Duration timeout = f.duration("timeout", Hooks.TIMEOUT, false);
    Hook authorizer = hook(f.object("authorizer"), timeout);
    Hook messageHook = hook(f.object("messageHook"), timeout);
    f.done();
    return new Hooks(timeout, authorizer, messageHook);
  }

  private Hook hook(Fields f, Duration defaultTimeout) {
    String expected = "an http:// or https:// URL of your backend";
    String url = f.has("url") || f.has("timeout") || f.has("headers")
        ? f.required("url", expected) : null;
    Duration timeout = f.duration("timeout", defaultTimeout, false);
    if (timeout.compareTo(defaultTimeout) > 0) {
      f.error("timeout", f.get("timeout"), "is longer than hooks.timeout ("
          + defaultTimeout.toMillis() + " ms), after which the hub gives up on any hook",
          "at most hooks.timeout");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Fields h = f.object("headers");
    for (ConfigNode.Entry entry : mappingEntries(f, "headers")) {
      String value = h.string(entry.key(), null, "a header value");
      if (!entry.key().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        h.error(entry.key(), entry.value(), "is not a header name", "a header name like Authorization");
      } else if (value != null) {
        headers.put(entry.key(), value);
      }
    }
    f.done();
    if (url == null) return null;
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        f.error("url", f.get("url"), Fields.quote(url) + " is not an http or https URL", expected);
        return null;
      }
      return new Hook(uri, timeout, Map.copyOf(headers));
    } catch (URISyntaxException e) {
      f.error("url", f.get("url"), Fields.quote(url) + " is not a URL", expected);
      return null;
    }
  }

  private Logging logging(Fields f) {
    String level = level(f, "level", "info");
    Map<String, String> levels = new LinkedHashMap<>();
    Fields byLogger = f.object("levels");
    for (ConfigNode.Entry entry : mappingEntries(f, "levels")) {
      String value = level(byLogger, entry.key(), null);
      if (value != null) levels.put(entry.key(), value);
    }
    byLogger.done();
    Path logFile = path(f, "file", false);
    Fields s = f.object("syslog");
    Syslog syslog = null;
    if (f.has("syslog")) {
      String host = s.string("host", "localhost", "the syslog server's host");
      int port = s.integer("port", 514, 1, 65535, "a port, 1 to 65535");
      String facility = s.string("facility", "DAEMON", "a facility like DAEMON or LOCAL0");
      String name = facility.toUpperCase(Locale.ROOT).replaceFirst("^LOG_", "");
      if (!FACILITIES.contains(name)) {
        s.error("facility", s.get("facility"), Fields.quote(facility) + " is not a facility",
            "one of " + String.join(", ", new java.util.TreeSet<>(FACILITIES)));
      }
      String tag = s.string("tag", "hatchet-hub", "a tag of letters, digits, - and _");
      if (!tag.matches("[A-Za-z0-9_.-]{1,32}")) {
        s.error("tag", s.get("tag"), Fields.quote(tag) + " is not a tag",
            "1 to 32 letters, digits, '.', '-' or '_' (RFC 3164)");
      }
      syslog = new Syslog(host, port, name, tag);
    }
    s.done();
    f.done();
    return new Logging(level, Map.copyOf(levels), logFile, syslog);
  }

  private String level(Fields f, String name, String fallback) {
    String expected = "one of trace, debug, info, warn, error, off";
    String text = f.string(name, fallback, expected);
    if (text == null) return null;
    String lower = text.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(lower)) {
      f.error(name, f.get(name), Fields.quote(text) + " is not a level", expected);
      return fallback;
    }
    return lower;
  }

  /** The entries of {@code name}'s mapping, its own fields: each is asked for by name. */
  static List<ConfigNode.Entry> mappingEntries(Fields f, String name) {
    return f.get(name) instanceof Mapping mapping ? mapping.entries() : List.of();
  }

  /** A path field, relative to the config's folder; with {@code mustExist}, checked readable. */
  Path path(Fields f, String name, boolean mustExist) {
    String text = f.string(name, null, "a file path");
    if (text == null) return null;
    Path path = folder.resolve(text).normalize();
    if (mustExist && !Files.isReadable(path)) {
      f.error(name, f.get(name), (Files.exists(path) ? "cannot be read: " : "does not exist: ")
          + path, "a readable file (relative paths start from " + folder + ")");
    } else if (!mustExist && path.getParent() != null && !Files.isDirectory(path.getParent())) {
      f.error(name, f.get(name), "is in a folder that does not exist: " + path.getParent(),
          "a path in an existing folder");
    }
    return path;
  }

  /** A file beside the config file, named after it: {@code hub.yaml} gives {@code hub.pid}. */
  private Path sibling(String extension) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return folder.resolve((dot > 0 ? name.substring(0, dot) : name) + extension);
  }

  List<ConfigError> errors() {
    return errors;
  }
}
