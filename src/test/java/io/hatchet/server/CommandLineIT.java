package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.server.HubProcess.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of target/hatchet-hub.jar: help, version, init, and config files refused. */
class CommandLineIT {
  @TempDir Path dir;

  @Test
  void helpVersionAndNoCommand() throws Exception {
    Result help = HubProcess.command(dir, "--help");
    assertEquals(0, help.status(), help.output());
    for (String command : List.of("run", "init", "start", "stop", "restart", "status")) {
      assertTrue(help.output().contains("  " + command + " "), command + " in:\n" + help.output());
    }
    Result version = HubProcess.command(dir, "--version");
    assertEquals(0, version.status());
    assertTrue(version.output().startsWith("hatchet-hub 0."), version.output());
    Result none = HubProcess.command(dir);
    assertEquals(2, none.status(), none.output());
    assertTrue(none.output().contains("a command is needed"), none.output());
    Result unknown = HubProcess.command(dir, "run", "--no-such-option");
    assertEquals(2, unknown.status(), unknown.output());
  }

  @Test
  void withoutAConfigFileTheHubRefusesAndSaysHowToMakeOne() throws Exception {
    Result run = HubProcess.command(dir, "run");
    assertEquals(6, run.status(), run.output());
    assertTrue(run.output().contains("there is no config file " + dir.toRealPath().resolve("hub.yaml"))
        || run.output().contains("there is no config file " + dir.resolve("hub.yaml")), run.output());
    assertTrue(run.output().contains("hatchet-hub.jar init -c hub.yaml"), run.output());
  }

  @Test
  void initWritesAStarterConfigThatRunsAndNeverOverwrites() throws Exception {
    Result init = HubProcess.command(dir, "init", "-c", "starter.yaml", "--app", "shop");
    assertEquals(0, init.status(), init.output());
    Path starter = dir.resolve("starter.yaml");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(starter)));
    String text = Files.readString(starter);
    String token = text.lines().filter(l -> l.strip().startsWith("token: ")).findFirst()
        .orElseThrow().strip().substring("token: ".length());
    assertTrue(token.length() >= 40, token);

    Result again = HubProcess.command(dir, "init", "-c", "starter.yaml");
    assertEquals(1, again.status(), again.output());
    assertTrue(again.output().contains("exists already; init never overwrites"), again.output());
    assertEquals(text, Files.readString(starter), "left as it was");

    Result second = HubProcess.command(dir, "init", "-c", "second.yaml");
    assertEquals(0, second.status());
    assertTrue(!Files.readString(dir.resolve("second.yaml")).contains(token), "fresh keys each time");

    // The starter listens on the default ports: run it on free ones.
    String free = text.replace("port: 7800", "port: 0").replace("port: 7801", "port: 0");
    Files.writeString(starter, free);
    try (HubProcess hub = HubProcess.run(starter)) {
      assertTrue(hub.output().contains("app shop: consumers (1 key), contributors (1 key),"
          + " producers and token consumers (1 secret)"), hub.output());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(hub.adminUrl() + "/health"))
              .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertEquals(0, hub.terminate(), hub.output());
    }
  }

  @Test
  void aBadConfigIsRefusedWithEveryErrorPrinted() throws Exception {
    new TestConfig()
        .with("client", "client: {port: 70000, transport: [websocket]}")
        .with("admin", "admin: {token: short}")
        .with("limits", "limits: {maxMessageBytes: 1 lightyear, heartbeat: {interval: 0s}}")
        .write(dir);
    Result run = HubProcess.command(dir, "run", "-c", "hub.yaml");
    assertEquals(6, run.status(), run.output());
    List<String> expected = List.of(
        "has 5 errors:",
        "  line 1: client.port: 70000 is out of range; expected a port, 0 (any free one) to 65535",
        "  line 1: client.transport: is not a field here; did you mean \"transports\"?",
        "  line 2: admin.token: is 5 characters long; expected a secret of at least 16 characters",
        "  line 13: limits.maxMessageBytes: \"1 lightyear\" is not a size",
        "  line 13: limits.heartbeat.interval: \"0s\" is out of range; expected more than zero",
        "The hub did not start.");
    for (String line : expected) {
      assertTrue(run.output().contains(line), "missing: " + line + "\n" + run.output());
    }
    Result start = HubProcess.command(dir, "start", "-c", "hub.yaml");
    assertEquals(6, start.status(), "start refuses it too:\n" + start.output());
    assertTrue(start.output().contains("has 5 errors:"), start.output());
    assertTrue(!Files.exists(dir.resolve("hub.pid")), "nothing was started");
  }
}
