package io.hatchet.server;

import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.daemon.Daemon;
import io.hatchet.server.daemon.PidFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code start}, {@code stop}, {@code restart} and {@code status}: the hub as a daemon, found by
 * the pidfile its config names, with the LSB's exit statuses so that an init script can call
 * them as they are.
 */
final class DaemonCommands {
  private DaemonCommands() {
  }

  /** What each of the four commands shares: the config and the two streams. */
  abstract static class Base implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override public final Integer call() throws IOException, InterruptedException {
      ServiceConfig loaded = config.load(err());
      if (loaded == null) return ExitCodes.CONFIG;
      try {
        return run(loaded);
      } finally {
        out().flush();
        err().flush();
      }
    }

    abstract int run(ServiceConfig loaded) throws IOException, InterruptedException;

    int start(ServiceConfig loaded) throws IOException, InterruptedException {
      try {
        Daemon.Started started = Daemon.start(Main.class.getName(), loaded.file(), loaded.pidfile());
        if (started.alreadyRunning()) {
          out().println("hatchet hub already runs (pid " + started.pid() + ")");
        } else {
          ServiceConfig.Logging logging = loaded.logging();
          String logTo = logging.file() != null || logging.syslog() != null
              ? (logging.file() != null ? logging.file().toString() : "syslog")
              : loaded.daemonLogFile().toString();
          out().println("started hatchet hub (pid " + started.pid() + "), logging to " + logTo);
        }
        return ExitCodes.OK;
      } catch (Daemon.StartFailedException e) {
        err().println("hatchet-hub: not started: " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }

    int stop(ServiceConfig loaded, Integer timeoutSeconds) throws IOException, InterruptedException {
      Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds)
          : loaded.shutdownTimeout().plusSeconds(30);
      Daemon.Stop stop = Daemon.stop(loaded.pidfile(), timeout);
      switch (stop.outcome()) {
        case STOPPED -> out().println("stopped hatchet hub (pid " + stop.pid() + ")");
        case NOT_RUNNING -> out().println("hatchet hub is not running");
        default -> {
          err().println("hatchet-hub: gave up waiting after " + timeout.toSeconds() + " s: the hub"
              + " (pid " + stop.pid() + ") still runs. 'kill -9 " + stop.pid() + "' ends it at"
              + " once, losing what it had queued.");
          return ExitCodes.FAILED;
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Starts the hub in the background and returns once it listens; it logs to"
          + " the config's logging.file or syslog. Does nothing if it runs already.")
  static final class Start extends Base {
    @Override int run(ServiceConfig loaded) throws IOException, InterruptedException {
      return start(loaded);
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stops the hub gracefully (SIGTERM) and waits until its process has ended.")
  static final class Stop extends Base {
    @Option(names = "--timeout", paramLabel = "SECONDS",
        description = "how long to wait for it to end (default: shutdown.timeout + 30 s)")
    Integer timeout;

    @Override int run(ServiceConfig loaded) throws IOException, InterruptedException {
      return stop(loaded, timeout);
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "Stops the hub if it runs, then starts it.")
  static final class Restart extends Base {
    @Override int run(ServiceConfig loaded) throws IOException, InterruptedException {
      int stopped = stop(loaded, null);
      return stopped != ExitCodes.OK ? stopped : start(loaded);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Tells whether the hub runs: exit status 0 if it does, 3 if not.")
  static final class Status extends Base {
    @Override int run(ServiceConfig loaded) throws IOException {
      PidFile.Status status = PidFile.status(loaded.pidfile());
      switch (status.state()) {
        case RUNNING -> {
          out().println(status.pid() > 0 ? "hatchet hub is running (pid " + status.pid() + ")"
              : "hatchet hub is starting");
          return ExitCodes.OK;
        }
        case STALE -> out().println("hatchet hub is not running (the pidfile " + loaded.pidfile()
            + " is stale: " + status.staleReason() + ")");
        default -> out().println("hatchet hub is not running (no pidfile " + loaded.pidfile() + ")");
      }
      return ExitCodes.NOT_RUNNING;
    }
  }
}
