package io.hatchet.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the JavaScript tests (src/test/js, copied to target/js/test by the build): each file with
 * Node's own test runner, against a real hub and Java clients of its own ({@link JsDriver}).
 * node/ holds tests of hatchet.js on socket.io-client in Node; browser/ drives Debian's chromium
 * with playwright-core through the live page, examples/browser. Each file is one test here; its
 * output is shown when it fails.
 */
class JsClientTest {
  private static final Path JS = Path.of("target", "js");
  private static final Path PAGES = Path.of("examples", "browser");
  private static final long FILE_TIMEOUT_SECONDS = 180;
  private static final Pattern COUNT = Pattern.compile("^# (pass|fail|cancelled) (\\d+)$",
      Pattern.MULTILINE);

  @TestFactory Stream<DynamicTest> javascript() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(JS.resolve("test"))) {
      // -Djs.tests=node/recovery runs only the files whose path holds that text.
      String only = System.getProperty("js.tests", "");
      files = walk.filter(path -> path.toString().endsWith(".test.js"))
          .filter(path -> path.toString().contains(only)).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no JavaScript tests in " + JS.resolve("test")
        + ": the build copies them there (mvn process-test-resources)");
    return files.stream().map(file -> DynamicTest.dynamicTest(
        JS.resolve("test").relativize(file).toString(), () -> run(file)));
  }

  private static void run(Path file) throws Exception {
    Path log = Files.createTempFile("hatchet-js-", ".log");
    try (JsDriver driver = new JsDriver(PAGES)) {
      ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap",
          JS.relativize(file).toString())
          .directory(JS.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      node.environment().putAll(driver.environment());
      Process process = node.start();
      if (!process.waitFor(FILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        fail(file + " did not end within " + FILE_TIMEOUT_SECONDS + " s:\n" + read(log));
      }
      String output = read(log);
      if (Boolean.getBoolean("js.verbose")) System.out.println(output); // -Djs.verbose=true
      int passed = count(output, "pass");
      assertEquals(0, process.exitValue(), file + " failed:\n" + output);
      assertEquals(0, count(output, "fail") + count(output, "cancelled"), output);
      assertTrue(passed > 0, "no test of " + file + " ran:\n" + output);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static int count(String tap, String what) {
    Matcher matcher = COUNT.matcher(tap);
    while (matcher.find()) {
      if (matcher.group(1).equals(what)) return Integer.parseInt(matcher.group(2));
    }
    return 0;
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
