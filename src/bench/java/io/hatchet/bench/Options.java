package io.hatchet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's sizes and durations. The defaults finish in about 10 minutes on 2 cores; every
 * size can be raised, e.g.
 * {@code -Dbench.options="--fanout 1,100,1000,5000 --idle 1000,10000,18000 --hub-heap 2g"}
 * (mind {@code ulimit -n}: each idle consumer is a socket in the server and in the load generator).
 */
final class Options {
  static final String HELP = String.join("\n",
      "options (all optional), given as -Dbench.options=\"...\"; a list may be - (none):",
      "  --fanout 1,100,1000       consumers on separate connections, fan-out",
      "  --shared 100,1000         consumers sharing one Hatchet, fan-out",
      "  --rates 1000,3000         publish rates for latency, events/s",
      "  --latency-consumers 10    consumers for latency and client overhead",
      "  --idle 1000,10000         idle consumers held by one server",
      "  --rounds 2                measurements per figure and server, alternating servers",
      "  --fanout-seconds 6        measured time per fan-out run (after a 2 s ramp)",
      "  --latency-seconds 10      measured time per latency run (after a 2 s warm-up)",
      "  --warmup 25               seconds of load on each server before anything is measured",
      "  --connect-iterations 100  connect + auth + first event, per round and server",
      "  --overhead-rate 1000      client overhead: events/s to the latency consumers",
      "  --send 1,10               contributors sharing one Hatchet, send path",
      "  --send-seconds 6          measured time per send-path run (after a 2 s ramp)",
      "  --send-window 2000        send path: broadcasts unacknowledged at most, in all",
      "  --hub-heap 1g             -Xmx of the hub and raw netty-socketio JVMs",
      "  --fleet-threads 2         event loops of the load generator's raw connections",
      "  --window 32768            fan-out: deliveries in flight at most (at least 16 N)",
      "  --quiet-wait 0            before each run, wait up to this many seconds for the rest",
      "                            of the machine to go quiet (< 0.25 cores busy)",
      "  --service-window 16       service: HTTP publishes in flight at most",
      "  --service-starts 5        service: starts timed to the first accepted connection",
      "  --only fanout,latency,idle,connect,overhead,send,service",
      "  --profile                 after the table: hub fan-out runs under Flight Recorder,",
      "                            summed up in target/bench/profile-*.txt",
      "  --quick                   a short smoke run (a few seconds per figure)");

  List<Integer> fanout = List.of(1, 100, 1000);
  List<Integer> shared = List.of(100, 1000);
  List<Integer> rates = List.of(1000, 3000);
  int latencyConsumers = 10;
  List<Integer> idle = List.of(1000, 10000);
  int rounds = 2;
  double rampSeconds = 2;
  double fanoutSeconds = 6;
  double latencyWarmSeconds = 2;
  double latencySeconds = 10;
  double warmupSeconds = 25;
  int connectIterations = 100;
  int overheadRate = 1000;
  List<Integer> send = List.of(1, 10);
  double sendSeconds = 6;
  /** Below the Hatchet's maxQueuedSends (10,000), so no send is refused for a full queue. */
  int sendWindow = 2000;
  String hubHeap = "1g";
  int fleetThreads = 2;
  int window = 32768;
  double quietWait = 0;
  int serviceWindow = 16;
  int serviceStarts = 5;
  Set<String> only = Set.of("fanout", "latency", "idle", "connect", "overhead", "send", "service");
  boolean profile;
  final String given;

  private Options(String given) {
    this.given = given;
  }

  boolean runs(String part) {
    return only.contains(part);
  }

  /** Parses the words of {@code args} (Maven passes them as one argument); null for help. */
  static Options parse(String[] args) {
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      for (String word : arg.trim().split("\\s+")) if (!word.isEmpty()) words.add(word);
    }
    Options o = new Options(String.join(" ", words));
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--quick")) {
        o.fanout = List.of(1, 100);
        o.shared = List.of(100);
        o.rates = List.of(1000);
        o.idle = List.of(1000);
        o.rounds = 1;
        o.rampSeconds = 1;
        o.fanoutSeconds = 2;
        o.latencyWarmSeconds = 1;
        o.latencySeconds = 2;
        o.warmupSeconds = 3;
        o.connectIterations = 10;
        o.sendSeconds = 2;
        o.serviceStarts = 2;
        continue;
      }
      if (word.equals("--profile")) {
        o.profile = true;
        continue;
      }
      if (word.equals("help") || word.equals("--help") || i + 1 >= words.size()) return null;
      String value = words.get(++i);
      switch (word) {
        case "--fanout" -> o.fanout = ints(value);
        case "--shared" -> o.shared = ints(value);
        case "--rates" -> o.rates = ints(value);
        case "--latency-consumers" -> o.latencyConsumers = Integer.parseInt(value);
        case "--idle" -> o.idle = ints(value);
        case "--rounds" -> o.rounds = Integer.parseInt(value);
        case "--fanout-seconds" -> o.fanoutSeconds = Double.parseDouble(value);
        case "--latency-seconds" -> o.latencySeconds = Double.parseDouble(value);
        case "--warmup" -> o.warmupSeconds = Double.parseDouble(value);
        case "--connect-iterations" -> o.connectIterations = Integer.parseInt(value);
        case "--overhead-rate" -> o.overheadRate = Integer.parseInt(value);
        case "--send" -> o.send = ints(value);
        case "--send-seconds" -> o.sendSeconds = Double.parseDouble(value);
        case "--send-window" -> o.sendWindow = Integer.parseInt(value);
        case "--hub-heap" -> o.hubHeap = value;
        case "--fleet-threads" -> o.fleetThreads = Integer.parseInt(value);
        case "--window" -> o.window = Integer.parseInt(value);
        case "--quiet-wait" -> o.quietWait = Double.parseDouble(value);
        case "--service-window" -> o.serviceWindow = Integer.parseInt(value);
        case "--service-starts" -> o.serviceStarts = Integer.parseInt(value);
        case "--only" -> o.only = Set.of(value.split(","));
        default -> {
          return null;
        }
      }
    }
    return o;
  }

  /** A comma-separated list; "-" for none. */
  private static List<Integer> ints(String csv) {
    if (csv.equals("-")) return List.of();
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }
}
