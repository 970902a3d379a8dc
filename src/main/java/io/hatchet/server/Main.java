package io.hatchet.server;

import io.hatchet.server.logging.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar hatchet-hub.jar}: the hub as a service. {@code run} runs it in the
 * foreground; {@code start}, {@code stop}, {@code restart} and {@code status} run it as a
 * daemon by its pidfile; {@code init} writes a starter config.
 */
@Command(name = "hatchet-hub", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs a hatchet hub: socket.io clients on one port, the admin HTTP API on"
        + " another, as a config file says.",
    subcommands = {RunCommand.class, InitCommand.class, DaemonCommands.Start.class,
        DaemonCommands.Stop.class, DaemonCommands.Restart.class, DaemonCommands.Status.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done; for status: the hub runs", "1:failed", "2:wrong command line",
        "3:for status: the hub does not run", "6:no config file, or one with errors"})
public final class Main implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    LogSetup.bootstrap(); // before anything logs
    int status = commandLine().execute(args);
    RunCommand.exiting();
    System.exit(status);
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** No command: the usage, on standard error, and the status of a wrong command line. */
  @Override public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }

  /**
   * How to call this program, for the commands suggested in messages: {@code java -jar
   * target/hatchet-hub.jar} when run from its jar.
   */
  static String self() {
    String classPath = System.getProperty("java.class.path", "");
    return classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
        ? "java -jar " + classPath : "hatchet-hub";
  }
}
