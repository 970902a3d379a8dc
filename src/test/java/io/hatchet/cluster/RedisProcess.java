package io.hatchet.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the tests' own: started on a free port of loopback, with no persistence and
 * its files in a temporary directory, and stopped (with anything it left) by {@link #close()},
 * or by the JVM's exit. Never a system service. {@link #restart()} stops it and starts it again on
 * the same port, as an operator's restart does. Fails loudly when redis-server is missing: the
 * build installs it (src/test/tools/install-missing.sh).
 */
public final class RedisProcess implements AutoCloseable {
  private static final long START_SECONDS = 20;
  private static final int LOG_LINES = 40;

  private final int port;
  private final Path dir;
  private final Thread stopAtExit;
  private Process process;
  private final Deque<String> log = new ArrayDeque<>();

  private RedisProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
    this.stopAtExit = new Thread(this::stop, "redis-process-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /** Starts a redis-server on a free port, ready to take commands when this returns. */
  public static RedisProcess start() throws IOException, InterruptedException {
    RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("hatchet-redis-"));
    redis.launch();
    return redis;
  }

  /** The address the hubs are given: {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Whether the server process is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Stops the server at once (SIGKILL: what it held in memory is gone) and starts it again. */
  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  /** Stops the server at once, until {@link #restart()}. */
  public void kill() {
    stop();
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = List.of("redis-server", "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--dir", dir.toString(), "--loglevel", "notice");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run redis-server (mvn verify installs Debian's redis-server"
          + " package; install it with apt-get install redis-server): " + e.getMessage(), e);
    }
    CountDownLatch ready = new CountDownLatch(1);
    Process started = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          synchronized (log) {
            log.addLast(line);
            if (log.size() > LOG_LINES) log.removeFirst();
          }
          if (line.contains("Ready to accept connections")) ready.countDown();
        }
      } catch (IOException e) {
        // the process went: its output ends here
      }
    }, "redis-process-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(START_SECONDS, TimeUnit.SECONDS)) {
      stop();
      throw new IllegalStateException("redis-server on port " + port + " was not ready within "
          + START_SECONDS + " s; its last output:\n" + output());
    }
  }

  /** The server's last lines of output, for a failure's message. */
  public String output() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  private void stop() {
    Process running = process;
    if (running == null) return;
    running.destroyForcibly();
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server " + running.pid() + " did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs anyway
    }
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
