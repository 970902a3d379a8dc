package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' log: slf4j-simple writes WARN and above to the file that pom.xml's surefire section
 * names, a line at a time, on the thread that logs. A test marks where the file ends, provokes,
 * and reads what was added since.
 */
public final class TestLog {
  private TestLog() {}

  /** Where the file ends now. */
  public static long mark() {
    try {
      return Files.exists(file()) ? Files.size(file()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines added since {@code mark} that contain {@code text}. */
  public static List<String> linesSince(long mark, String text) {
    return Arrays.stream(since(mark).split("\n")).filter(line -> line.contains(text)).toList();
  }

  /** What was added since {@code mark}. */
  public static String since(long mark) {
    try {
      byte[] all = Files.readAllBytes(file());
      return new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path file() {
    String name = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertNotNull(name, "run through Maven: the log file is set in pom.xml's surefire section");
    return Path.of(name);
  }
}
