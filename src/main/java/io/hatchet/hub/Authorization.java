package io.hatchet.hub;

import com.google.gson.JsonElement;

/**
 * What an {@link Authorizer} decided about one {@code auth}: accept it with an {@link Identity},
 * reject it, or leave it to the app's own keys and tokens ({@link #builtIn()}). Immutable.
 *
 * <p>Metadata is any value Gson encodes (a {@code JsonElement} as it is), converted when the
 * authorization is made: the client receives it in the {@code metadata} field of its {@code auth}
 * answer (PROTOCOL.md), on acceptance (a list of who is online, say) or rejection (why).
 */
public final class Authorization {
  /** What the authorizer decided. */
  enum Decision { ACCEPT, REJECT, BUILT_IN }

  private static final Authorization BUILT_IN =
      new Authorization(Decision.BUILT_IN, null, null, null);

  final Decision decision;
  /** For {@link Decision#ACCEPT}. */
  final Identity identity;
  /** For {@link Decision#REJECT}. */
  final String message;
  /** For the client: null for none. */
  final JsonElement metadata;

  private Authorization(Decision decision, Identity identity, String message,
      JsonElement metadata) {
    this.decision = decision;
    this.identity = identity;
    this.message = message;
    this.metadata = metadata;
  }

  /**
   * Opens the session as {@code identity}.
   *
   * @param identity the app, role and user or alias of the session
   * @return the authorization
   * @throws IllegalArgumentException if {@code identity} is null
   */
  public static Authorization accept(Identity identity) {
    return accept(identity, null);
  }

  /**
   * Opens the session as {@code identity}, and tells the client {@code metadata}.
   *
   * @param identity the app, role and user or alias of the session
   * @param metadata what the client receives in its answer; null for nothing
   * @return the authorization
   * @throws IllegalArgumentException if {@code identity} is null, or Gson cannot encode
   *     {@code metadata}
   */
  public static Authorization accept(Identity identity, Object metadata) {
    if (identity == null) throw new IllegalArgumentException("identity == null");
    return new Authorization(Decision.ACCEPT, identity, null, HookData.tree(metadata));
  }

  /**
   * Refuses the session: the client's answer is {@code not_authorized} with {@code message}.
   *
   * @param message why, for people
   * @return the authorization
   * @throws IllegalArgumentException if {@code message} is null
   */
  public static Authorization reject(String message) {
    return reject(message, null);
  }

  /**
   * Refuses the session: the client's answer is {@code not_authorized} with {@code message} and
   * {@code metadata}.
   *
   * @param message why, for people
   * @param metadata what the client receives in its answer's {@code error}; null for nothing
   * @return the authorization
   * @throws IllegalArgumentException if {@code message} is null, or Gson cannot encode
   *     {@code metadata}
   */
  public static Authorization reject(String message, Object metadata) {
    if (message == null) throw new IllegalArgumentException("message == null");
    return new Authorization(Decision.REJECT, null, message, HookData.tree(metadata));
  }

  /**
   * Leaves the decision to the app's keys and tokens, as without an authorizer: the request's
   * {@code app} and {@code key} decide.
   *
   * @return the authorization
   */
  public static Authorization builtIn() {
    return BUILT_IN;
  }

  @Override public String toString() {
    return switch (decision) {
      case ACCEPT -> "Authorization{accept " + identity + "}";
      case REJECT -> "Authorization{reject: " + message + "}";
      case BUILT_IN -> "Authorization{built in}";
    };
  }
}
