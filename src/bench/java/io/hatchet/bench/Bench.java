package io.hatchet.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * hatchet's benchmark, one command from a fresh clone:
 * {@code mvn -q -Pbench test-compile exec:exec@bench}.
 *
 * <p>This JVM is the load generator and the conductor. The servers run in processes of their
 * own, started here: the hatchet hub ({@link BenchHub}), the Node socket.io 4.8 baseline
 * ({@code src/bench/node/server.js}, dependencies installed here with {@code npm ci} from the
 * committed lockfile) and bare netty-socketio ({@link RawHub}). Each server is warmed up under
 * load first; then every figure is measured on ours and on the baseline in alternating order
 * (ours first in odd rounds, the baseline first in even ones), so drift and the machine's
 * moods fall on both. The table goes to stdout and to {@code target/bench/results.txt};
 * progress and server logs to stderr and {@code target/bench/*.log}.
 */
public final class Bench {
  static final String COMMAND = "mvn -q -Pbench test-compile exec:exec@bench";

  private Bench() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // not a hang: some client libraries' threads are not daemons
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (options == null) {
      System.out.println(Options.HELP);
      boolean asked = String.join(" ", args).matches("\\s*-?-?help\\s*");
      System.exit(asked ? 0 : 2); // a mistyped option fails the build; asking for help does not
    }
    File logs = new File("target/bench");
    logs.mkdirs();
    File nodeDir = new File("src/bench/node");
    npmCi(nodeDir);
    String header = header(options, nodeDir);
    long started = System.nanoTime();

    List<ServerProcess> servers = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(ServerProcess::close)));
    Report report = new Report("hatchet");
    try (RawFleet fleet = new RawFleet(options.fleetThreads)) {
      String[] keys = {Payload.CONSUMER_KEY, Payload.CONTRIBUTOR_KEY};
      // The service (section 7) starts its own processes; the others share these.
      boolean sockets = options.only.stream().anyMatch(part -> !part.equals("service"))
          || options.profile;
      ServerProcess hub = !sockets ? null : start(servers, () -> ServerProcess.java("hatchet-hub",
          BenchHub.class.getName(), options.hubHeap, options.profile, logs, keys));
      ServerProcess node = !sockets ? null
          : start(servers, () -> ServerProcess.node("node", nodeDir, logs, keys));
      ServerProcess raw = !options.runs("overhead") ? null : start(servers, () ->
          ServerProcess.java("netty-socketio", RawHub.class.getName(), options.hubHeap, false, logs));
      Parts parts = new Parts(options, report, fleet, hub, node, raw);
      if (sockets) parts.warmUp();
      if (options.runs("fanout")) parts.fanOut();
      if (options.runs("latency")) parts.latency();
      if (options.runs("idle")) parts.idle();
      if (options.runs("connect")) parts.connect();
      if (options.runs("overhead")) parts.overhead();
      if (options.runs("send")) parts.sendPath();
      if (options.runs("service")) parts.service(logs);
      if (options.profile) parts.profile(logs);
    } finally {
      servers.forEach(ServerProcess::close);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String table = report.render(header + String.format(
        "duration: %d min %02d s (after the build); load average %s at the end%n",
        seconds / 60, seconds % 60, Machine.loadAverage()), "baseline");
    System.out.print(table);
    Files.writeString(new File(logs, "results.txt").toPath(), table, StandardCharsets.UTF_8);
  }

  private interface Starter {
    ServerProcess start() throws Exception;
  }

  private static ServerProcess start(List<ServerProcess> servers, Starter starter)
      throws Exception {
    ServerProcess server = starter.start();
    servers.add(server);
    Parts.log("started " + server);
    return server;
  }

  private static String header(Options options, File nodeDir) {
    String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    return String.join("\n",
        "hatchet benchmark, " + date,
        "command: " + COMMAND + (options.given.isEmpty() ? ""
            : " -Dbench.options=\"" + options.given + "\""),
        "machine: " + Machine.describe() + "; load average " + Machine.loadAverage()
            + " at start",
        "ours:     hatchet hub (its own Engine.IO server on Netty 4.1), -Xmx" + options.hubHeap + ", "
            + Machine.jvm(),
        "baseline: Node " + Machine.version(nodeDir, "node", "--version") + ", socket.io "
            + socketIoVersion(nodeDir) + " (sections 1-4, 6);",
        "          bare netty-socketio 2.0.14 + socket.io-client-java 2.1.2 (section 5)",
        "load generator: a JVM of its own; raw Engine.IO client on Netty (sections 1, 2, 3)",
        "          or hatchet's client (1 shared, 2, 4, 5, 6); HTTP/1.1 by hand (7)",
        "");
  }

  private static String socketIoVersion(File nodeDir) {
    try {
      String json = Files.readString(new File(nodeDir, "node_modules/socket.io/package.json")
          .toPath());
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
      return m.find() ? m.group(1) : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  /** Installs the Node baseline's dependencies from the lockfile, unless already installed. */
  private static void npmCi(File nodeDir) throws Exception {
    File installed = new File(nodeDir, "node_modules/.package-lock.json");
    File lock = new File(nodeDir, "package-lock.json");
    if (installed.exists() && installed.lastModified() >= lock.lastModified()) return;
    Parts.log("npm ci in " + nodeDir);
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
        .directory(nodeDir).inheritIO().start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci failed in " + nodeDir);
    }
  }
}
