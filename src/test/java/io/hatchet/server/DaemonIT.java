package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.server.HubProcess.Result;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start, status, stop and restart, by the pidfile, as an init script calls them. */
class DaemonIT {
  @TempDir Path dir;

  /** Nothing left running: a hub a failed test started is killed by its pid. */
  @AfterEach
  void killLeftovers() throws Exception {
    Path pidfile = dir.resolve("hub.pid");
    if (!Files.exists(pidfile)) return;
    String text = Files.readString(pidfile).strip();
    if (text.isEmpty()) return;
    Optional<ProcessHandle> hub = ProcessHandle.of(Long.parseLong(text));
    if (hub.isPresent() && hub.get().info().commandLine().orElse("").contains("hatchet")) {
      hub.get().destroyForcibly();
      hub.get().onExit().get();
    }
  }

  private Result hub(String command) throws Exception {
    return HubProcess.command(dir, command, "-c", "hub.yaml");
  }

  private long pid() throws Exception {
    return Long.parseLong(Files.readString(dir.resolve("hub.pid")).strip());
  }

  @Test
  void startStatusStopAndRestart() throws Exception {
    new TestConfig().with("logging", "logging: {level: info, file: daemon.log}").write(dir);
    Result notYet = hub("status");
    assertEquals(3, notYet.status(), notYet.output());
    assertTrue(notYet.output().contains("not running (no pidfile"), notYet.output());

    Result start = hub("start");
    assertEquals(0, start.status(), start.output());
    long pid = pid();
    assertTrue(start.output().contains("started hatchet hub (pid " + pid + "), logging to "
        + dir.resolve("daemon.log")), start.output());
    ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
    assertTrue(daemon.isAlive());
    assertFalse(daemon.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false),
        "the daemon is no child of the test");

    Result status = hub("status");
    assertEquals(0, status.status(), status.output());
    assertEquals("hatchet hub is running (pid " + pid + ")", status.output().strip());
    Result again = hub("start");
    assertEquals(0, again.status(), again.output());
    assertTrue(again.output().contains("already runs (pid " + pid + ")"), again.output());

    String log = Files.readString(dir.resolve("daemon.log"));
    assertTrue(log.contains("Service: hatchet hub ") && log.contains(" started in "), log);
    assertTrue(log.contains("pid " + pid), log);

    Result restart = hub("restart");
    assertEquals(0, restart.status(), restart.output());
    assertTrue(restart.output().contains("stopped hatchet hub (pid " + pid + ")"), restart.output());
    assertFalse(daemon.isAlive(), "stop returns once the process has ended");
    long second = pid();
    assertTrue(second != pid);

    Result stop = hub("stop");
    assertEquals(0, stop.status(), stop.output());
    assertEquals("stopped hatchet hub (pid " + second + ")", stop.output().strip());
    assertFalse(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(dir.resolve("hub.pid")), "the pidfile is removed");
    assertTrue(Files.readString(dir.resolve("daemon.log")).contains("Service: stopped"));

    Result stopAgain = hub("stop");
    assertEquals(0, stopAgain.status(), "stopping a stopped hub is no failure (LSB)");
    assertEquals("hatchet hub is not running", stopAgain.output().strip());
  }

  @Test
  void aStalePidfileIsDetectedAndReplaced() throws Exception {
    new TestConfig().write(dir);
    // A pid that is surely not running (above pid_max), then one that runs but is no hub.
    for (long stale : new long[] {4_999_999L, ProcessHandle.current().pid()}) {
      Files.writeString(dir.resolve("hub.pid"), stale + "\n");
      Result status = hub("status");
      assertEquals(3, status.status(), status.output());
      assertTrue(status.output().contains("the pidfile " + dir.resolve("hub.pid") + " is stale: pid "
          + stale + (stale == ProcessHandle.current().pid() ? " runs, but it is not this hub"
          : " is not running")), status.output());

      Result start = hub("start");
      assertEquals(0, start.status(), start.output());
      assertTrue(pid() != stale);
      assertTrue(Files.readString(dir.resolve("hub.log")).contains("replaced a stale pidfile"),
          "the daemon logs to hub.log beside its pidfile when the config names no log file");
      assertEquals(0, hub("stop").status());
    }
    Files.writeString(dir.resolve("hub.pid"), "4999999\n");
    Result stop = hub("stop");
    assertEquals(0, stop.status(), stop.output());
    assertFalse(Files.exists(dir.resolve("hub.pid")), "stop removes a stale pidfile");
  }

  @Test
  void aRunningHubIsNotStartedTwice() throws Exception {
    Path config = new TestConfig().write(dir);
    try (HubProcess foreground = HubProcess.run(config)) {
      Result status = hub("status");
      assertEquals(0, status.status(), "a foreground hub holds the pidfile too");
      assertTrue(status.output().contains("(pid " + foreground.pid() + ")"), status.output());
      Result second = HubProcess.command(dir, "run", "-c", "hub.yaml");
      assertEquals(1, second.status(), second.output());
      assertTrue(second.output().contains("a hub runs already with the pidfile"), second.output());
      Result stop = hub("stop");
      assertEquals(0, stop.status(), stop.output());
      assertEquals(0, foreground.awaitExit(), "SIGTERM from stop ends it with status 0");
    }
  }

  @Test
  void theDaemonLogsToSyslogWithItsTagAndFacility() throws Exception {
    try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      syslog.setSoTimeout((int) HubProcess.START_SECONDS * 1000);
      new TestConfig().with("logging", "logging: {level: info, syslog: {host: 127.0.0.1, port: "
          + syslog.getLocalPort() + ", facility: LOG_LOCAL3, tag: hub-test}}").write(dir);
      Result start = hub("start");
      assertEquals(0, start.status(), start.output());
      long pid = pid();
      String banner = null;
      while (banner == null) {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        syslog.receive(packet);
        String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        if (message.contains(" started in ")) banner = message;
      }
      // <PRI> = facility local3 (19) * 8 + severity info (6) = 158
      assertTrue(banner.startsWith("<158>"), banner);
      assertTrue(banner.contains(" hub-test[" + pid + "]: INFO  Service: hatchet hub "), banner);
      assertFalse(Files.exists(dir.resolve("hub.log")), "syslog instead of a file");
      assertEquals(0, hub("stop").status());
    }
  }
}
