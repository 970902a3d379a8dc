package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a JVM of its own, on the tests' class path: for what only a whole process
 * shows, such as exiting by itself once main returns.
 */
public final class ChildJvm {
  /** How long the child may take to exit by itself. */
  public static final long EXIT_SECONDS = 30;

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args} in {@code dir}, its working directory, and returns what it
   * printed (standard output and error together, also kept in {@code dir/out.txt}). Fails unless
   * it exits by itself, with status 0, within {@link #EXIT_SECONDS}; a child still running then is
   * named with its threads, and killed.
   */
  public static String run(Class<?> main, Path dir, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File output = dir.resolve("out.txt").toFile();
    List<String> command = new ArrayList<>(List.of(java,
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output)
        .start();
    try {
      if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
        String dump = threadDump(process.pid());
        fail(main.getSimpleName() + " did not exit within " + EXIT_SECONDS + " s of starting;"
            + " output:\n" + read(output) + "\nthreads:\n" + dump);
      }
      String out = read(output);
      assertEquals(0, process.exitValue(), main.getSimpleName() + " failed; output:\n" + out);
      return out;
    } finally {
      process.destroyForcibly();
    }
  }

  private static String read(File file) throws IOException {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }

  private static String threadDump(long pid) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      Process dump = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
          .redirectErrorStream(true).start();
      dump.waitFor(10, TimeUnit.SECONDS);
      return new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }
}
