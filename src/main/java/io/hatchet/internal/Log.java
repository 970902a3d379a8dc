package io.hatchet.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one Hatchet: every line starts with its name, and its informative lines are logged at
 * INFO only when the user asked for them with {@code log(true)}, else at DEBUG.
 */
public final class Log {
  private static final Logger logger = LoggerFactory.getLogger("io.hatchet");

  private final String prefix;
  private final boolean verbose;

  Log(String name, boolean verbose) {
    this.prefix = "[" + name + "] ";
    this.verbose = verbose;
  }

  public void info(String format, Object... args) {
    if (verbose) {
      logger.info(prefix + format, args);
    } else if (logger.isDebugEnabled()) {
      logger.debug(prefix + format, args);
    }
  }

  /** Always at DEBUG: technical detail behind what the other lines say in words. */
  public void debug(String format, Object... args) {
    if (logger.isDebugEnabled()) logger.debug(prefix + format, args);
  }

  public void warn(String format, Object... args) {
    logger.warn(prefix + format, args);
  }

  public void error(String format, Object... args) {
    logger.error(prefix + format, args);
  }
}
