package io.hatchet.bench;

import io.hatchet.bench.Report.Rounds;
import java.io.File;
import java.nio.file.Files;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parts of the benchmark: the first six measured on ours and on the baseline in turns, the
 * seventh (the service) on ours alone.
 */
final class Parts {
  private static final double NONE = Double.NaN;
  /** The send path's target for one contributor on the hub: the floor, and what it aims at. */
  private static final double SEND_FLOOR = 50_000;
  private static final double SEND_AIM = 100_000;

  private final Options o;
  private final Report report;
  private final RawFleet fleet;
  private final ServerProcess hub;
  private final ServerProcess node;
  private final ServerProcess raw;
  /** CPU other processes used during this section's measurements, in cores. */
  private Rounds others = Rounds.mean();
  private Rounds othersMax = Rounds.max();

  Parts(Options o, Report report, RawFleet fleet, ServerProcess hub, ServerProcess node,
      ServerProcess raw) {
    this.o = o;
    this.report = report;
    this.fleet = fleet;
    this.hub = hub;
    this.node = node;
    this.raw = raw;
  }

  /** Logs the run about to start, after waiting for quiet if asked to. */
  private void starting(String run) throws InterruptedException {
    if (o.quietWait > 0) {
      double busy = Machine.awaitQuiet(o.quietWait);
      if (busy >= 0.25) log(Report.fmt("the machine is still busy (%.2f cores): going on", busy));
    }
    log(run);
  }

  static void log(String message) {
    System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
  }

  /** Ours first in odd rounds, the baseline first in even ones. */
  private static List<ServerProcess> turns(int round, ServerProcess ours, ServerProcess base) {
    return round % 2 == 0 ? List.of(ours, base) : List.of(base, ours);
  }

  /** One measurement on one server: {@code i} is 0 on the hub, 1 on the baseline. */
  private interface Turn {
    void run(ServerProcess server, int i, int round) throws Exception;
  }

  /** Every round of {@code what}, on the hub and on {@code base} in turns. */
  private void rounds(String what, ServerProcess base, Turn turn) throws Exception {
    for (int round = 0; round < o.rounds; round++) {
      for (ServerProcess server : turns(round, hub, base)) {
        starting(what + ", " + server.name + ", round " + (round + 1));
        turn.run(server, server == hub ? 0 : 1, round);
      }
    }
  }

  private void other(double cores) {
    others.add(cores);
    othersMax.add(cores);
  }

  /** Ends a section with how much else ran on the machine meanwhile. */
  private void noise() {
    if (!Double.isNaN(others.value())) {
      report.note(Report.fmt("(meanwhile other processes used %.2f cores on average, %.2f at"
          + " most)", others.value(), othersMax.value()));
    }
    others = Rounds.mean();
    othersMax = Rounds.max();
  }

  /** {@code count} figures, each a pair (ours, baseline) of per-round means. */
  private static Rounds[][] pairs(int count) {
    Rounds[][] pairs = new Rounds[count][];
    for (int i = 0; i < count; i++) pairs[i] = new Rounds[] {Rounds.mean(), Rounds.mean()};
    return pairs;
  }

  /** Connects each server's warm-up makes, at 1-4 ms each: enough for the JVM to compile them. */
  private static final int CONNECT_WARMUP = 5000;

  /** Load on every server (and on the load generator's code paths) before any measurement. */
  void warmUp() throws Exception {
    for (ServerProcess server : List.of(hub, node)) {
      log("warming up " + server.name + ": fan-out to 100 for " + o.warmupSeconds + " s");
      new FanOut(fleet, o.window).run(server, 100, false, o.warmupSeconds, 0.5);
      // hatchet's client too, at the higher rate and long enough that the first latency round
      // does not pay for compiling its paths.
      FixedRate.run(server, new ClientStack.HatchetClient(), o.latencyConsumers, 3000,
          Math.min(10, o.warmupSeconds), 1);
      // Connection setup, which the above runs only a few times: else whichever server is
      // measured first in section 4 pays for compiling it, in its JIT and the client's.
      if (o.runs("connect")) {
        log("warming up " + server.name + ": " + CONNECT_WARMUP + " connects");
        ConnectTime.run(server, CONNECT_WARMUP);
      }
    }
    if (raw != null) {
      log("warming up " + raw.name + " for " + o.warmupSeconds + " s");
      FixedRate.run(raw, new ClientStack.SocketIoClient(), o.latencyConsumers, o.overheadRate,
          o.warmupSeconds, 1);
    }
  }

  void fanOut() throws Exception {
    report.section("1. Fan-out: 1 contributor -> N consumers, ~100-byte JSON events, as fast as"
        + " it goes (vs Node)");
    report.note("raw load generator; server CPU: the server process's own CPU time / deliveries");
    report.note("sharing one Hatchet: client CPU, this JVM's CPU time (consumers and publisher)"
        + " / deliveries");
    for (int n : o.fanout) fanOut("N=" + n + " on separate connections", n, false);
    for (int n : o.shared) fanOut("N=" + n + " sharing one Hatchet", n, true);
    noise();
  }

  private void fanOut(String label, int n, boolean shared) throws Exception {
    Rounds[][] f = pairs(4);
    FanOut fanOut = new FanOut(fleet, o.window);
    rounds("fan-out " + label, node, (server, i, round) -> {
      FanOut.Result r = fanOut.run(server, n, shared, o.rampSeconds, o.fanoutSeconds);
      Phase m = r.measured();
      f[0][i].add(m.perSecond());
      f[1][i].add(m.serverMicrosEach());
      f[2][i].add(m.ownMicrosEach());
      f[3][i].add(r.liveHeap());
      other(m.otherCores());
      report.detail(Report.fmt("%s, %s round %d: %.0f deliveries/s; %s; %.2f TCP segments per"
          + " delivery; %d events, %d lost", label, server.name, round + 1, m.perSecond(),
          m.cpu(), m.segmentsEach(), r.published(), r.lost()));
    });
    boolean cpuTarget = !shared && (n == 100 || n == 1000);
    report.row(label + ": deliveries/s", f[0][0], f[0][1], Report.RATE, 1.5, NONE, NONE);
    report.row("  server CPU per delivery", f[1][0], f[1][1], Report.MICROS,
        NONE, cpuTarget ? 0.67 : NONE, NONE);
    // Sharing one Hatchet, the load generator runs hatchet's client: what that costs it.
    if (shared) report.row("  client CPU per delivery", f[2][0], f[2][1], Report.MICROS);
    report.row("  server live heap after GC", f[3][0], f[3][1], Report.MIB);
  }

  void latency() throws Exception {
    report.section("2. Latency: 1 contributor -> " + o.latencyConsumers + " consumers, each on"
        + " its own connection, fixed rate (vs Node)");
    report.note("from each event's due time to the consumer's callback: a late publisher adds"
        + " to latency");
    report.note("client: hatchet's (what users get), then the raw load generator (the"
        + " server's share)");
    for (int rate : o.rates) {
      latency(rate, "hatchet client", () -> new ClientStack.HatchetClient());
      latency(rate, "raw client", () -> new ClientStack.Raw(fleet));
    }
    noise();
  }

  private void latency(int rate, String client, Supplier<ClientStack> stacks) throws Exception {
    Rounds[][] f = pairs(6);
    f[3] = new Rounds[] {Rounds.max(), Rounds.max()};
    rounds("latency at " + rate + "/s, " + client, node, (server, i, round) -> {
      FixedRate.Result r = FixedRate.run(server, stacks.get(), o.latencyConsumers, rate,
          o.latencyWarmSeconds, o.latencySeconds);
      f[0][i].add(r.latency().millis(0.50));
      f[1][i].add(r.latency().millis(0.99));
      f[2][i].add(r.latency().millis(0.999));
      f[3][i].add(r.latency().maxMillis());
      f[4][i].add(r.lateness().millis(0.99));
      f[5][i].add(100.0 * r.lateOver1ms() / Math.max(1, r.lateness().count()));
      other(r.otherCores());
      report.detail(Report.fmt("latency %d/s, %s, %s round %d: %d of %d deliveries, %d"
          + " failed publishes; publisher max %.2f ms late; CPU per delivery: server %.1f us"
          + " (%.0f%% kernel), load generator %.1f us (%.0f%% kernel, %.0f threads started/s);"
          + " other processes %.2f cores", rate, client, server.name, round + 1, r.received(),
          r.expected(), r.failures(), r.lateness().maxMillis(), r.serverMicrosPerDelivery(),
          100 * r.serverKernelShare(), r.loadMicrosPerDelivery(), 100 * r.loadKernelShare(),
          r.threadStartsPerSecond(), r.otherCores()));
    });
    String at = rate + "/s, " + client + ": p50";
    boolean target = client.startsWith("hatchet");
    report.row(at, f[0][0], f[0][1], Report.MILLIS);
    report.row("  p99", f[1][0], f[1][1], Report.MILLIS, NONE, NONE, target ? 1.0 : NONE);
    report.row("  p99.9", f[2][0], f[2][1], Report.MILLIS);
    report.row("  max", f[3][0], f[3][1], Report.MILLIS);
    report.row("  publisher lateness p99", f[4][0], f[4][1], Report.MILLIS);
    report.row("  events sent > 1 ms late", f[5][0], f[5][1], Report.PERCENT);
  }

  void idle() throws Exception {
    report.section("3. Connections: idle consumers (authenticated, watching) held by one server"
        + " (vs Node)");
    report.note("growth of the server's live heap (after a full GC) per connection; off-heap:");
    report.note("Netty + JDK direct buffers / Node 'external'; 1 round");
    Idle idle = new Idle(fleet);
    for (int n : o.idle) {
      Rounds[][] f = pairs(4);
      for (ServerProcess server : turns(0, hub, node)) {
        int i = server == hub ? 0 : 1;
        starting("idle " + n + ", " + server.name);
        Idle.Result r = idle.run(server, n);
        f[0][i].add(r.held());
        f[1][i].add(r.heapPerConnection());
        f[2][i].add(r.offHeapPerConnection());
        f[3][i].add(r.liveHeap());
        report.detail(Report.fmt("idle %d, %s: connected at %.0f/s; RSS grew %.1f KiB per"
            + " connection", n, server.name, r.connectsPerSecond(), r.rssPerConnection() / 1024));
      }
      report.row("N=" + n + ": held (each got a broadcast)", f[0][0], f[0][1], Report.COUNT);
      report.row("  heap per connection", f[1][0], f[1][1], Report.KIB);
      report.row("  off-heap per connection", f[2][0], f[2][1], Report.KIB);
      report.row("  server live heap with N connected", f[3][0], f[3][1], Report.MIB,
          NONE, NONE, n == 10_000 ? 1024.0 * 1024 * 1024 : NONE);
    }
  }

  void connect() throws Exception {
    report.section("4. Connect + authenticate + first event: hatchet's client, a new Hatchet"
        + " each time (vs Node), after " + CONNECT_WARMUP + " to warm up and 100 unrecorded"
        + " per round");
    Rounds[][] f = pairs(5);
    rounds("connect time", node, (server, i, round) -> {
      ConnectTime.Result r = ConnectTime.run(server, o.connectIterations);
      f[0][i].add(r.ready().millis(0.5));
      f[1][i].add(r.ready().millis(0.99));
      f[2][i].add(r.firstEvent().millis(0.5));
      f[3][i].add(r.firstEvent().millis(0.99));
      f[4][i].add(r.serverCpuNanos() / 1e6);
      report.detail(Report.fmt("connect time, %s round %d: server CPU per connect %.2f ms%s",
          server.name, round, r.serverCpuNanos() / 1e6, Double.isNaN(r.serverCompileNanos()) ? ""
              : Report.fmt(", of which its JIT compiling %.2f ms", r.serverCompileNanos() / 1e6)));
    });
    report.row("connect + auth + watch confirmed: p50", f[0][0], f[0][1], Report.MILLIS);
    report.row("  p99", f[1][0], f[1][1], Report.MILLIS);
    report.row("... + first event received: p50", f[2][0], f[2][1], Report.MILLIS);
    report.row("  p99", f[3][0], f[3][1], Report.MILLIS);
    report.row("server CPU per connect, its close included", f[4][0], f[4][1],
        Report.MILLIS);
  }

  void overhead() throws Exception {
    report.section("5. Client overhead: hatchet's client + hub vs socket.io-client-java +"
        + " netty-socketio, bare");
    report.note(o.overheadRate + " events/s -> " + o.latencyConsumers + " consumers; client CPU:"
        + " the load generator's CPU time / deliveries");
    Rounds[][] f = pairs(4);
    rounds("client overhead", raw, (server, i, round) -> {
      ClientStack stack = server == hub
          ? new ClientStack.HatchetClient() : new ClientStack.SocketIoClient();
      FixedRate.Result r = FixedRate.run(server, stack, o.latencyConsumers, o.overheadRate,
          o.latencyWarmSeconds, o.latencySeconds);
      f[0][i].add(r.loadMicrosPerDelivery());
      f[1][i].add(r.serverMicrosPerDelivery());
      f[2][i].add(r.latency().millis(0.5));
      f[3][i].add(r.latency().millis(0.99));
      other(r.otherCores());
      report.detail(Report.fmt("overhead, %s round %d: %d of %d deliveries, %d failed"
          + " publishes; kernel share of CPU: client %.0f%%, server %.0f%%; client threads"
          + " started %.0f/s; other processes %.2f cores", server.name, round + 1,
          r.received(), r.expected(), r.failures(), 100 * r.loadKernelShare(),
          100 * r.serverKernelShare(), r.threadStartsPerSecond(), r.otherCores()));
    });
    report.row("client CPU per delivery", f[0][0], f[0][1], Report.MICROS, NONE, 1.10, NONE);
    report.row("server CPU per delivery", f[1][0], f[1][1], Report.MICROS);
    report.row("latency p50", f[2][0], f[2][1], Report.MILLIS);
    report.row("latency p99", f[3][0], f[3][1], Report.MILLIS);
    noise();
  }

  void sendPath() throws Exception {
    report.section("6. Send path: contributors on one Hatchet -> the server, acknowledged,"
        + " nobody watching (vs Node)");
    report.note("hatchet's client, as fast as answered, at most " + o.sendWindow
        + " broadcasts unacknowledged in all");
    report.note("CPU per acknowledged event: the server process's own, and this JVM's (client)");
    SendPath send = new SendPath(o.sendWindow);
    for (int n : o.send) sendPath(n + (n == 1 ? " contributor" : " contributors"), n, send);
    noise();
  }

  private void sendPath(String label, int contributors, SendPath send) throws Exception {
    Rounds[][] f = pairs(3);
    rounds("send path, " + label, node, (server, i, round) -> {
      SendPath.Result r = send.run(server, contributors, o.rampSeconds, o.sendSeconds);
      Phase m = r.measured();
      f[0][i].add(m.perSecond());
      f[1][i].add(m.serverMicrosEach());
      f[2][i].add(m.ownMicrosEach());
      other(m.otherCores());
      report.detail(Report.fmt("send path, %s, %s round %d: %.0f acknowledged events/s; %s;"
          + " %.2f TCP segments per event; %d sent, %d failed", label, server.name, round + 1,
          m.perSecond(), m.cpu(), m.segmentsEach(), r.sent(), r.failed()));
    });
    String rate = label + ": acknowledged events/s";
    if (contributors == 1) {
      report.rowAtLeast(rate, f[0][0], f[0][1], Report.RATE, SEND_FLOOR, Report.fmt(
          ">= %.0fk/s (target %.0fk/s)", SEND_FLOOR / 1000, SEND_AIM / 1000));
    } else {
      report.row(rate, f[0][0], f[0][1], Report.RATE);
    }
    report.row("  server CPU per publish", f[1][0], f[1][1], Report.MICROS);
    report.row("  client CPU per publish", f[2][0], f[2][1], Report.MICROS);
  }

  void service(File logs) throws Exception {
    report.section("7. The service: io.hatchet.server.Main run (what hatchet-hub.jar runs), events"
        + " published over its admin API (no baseline)");
    report.note("HTTP/1.1, " + o.serviceWindow + " keep-alive connections with a request in"
        + " flight on each, nobody watching; CPU per event: the service process's own, and this"
        + " JVM's");
    Rounds[] f = new Rounds[6]; // 1 per request, then batches: events/s, server, client CPU
    for (int i = 0; i < f.length; i++) f[i] = Rounds.mean();
    try (ServiceBench service = new ServiceBench(logs, o.hubHeap)) {
      service.start();
      starting("warming up the service: HTTP publishes for " + o.warmupSeconds + " s");
      service.publish(1, o.serviceWindow, 0, o.warmupSeconds / 2);
      service.publish(100, o.serviceWindow, 0, o.warmupSeconds / 2);
      for (int round = 0; round < o.rounds; round++) {
        int[] batches = round % 2 == 0 ? new int[] {1, 100} : new int[] {100, 1};
        for (int batch : batches) {
          starting("service, HTTP publishes in batches of " + batch + ", round " + (round + 1));
          ServiceBench.Result r = service.publish(batch, o.serviceWindow, o.rampSeconds,
              o.sendSeconds);
          Phase m = r.measured();
          int at = batch == 1 ? 0 : 3;
          f[at].add(m.perSecond());
          f[at + 1].add(m.serverMicrosEach());
          f[at + 2].add(m.ownMicrosEach());
          other(m.otherCores());
          report.detail(Report.fmt("service, batches of %d, round %d: %.0f events/s; %s; %d"
              + " requests failed", batch, round + 1, m.perSecond(), m.cpu(), r.failed()));
        }
      }
    }
    report.row("HTTP publish, 1 per request: events/s", f[0], null, Report.RATE);
    report.row("  server CPU per event", f[1], null, Report.MICROS);
    report.row("  client CPU per event", f[2], null, Report.MICROS);
    report.row("HTTP publish, batches of 100: events/s", f[3], null, Report.RATE);
    report.row("  server CPU per event", f[4], null, Report.MICROS);
    report.row("  client CPU per event", f[5], null, Report.MICROS);
    Rounds startup = Rounds.mean();
    Rounds slowest = Rounds.max();
    for (int i = 0; i < o.serviceStarts; i++) {
      starting("service, start " + (i + 1) + " of " + o.serviceStarts);
      try (ServiceBench service = new ServiceBench(logs, o.hubHeap)) {
        double millis = service.start();
        startup.add(millis);
        slowest.add(millis);
      }
    }
    report.row("start to first accepted connection: mean of " + o.serviceStarts, startup, null,
        Report.MILLIS);
    report.row("  slowest", slowest, null, Report.MILLIS);
    noise();
  }

  /** Profiles the hub through fan-out runs like section 1's; writes each summary to a file. */
  void profile(File dir) throws Exception {
    FanOut fanOut = new FanOut(fleet, o.window);
    for (int n : o.fanout) profile(dir, fanOut, n, false);
    for (int n : o.shared) profile(dir, fanOut, n, true);
    // The send path of one contributor: the hub reading and answering publishes.
    File sendJfr = new File(dir, "hub-send-1.jfr");
    log("profiling the hub: send path, 1 contributor -> " + sendJfr);
    hub.profileStart();
    new SendPath(o.sendWindow).run(hub, 1, o.rampSeconds, o.sendSeconds);
    hub.profileStop(sendJfr);
    Files.writeString(new File(dir, "profile-send-1.txt").toPath(),
        Profiling.summary(sendJfr.toPath(), 40));
    // Connect + authenticate + first event, as section 4.
    File connectJfr = new File(dir, "hub-connect.jfr");
    log("profiling the hub: connect time -> " + connectJfr);
    hub.profileStart();
    ConnectTime.run(hub, o.connectIterations);
    hub.profileStop(connectJfr);
    Files.writeString(new File(dir, "profile-connect.txt").toPath(),
        Profiling.summary(connectJfr.toPath(), 40));
    // The client side: this JVM, with hatchet's client at section 5's rate.
    File jfr = new File(dir, "client-hatchet.jfr");
    log("profiling hatchet's client: " + o.overheadRate + " events/s -> " + jfr);
    Object recording = Profiling.start();
    FixedRate.run(hub, new ClientStack.HatchetClient(), o.latencyConsumers, o.overheadRate,
        o.latencyWarmSeconds, o.latencySeconds);
    Profiling.stop(recording, jfr.toPath());
    File summary = new File(dir, "profile-client-hatchet.txt");
    Files.writeString(summary.toPath(), Profiling.summary(jfr.toPath(), 40));
    log("profile summary: " + summary);
  }

  private void profile(File dir, FanOut fanOut, int n, boolean shared) throws Exception {
    String name = "fanout-" + (shared ? "shared-" : "") + n;
    File jfr = new File(dir, "hub-" + name + ".jfr");
    log("profiling the hub: fan-out to " + n + (shared ? " sharing one Hatchet" : "") + " -> "
        + jfr);
    fanOut.run(hub, n, shared, o.rampSeconds, o.fanoutSeconds, new FanOut.Hooks() {
      @Override public void measuring() throws Exception {
        hub.profileStart();
      }

      @Override public void measured() throws Exception {
        hub.profileStop(jfr);
      }
    });
    File summary = new File(dir, "profile-" + name + ".txt");
    Files.writeString(summary.toPath(), Profiling.summary(jfr.toPath(), 40));
    log("profile summary: " + summary);
  }
}
