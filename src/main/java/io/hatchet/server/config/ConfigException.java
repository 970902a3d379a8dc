package io.hatchet.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A config file that cannot be used, with every error found in it at once, not only the first,
 * so that one run of the hub shows everything to fix.
 */
public final class ConfigException extends Exception {
  private final transient Path file;
  private final transient List<ConfigError> errors;

  /**
   * Makes one.
   *
   * @param file the config file
   * @param errors what is wrong with it, at least one
   */
  public ConfigException(Path file, List<ConfigError> errors) {
    super(describe(file, errors));
    if (errors.isEmpty()) throw new IllegalArgumentException("no errors");
    this.file = file;
    this.errors = List.copyOf(errors);
  }

  /**
   * The config file.
   *
   * @return its path, as given
   */
  public Path file() {
    return file;
  }

  /**
   * What is wrong with it, in the order found.
   *
   * @return at least one error
   */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String describe(Path file, List<ConfigError> errors) {
    StringBuilder text = new StringBuilder("the config file ").append(file).append(" has ")
        .append(errors.size()).append(errors.size() == 1 ? " error:" : " errors:");
    for (ConfigError error : errors) text.append("\n  ").append(error);
    return text.toString();
  }
}
