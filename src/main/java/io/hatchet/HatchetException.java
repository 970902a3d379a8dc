package io.hatchet;

/**
 * The base of every exception with which hatchet fails a future. Unchecked, as the futures carry
 * them; {@link #code()} names the cause in a stable, machine-readable form.
 */
public class HatchetException extends RuntimeException {
  private final String code;

  public HatchetException(String code, String message) {
    super(message);
    this.code = code;
  }

  public HatchetException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable code: one of the hub's error codes (see PROTOCOL.md) or a client-side one. */
  public String code() {
    return code;
  }
}
