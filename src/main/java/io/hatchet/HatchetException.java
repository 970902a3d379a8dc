package io.hatchet;

/**
 * The base of every exception with which hatchet fails a future. Unchecked, as the futures carry
 * them; {@link #code()} names the cause in a stable, machine-readable form.
 */
public class HatchetException extends RuntimeException {
  /** The stable code {@link #code()} returns. */
  private final String code;

  /**
   * @param code the stable code that {@link #code()} returns
   * @param message what went wrong, for people
   */
  public HatchetException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * @param code the stable code that {@link #code()} returns
   * @param message what went wrong, for people
   * @param cause the failure that led to this one
   */
  public HatchetException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * A stable code: one of the hub's error codes (see PROTOCOL.md) or a client-side one.
   *
   * @return the code, such as {@code not_permitted} or {@code ack_timeout}
   */
  public String code() {
    return code;
  }
}
