package io.hatchet;

/**
 * The hub, or the client on the hub's behalf, refused one request: {@code not_permitted},
 * {@code too_large}, {@code bad_request} and the other codes of PROTOCOL.md. The connection and
 * the other requests are not affected.
 */
public final class RejectedException extends HatchetException {
  /**
   * @param code the hub's error code, such as {@code not_permitted}
   * @param message what was refused and why, for people
   */
  public RejectedException(String code, String message) {
    super(code, message + " (" + code + ")");
  }
}
