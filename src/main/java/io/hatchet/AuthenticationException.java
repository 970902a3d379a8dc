package io.hatchet;

/**
 * The hub refused a consumer's or contributor's credentials. Final: the object stops trying, and
 * every send it had queued fails with this exception.
 */
public final class AuthenticationException extends HatchetException {
  /** The app {@link #app()} returns. */
  private final String app;

  /**
   * @param app the app whose credentials were refused
   * @param code the hub's error code, such as {@code bad_key}
   * @param message why, in the hub's words
   */
  public AuthenticationException(String app, String code, String message) {
    super(code, "app '" + app + "': " + message + " (" + code + ")");
    this.app = app;
  }

  /**
   * The app whose credentials were refused.
   *
   * @return the app's name
   */
  public String app() {
    return app;
  }
}
