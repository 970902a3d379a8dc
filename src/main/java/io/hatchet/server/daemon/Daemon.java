package io.hatchet.server.daemon;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a hub in the background and stops it, by its pidfile: what {@code start}, {@code stop}
 * and {@code restart} do.
 */
public final class Daemon {
  /** How long a hub may take from its start to holding its pidfile. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 50;

  private Daemon() {
  }

  /** How a start ended. */
  public record Started(long pid, boolean alreadyRunning) {
  }

  /** A start that failed, with what the hub printed. */
  public static final class StartFailedException extends Exception {
    StartFailedException(String message) {
      super(message);
    }
  }

  /**
   * Starts {@code mainClass run --daemon -c config} in a process of its own, in a session of
   * its own ({@code setsid}, where there is one) so that closing the terminal does not end it,
   * with this JVM's options, and waits until it holds its pidfile: then it listens.
   *
   * @param mainClass the service's main class
   * @param config the config file, absolute
   * @param pidfile the config's pidfile
   * @return the hub's pid, and whether it ran already
   * @throws StartFailedException if it exited, or did not start in time (it is then killed),
   *     with what it printed
   * @throws IOException if the process cannot be started
   */
  public static Started start(String mainClass, Path config, Path pidfile)
      throws StartFailedException, IOException, InterruptedException {
    PidFile.Status status = PidFile.status(pidfile);
    if (status.state() == PidFile.State.RUNNING) return new Started(status.pid(), true);
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger's or agent's port would be taken twice.
      if (!option.startsWith("-agentlib:") && !option.startsWith("-javaagent:")
          && !option.startsWith("-Xrunjdwp")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass,
        "run", "--daemon", "-c", config.toString()));
    // What the hub prints until it has started, kept to tell why if it fails to; after that
    // it logs where the config says, and the file is removed.
    Path startupLog = Files.createTempFile("hatchet-hub-start-", ".txt");
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(startupLog.toFile()))
          .redirectErrorStream(true)
          .start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        PidFile.Status now = PidFile.status(pidfile);
        if (now.state() == PidFile.State.RUNNING && now.pid() > 0) {
          return new Started(now.pid(), false);
        }
        if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          throw new StartFailedException("the hub exited with status " + process.exitValue()
              + " while starting" + printed(startupLog));
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new StartFailedException("the hub did not start within "
              + START_TIMEOUT.toSeconds() + " s, and was killed" + printed(startupLog));
        }
      }
    } finally {
      Files.deleteIfExists(startupLog);
    }
  }

  /** How a stop ended. */
  public enum Stopped {
    /** It ran, and has ended. */
    STOPPED,
    /** It did not run. */
    NOT_RUNNING,
    /** It still runs after the time allowed. */
    GAVE_UP
  }

  /**
   * A stop's outcome.
   *
   * @param outcome what happened
   * @param pid the hub's pid; 0 if it did not run
   */
  public record Stop(Stopped outcome, long pid) {
  }

  /**
   * Asks the hub of {@code pidfile} to stop (SIGTERM, as {@code kill} does) and waits until its
   * process has ended, for at most {@code timeout}. A stale pidfile is removed.
   *
   * @param pidfile the config's pidfile
   * @param timeout how long to wait
   * @return what happened
   * @throws IOException if the pidfile cannot be read
   */
  public static Stop stop(Path pidfile, Duration timeout) throws IOException, InterruptedException {
    PidFile.Status status = PidFile.status(pidfile);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (status.state() == PidFile.State.RUNNING && status.pid() == 0) { // still starting
      if (System.nanoTime() > deadline) return new Stop(Stopped.GAVE_UP, 0);
      Thread.sleep(POLL_MILLIS);
      status = PidFile.status(pidfile);
    }
    if (status.state() != PidFile.State.RUNNING) {
      PidFile.removeIfStale(pidfile);
      return new Stop(Stopped.NOT_RUNNING, 0);
    }
    Optional<ProcessHandle> process = ProcessHandle.of(status.pid());
    if (process.isEmpty()) return new Stop(Stopped.NOT_RUNNING, 0);
    process.get().destroy();
    try {
      long left = Math.max(1, deadline - System.nanoTime());
      process.get().onExit().get(left, TimeUnit.NANOSECONDS);
      return new Stop(Stopped.STOPPED, status.pid());
    } catch (java.util.concurrent.TimeoutException e) {
      return new Stop(Stopped.GAVE_UP, status.pid());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for pid " + status.pid(), e.getCause());
    }
  }

  private static Optional<String> setsid() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path setsid = Path.of(dir, "setsid");
      if (Files.isExecutable(setsid)) return Optional.of(setsid.toString());
    }
    return Optional.empty();
  }

  private static String printed(Path startupLog) throws IOException {
    String text = Files.readString(startupLog, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "; it printed nothing" : "; it printed:\n" + text;
  }
}
