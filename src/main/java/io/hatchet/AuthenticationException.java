package io.hatchet;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;

/**
 * The hub refused a consumer's or contributor's credentials. Final: the object stops trying, and
 * every send it had queued fails with this exception.
 */
public final class AuthenticationException extends HatchetException {
  /** The app {@link #app()} returns. */
  private final String app;
  /** The metadata {@link #metadata()} returns. */
  private final transient JsonElement metadata;

  /**
   * @param app the app whose credentials were refused
   * @param code the hub's error code, such as {@code bad_key}
   * @param message why, in the hub's words
   */
  public AuthenticationException(String app, String code, String message) {
    this(app, code, message, JsonNull.INSTANCE);
  }

  /**
   * @param app the app whose credentials were refused
   * @param code the hub's error code, such as {@code not_authorized}
   * @param message why, in the hub's words
   * @param metadata what the hub's authorizer added to its refusal; JSON null if nothing
   */
  public AuthenticationException(String app, String code, String message, JsonElement metadata) {
    super(code, "app '" + app + "': " + message + " (" + code + ")");
    this.app = app;
    this.metadata = metadata == null ? JsonNull.INSTANCE : metadata;
  }

  /**
   * What the hub's authorizer added to its refusal, such as where to log in (PROTOCOL.md,
   * {@code auth}).
   *
   * @return a copy of the refusal's metadata, JSON null if it had none; never null
   */
  public JsonElement metadata() {
    return metadata == null ? JsonNull.INSTANCE : metadata.deepCopy(); // null once deserialized
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
