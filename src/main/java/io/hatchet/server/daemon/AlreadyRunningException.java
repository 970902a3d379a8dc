package io.hatchet.server.daemon;

import java.nio.file.Path;

/** A hub runs already with this pidfile. */
public final class AlreadyRunningException extends Exception {
  private final long pid;

  AlreadyRunningException(Path pidfile, long pid) {
    super("a hub runs already with the pidfile " + pidfile + " (pid " + pid + ")");
    this.pid = pid;
  }

  /**
   * The running hub's process id.
   *
   * @return its pid, 0 if the file names none
   */
  public long pid() {
    return pid;
  }
}
