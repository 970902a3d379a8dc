package io.hatchet.server;

import io.hatchet.server.config.ServiceConfig;
import io.hatchet.server.daemon.AlreadyRunningException;
import io.hatchet.server.daemon.PidFile;
import io.hatchet.server.logging.LogSetup;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run -c FILE}: the hub in the foreground, until SIGTERM (or Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs the hub in the foreground, logging to standard output, until SIGTERM or"
        + " Ctrl-C, which stop it gracefully (exit status 0).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Service.class);
  /** Set before this program calls System.exit itself: its status is then kept. */
  private static volatile boolean exiting;

  @Mixin ConfigOption config;
  @Option(names = "--daemon", hidden = true,
      description = "started by 'start': logs as the config says for the daemon")
  boolean daemon;
  @Spec CommandSpec spec;

  @Override public Integer call() throws InterruptedException {
    ServiceConfig loaded = config.load(spec.commandLine().getErr());
    if (loaded == null) return ExitCodes.CONFIG;
    String logTo;
    if (daemon) {
      logTo = LogSetup.daemon(loaded.logging(), loaded.daemonLogFile());
    } else {
      LogSetup.foreground(loaded.logging());
      logTo = "standard output";
    }
    PidFile pidfile;
    try {
      pidfile = PidFile.acquire(loaded.pidfile());
    } catch (AlreadyRunningException e) {
      log.error("not started: {}; stop it first ('{} stop -c {}')", e.getMessage(), Main.self(),
          config.file);
      return ExitCodes.FAILED;
    } catch (IOException e) {
      log.error("not started: cannot write the pidfile {}: {}", loaded.pidfile(), e.toString());
      return ExitCodes.FAILED;
    }
    if (pidfile.replaced() != null) {
      log.warn("replaced a stale pidfile {}: {}", loaded.pidfile(), pidfile.replaced().staleReason());
    }
    Service service;
    try {
      service = Service.start(loaded);
      pidfile.ready();
    } catch (RuntimeException | IOException e) {
      log.error("not started: {}", e.getMessage(), e);
      pidfile.close();
      return ExitCodes.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> shutdown(service, pidfile), "hatchet-hub-shutdown"));
    Banner.log(log, loaded, service, logTo);
    if (daemon) LogSetup.startupDone();
    new CountDownLatch(1).await(); // the process ends in the shutdown hook
    return ExitCodes.OK;
  }

  /** Tells the shutdown hook that this program exits with a status of its own. */
  static void exiting() {
    exiting = true;
  }

  /**
   * On SIGTERM (what {@code stop} sends), SIGINT (Ctrl-C) or SIGHUP: the graceful stop. The JVM
   * runs this hook for each of them, then would exit with 128 + the signal's number (143 for
   * SIGTERM), which init systems read as a failure. Once the stop is done, the hook halts the
   * JVM with 0 instead: stopped as asked. (The standard API has no signal handler; a shutdown
   * hook is its one place to act on these signals.)
   */
  private static void shutdown(Service service, PidFile pidfile) {
    log.info("stopping: a signal asked the hub to stop");
    boolean drained = false;
    try {
      drained = service.stop();
    } catch (RuntimeException e) {
      log.error("stopping failed", e);
    } finally {
      pidfile.close();
    }
    if (drained) {
      log.info("stopped");
    } else {
      log.warn("stopped, without waiting longer for what was still queued (shutdown.timeout)");
    }
    LogSetup.stop();
    if (!exiting) Runtime.getRuntime().halt(ExitCodes.OK);
  }
}
