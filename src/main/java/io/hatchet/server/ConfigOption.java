package io.hatchet.server;

import io.hatchet.server.config.ConfigException;
import io.hatchet.server.config.ServiceConfig;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c FILE}, which every command takes, and loading that file. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "hub.yaml",
      description = "the config file, YAML or JSON (default: ${DEFAULT-VALUE})")
  Path file;

  /** The config, or null after printing why there is none to {@code err}. */
  ServiceConfig load(PrintWriter err) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return ServiceConfig.load(absolute, System.getenv());
    } catch (NoSuchFileException e) {
      err.println("hatchet-hub: there is no config file " + absolute + ".");
      err.println("Write a starter one, with fresh keys and an admin token, with:");
      err.println("  " + Main.self() + " init -c " + file);
      err.println("then run the hub with:");
      err.println("  " + Main.self() + " run -c " + file);
    } catch (ConfigException e) {
      err.println("hatchet-hub: " + e.getMessage());
      err.println("The hub did not start. Every field is described in the README, section"
          + " \"Running the hub as a service\".");
    }
    err.flush();
    return null;
  }
}
