package io.hatchet.server;

/**
 * The exit statuses of {@code hatchet-hub}, after the LSB's init script conventions, so that
 * the commands work as an init script's.
 */
final class ExitCodes {
  /** Done; for {@code status}: the hub runs. */
  static final int OK = 0;
  /** It failed: a port taken, a start that failed, a stop that gave up waiting. */
  static final int FAILED = 1;
  /** The command line is wrong (picocli's own status for it). */
  static final int USAGE = 2;
  /** For {@code status}: the hub does not run. */
  static final int NOT_RUNNING = 3;
  /** There is no config file, or it has errors (LSB: "program is not configured"). */
  static final int CONFIG = 6;

  private ExitCodes() {
  }
}
