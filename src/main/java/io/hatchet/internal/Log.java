package io.hatchet.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one Hatchet: every line starts with its name, and its informative lines are logged at
 * INFO only when the user asked for them with {@code log(true)}, else at DEBUG.
 */
final class Log {
  private static final Logger logger = LoggerFactory.getLogger("io.hatchet");

  private final String prefix;
  private final boolean verbose;

  Log(String name, boolean verbose) {
    this.prefix = "[" + name + "] ";
    this.verbose = verbose;
  }

  void info(String format, Object... args) {
    if (verbose) {
      logger.info(prefix + format, args);
    } else if (logger.isDebugEnabled()) {
      logger.debug(prefix + format, args);
    }
  }

  void warn(String format, Object... args) {
    logger.warn(prefix + format, args);
  }

  /** A key or token as it may appear in a log: its first three characters only. */
  static String mask(String secret) {
    return secret.length() <= 3 ? "…" : secret.substring(0, 3) + "…";
  }
}
