package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM whose main returns after closing a hub exits: the hub leaves no non-daemon thread. */
class JvmExitTest {
  @Test void jvmExitsAfterMainClosesTheHub() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; this property has the real class path.
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path output = Files.createTempFile("hub-exit-probe", ".log");
    try {
      Process process = new ProcessBuilder(java, "-cp", classPath,
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", HubExitProbe.class.getName())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      boolean exited = process.waitFor(20, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String log = Files.readString(output);
      assertTrue(exited, () -> "the JVM did not exit after the hub closed:\n" + log);
      assertEquals(0, process.exitValue(), () -> "probe failed:\n" + log);
      assertTrue(log.contains("probe done"), () -> "probe output:\n" + log);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
