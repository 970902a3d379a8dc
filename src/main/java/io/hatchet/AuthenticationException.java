package io.hatchet;

/**
 * The hub refused a consumer's or contributor's credentials. Final: the object stops trying, and
 * every send it had queued fails with this exception.
 */
public final class AuthenticationException extends HatchetException {
  private final String app;

  public AuthenticationException(String app, String code, String message) {
    super(code, "app '" + app + "': " + message + " (" + code + ")");
    this.app = app;
  }

  /** The app whose credentials were refused. */
  public String app() {
    return app;
  }
}
