package io.hatchet.server;

import io.hatchet.server.config.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code init [-c FILE]}: writes a starter config, never over an existing file. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Writes a starter config with a fresh consumer key, contributor key, producer"
        + " secret and admin token, readable by its owner only. Never overwrites a file.")
final class InitCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Option(names = "--app", paramLabel = "NAME", defaultValue = "demo",
      description = "the app's name (default: ${DEFAULT-VALUE})")
  String app;
  @Spec CommandSpec spec;

  @Override public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!app.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      err.println("hatchet-hub: --app " + app + ": an app name here is 1 to 64 letters, digits,"
          + " '.', '-' or '_', starting with a letter or digit");
      return ExitCodes.USAGE;
    }
    Path file = config.file.toAbsolutePath().normalize();
    try {
      create(file);
    } catch (FileAlreadyExistsException e) {
      err.println("hatchet-hub: " + file + " exists already; init never overwrites a file."
          + " Remove it, or give another path with -c.");
      return ExitCodes.FAILED;
    }
    Files.writeString(file, StarterConfig.text(app), StandardCharsets.UTF_8);
    out.println("wrote " + file + ": app " + app + " with a consumer key, a contributor key and"
        + " a producer secret, and an admin token, all made now.");
    out.println("Run the hub with:  " + Main.self() + " run -c " + config.file);
    out.flush();
    return ExitCodes.OK;
  }

  /** Creates the file empty, readable by its owner only where the file system can say so. */
  private static void create(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }
}
