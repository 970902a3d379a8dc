package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code target/hatchet-hub.jar} run as a child process, as an operator runs it: either a
 * command to its end ({@link #command}), or {@code run -c FILE} until stopped
 * ({@link #run}), whose start is known from the lines it logs.
 */
final class HubProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("hatchet.hub.jar", "target/hatchet-hub.jar"));
  /** A JVM's start, on a loaded 2-core machine. */
  static final long START_SECONDS = 60;
  static final long EXIT_SECONDS = 60;
  private static final Pattern CLIENT = Pattern.compile("clients connect to (\\S+) ");
  private static final Pattern ADMIN = Pattern.compile("admin API at (\\S+) ");

  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile String clientUrl;
  private volatile String adminUrl;

  private HubProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "hub-process-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** What a command printed, and its exit status. */
  record Result(int status, String output) {
  }

  static ProcessBuilder builder(Path dir, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
  }

  /** Runs a command of the jar in {@code dir} to its end, and returns what it printed. */
  static Result command(Path dir, String... args) throws IOException, InterruptedException {
    assertTrue(JAR.toFile().isFile(), JAR + " is missing: run mvn package first");
    HubProcess child = new HubProcess(builder(dir, List.of(args)).start());
    try {
      if (!child.ended.await(EXIT_SECONDS, TimeUnit.SECONDS)) {
        fail(String.join(" ", args) + " did not end within " + EXIT_SECONDS + " s:\n" + child.output());
      }
      return new Result(child.process.waitFor(), child.output());
    } finally {
      child.close();
    }
  }

  /** {@code run -c config}, once it has started: its banner is logged. */
  static HubProcess run(Path config, String... more) throws IOException, InterruptedException {
    return run(config, Map.of(), more);
  }

  /** {@code run -c config} with {@code environment} added to this JVM's, once it has started. */
  static HubProcess run(Path config, Map<String, String> environment, String... more)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("run", "-c", config.toString()));
    args.addAll(List.of(more));
    ProcessBuilder builder = builder(config.getParent(), args);
    builder.environment().putAll(environment);
    HubProcess child = new HubProcess(builder.start());
    if (!child.started.await(START_SECONDS, TimeUnit.SECONDS) || child.clientUrl == null) {
      String output = child.output();
      child.close();
      fail("the hub did not start within " + START_SECONDS + " s:\n" + output);
    }
    return child;
  }

  private void read() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
        Matcher client = CLIENT.matcher(line);
        if (client.find()) clientUrl = client.group(1);
        Matcher admin = ADMIN.matcher(line);
        if (admin.find()) adminUrl = admin.group(1);
        if (line.contains(" Service: pidfile ")) started.countDown();
      }
    } catch (IOException e) {
      lines.add("(reading the output failed: " + e + ")");
    } finally {
      started.countDown();
      ended.countDown();
    }
  }

  String clientUrl() {
    return clientUrl;
  }

  String adminUrl() {
    return adminUrl;
  }

  long pid() {
    return process.pid();
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Waits until the process has printed a line holding {@code text}. */
  void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    synchronized (lines) {
      while (lines.stream().noneMatch(line -> line.contains(text))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || ended.getCount() == 0) {
          fail("the hub printed no line with \"" + text + "\":\n" + String.join("\n", lines));
        }
        lines.wait(Math.min(left, 100)); // also wakes to see whether it has ended
      }
    }
  }

  /** Sends SIGTERM, and returns at once. */
  void signal() {
    // By its handle: Process.destroy() would also close the pipe of what it prints still.
    process.toHandle().destroy();
  }

  /** Sends SIGTERM and returns the exit status once the process has ended. */
  int terminate() throws InterruptedException {
    signal();
    return awaitExit();
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
      fail("the hub did not end within " + EXIT_SECONDS + " s:\n" + output());
    }
    ended.await(EXIT_SECONDS, TimeUnit.SECONDS); // the rest of its output
    return process.exitValue();
  }

  @Override public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
