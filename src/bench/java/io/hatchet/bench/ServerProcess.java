package io.hatchet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under benchmark in a process of its own (hatchet hub, raw netty-socketio or Node),
 * driven through its control line (see {@link ServerControl}): it prints {@code READY port},
 * answers {@code stats} and {@code gc} with its own CPU time and memory, and exits when its stdin
 * closes. Its stderr goes to a log file under {@code target/bench}, and a JVM's GC pauses to
 * another.
 */
final class ServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a server says about itself at one moment. */
  record Stats(long cpuNanos, long kernelNanos, long heapUsed, long offHeap, long rss,
      int connections, long atNanos, long compileMillis) {}

  final String name;
  final String url;
  private final Process process;
  private final Writer control;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ServerProcess(String name, List<String> command, File dir, File log) throws Exception {
    this.name = name;
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir)
        .redirectError(ProcessBuilder.Redirect.appendTo(log));
    this.process = builder.start();
    this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "bench-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    String ready = lines.poll(60, TimeUnit.SECONDS);
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not start (" + ready + "); see " + log);
    }
    this.url = "http://127.0.0.1:" + Integer.parseInt(ready.substring(6).trim());
  }

  /**
   * A JVM running {@code mainClass} on this JVM's classpath, with a {@code heap} limit; deeper
   * Flight Recorder stacks when it may be profiled (Netty's are deeper than JFR's default 64).
   */
  static ServerProcess java(String name, String mainClass, String heap, boolean profiled,
      File logDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        javaExecutable(), "-Xmx" + heap, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        // The class path holds the service's Logback too, whose default would log at DEBUG to
        // stdout, the control line: slf4j-simple, to stderr.
        "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider", "-Dslf4j.internal.verbosity=WARN",
        // Every pause, for reading latency tails against: one line each, next to the server's log.
        "-Xlog:gc:file=" + new File(logDir, name + "-gc.log").getAbsolutePath() + ":uptime"));
    if (profiled) command.add("-XX:FlightRecorderOptions:stackdepth=256");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return new ServerProcess(name, command, new File("."), new File(logDir, name + ".log"));
  }

  /** Node running {@code server.js} in {@code nodeDir}, with GC callable for heap figures. */
  static ServerProcess node(String name, File nodeDir, File logDir, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "--expose-gc", "server.js"));
    command.addAll(List.of(args));
    return new ServerProcess(name, command, nodeDir, new File(logDir, name + ".log"));
  }

  private static String javaExecutable() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("READY ") || line.startsWith("STATS ")) lines.add(line);
      }
    } catch (IOException e) {
      // The process ended; stats() will say so.
    }
  }

  /** The server's CPU time and memory now. */
  Stats stats() throws Exception {
    return ask("stats");
  }

  /** The same after a full garbage collection in the server: its live memory. */
  Stats gc() throws Exception {
    return ask("gc");
  }

  /** Starts a Flight Recorder profile in a JVM server. */
  void profileStart() throws Exception {
    ask("jfr-start");
  }

  /** Stops the profile and writes it to {@code file}. */
  void profileStop(File file) throws Exception {
    ask("jfr-stop " + file.getAbsolutePath());
  }

  private synchronized Stats ask(String command) throws Exception {
    control.write(command + "\n");
    control.flush();
    String line = lines.poll(60, TimeUnit.SECONDS);
    long at = System.nanoTime();
    if (line == null || !line.startsWith("STATS ")) {
      throw new IllegalStateException(name + " did not answer '" + command + "'"
          + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
    }
    JsonNode stats = JSON.readTree(line.substring(6));
    return new Stats(stats.path("cpuNanos").asLong(), stats.path("kernelNanos").asLong(),
        stats.path("heapUsed").asLong(),
        stats.path("offHeap").asLong(), stats.path("rss").asLong(),
        stats.path("connections").asInt(), at, stats.path("compileMillis").asLong(-1));
  }

  /** Waits until the server counts at most {@code connections} open, or 20 s have passed. */
  void awaitConnections(int connections) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (stats().connections() > connections && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  @Override public void close() {
    try {
      control.close(); // end of stdin: the server exits
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override public String toString() {
    return name + " at " + url;
  }
}
