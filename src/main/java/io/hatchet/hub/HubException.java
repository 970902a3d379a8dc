package io.hatchet.hub;

import io.hatchet.protocol.ErrorCode;

/**
 * A call on the hub object that the hub refuses, with the error code a client would get for the
 * same request over a socket (PROTOCOL.md, "Errors"): {@code unknown_app}, {@code bad_request},
 * {@code too_large}, {@code too_many}, {@code unknown_consumer}, ... Nothing changed when one is
 * thrown.
 */
public class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error code, as PROTOCOL.md names it on the wire. */
  private final String code;

  /**
   * A refusal with {@code code} and what went wrong in words.
   *
   * @param code one of PROTOCOL.md's error codes, such as {@code unknown_app}
   * @param message what was refused and why
   */
  public HubException(String code, String message) {
    super(message);
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a HubException needs a code");
    }
    this.code = code;
  }

  HubException(ErrorCode code, String message) {
    this(code.wireName(), message);
  }

  /** The refusal a request over a socket would have been answered with. */
  static HubException of(RequestException refusal) {
    return new HubException(refusal.code, refusal.getMessage());
  }

  /**
   * The error code, as PROTOCOL.md names it on the wire.
   *
   * @return the code, such as {@code too_large}
   */
  public String code() {
    return code;
  }
}
