package io.hatchet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hatchet.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples the README prints, each run in a JVM of its own as a user would run it: each must
 * do what it is for and then exit by itself.
 */
class ExamplesTest {
  /** Every example that holds a README block; {@link ReadmeTest} checks that none is missing. */
  static final List<Class<?>> RUN = List.of(QuickStart.class, TokensAndRooms.class,
      KeyFiles.class, Demo.class, TlsExample.class, SendingFromTheHub.class);

  @TempDir Path dir;

  @Test
  void quickStartDeliversBothEventsAndReportsTheSendsReach() throws Exception {
    List<String> lines = ChildJvm.run(QuickStart.class, dir).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertEquals("the signup reached 1 consumer(s)", lines.get(0));
    assertTrue(lines.get(1).startsWith("log {") && lines.get(1).contains("\"line\":100")
        && lines.get(1).contains("\"file\":\"ben.txt\""), lines.get(1));
    assertEquals("signup Signup[firstName=Frederick, lastName=Gustaveerson]", lines.get(2));
  }

  @Test
  void tokensAndRoomsReachTheTokenConsumerThroughItsRooms() throws Exception {
    String out = ChildJvm.run(TokensAndRooms.class, dir);
    List<String> lines = out.lines().toList();
    // What the consumer received, in send order, once each though it was in both rooms.
    List<String> received = lines.stream()
        .filter(line -> line.startsWith("{") || line.startsWith("task ")).toList();
    assertEquals(List.of("{\"e\":\":remove:tasks\",\"d\":\"553f\"}", "task {\"id\":\"553f\"}",
        "task {\"id\":\"554a\"}"), received, out);
    assertTrue(lines.contains("the message reached 1 consumer(s)"), out);
    assertTrue(lines.contains("left: true"), out);
    assertTrue(lines.contains("userIdxxx has 1 device(s) connected"), out);
    assertEquals(6, lines.size(), out);
  }

  @Test
  void theOpensslCommandsMakeKeysTheKeyFilesFragmentSignsAndVerifiesWith() throws Exception {
    runOpensslCommands();
    assertTrue(Files.exists(dir.resolve("producer.pem")) && Files.exists(dir.resolve("producer.pub.pem")));

    String out = ChildJvm.run(KeyFiles.class, dir);
    assertEquals("ES256 token and credential accepted", out.strip());
  }

  @Test
  void theDemoExchangesEventsAndRoomMessagesAndExits() throws Exception {
    String out = ChildJvm.run(Demo.class, dir);
    assertTrue(out.contains("consumer ready"), out);
    assertTrue(out.contains("\nlog {"), out);
    assertTrue(out.contains("\nsignup Frederick Gustaveerson"), out);
    assertTrue(out.contains("a last log event reached 0 consumers"), out);
    assertTrue(out.contains("room message {\"e\":\":remove:tasks\""), out);
    assertTrue(out.contains("the room message reached 1 consumer(s)"), out);
    assertTrue(out.strip().endsWith("done"), out);
  }

  @Test
  void sendingFromTheHubReachesTheConsumerAndClosesWithEverythingWritten() throws Exception {
    String out = ChildJvm.run(SendingFromTheHub.class, dir);
    assertEquals(List.of("the broadcast reached 1 consumer(s); 1 in ops",
        "{\"text\":\"maintenance at 22:00\"}", "{\"text\":\"hello Frederick\"}",
        "{\"text\":\"for ops only\"}", "refused: too_large",
        "3 publishes, 3 deliveries, 1 consumer(s) connected",
        "closed, everything written: true"), out.lines()
        // Told to go, the client may try to reconnect before it is closed, and say it cannot.
        .filter(line -> !(line.contains(" WARN ") && line.contains("cannot connect"))).toList(),
        out);
  }

  @Test
  void theTlsExampleCarriesAnEventOverTlsWithTheCertificateTheOpensslCommandMakes()
      throws Exception {
    runOpensslCommands();
    assertTrue(Files.exists(dir.resolve("cert.pem")) && Files.exists(dir.resolve("key.pem")));

    List<String> lines = ChildJvm.run(TlsExample.class, dir).lines().toList();
    assertEquals(2, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("https://127.0.0.1:"), lines.get(0));
    assertEquals("log {\"line\":1}", lines.get(1));
  }

  /** Runs README.md's openssl commands in {@link #dir}; skips the test without openssl. */
  private void runOpensslCommands() throws Exception {
    List<String> commands = Readme.blocks("sh").stream().map(ReadmeTest::commands)
        .flatMap(List::stream).filter(line -> line.startsWith("openssl ")).toList();
    assertFalse(commands.isEmpty(), "README.md has no openssl commands");
    assumeTrue(onPath("openssl"), "openssl is not installed");
    for (String command : commands) run(command);
  }

  private void run(String command) throws Exception {
    Process process = new ProcessBuilder(Arrays.asList(command.split("\\s+")))
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.txt").toFile()).start();
    try {
      assertTrue(process.waitFor(ChildJvm.EXIT_SECONDS, TimeUnit.SECONDS), command);
      assertEquals(0, process.exitValue(), command + ": " + Files.readString(dir.resolve("openssl.txt")));
    } finally {
      process.destroyForcibly();
    }
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
  }
}
