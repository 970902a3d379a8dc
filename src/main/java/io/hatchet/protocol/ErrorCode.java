package io.hatchet.protocol;

/**
 * The error codes of PROTOCOL.md, with their names on the wire. The hub sends those up to
 * {@link #INTERNAL} in its error answers and {@code hub-error} events, and the client reports them
 * to applications as they came; the client adds those from {@link #BAD_ANSWER} on, for failures
 * that no hub reported, so that every failure an application sees has a code.
 */
public enum ErrorCode {
  BAD_REQUEST("bad_request"),
  UNSUPPORTED_VERSION("unsupported_version"),
  UNKNOWN_APP("unknown_app"),
  BAD_KEY("bad_key"),
  WRONG_ROLE("wrong_role"),
  SESSION_IN_USE("session_in_use"),
  NOT_AUTHENTICATED("not_authenticated"),
  NOT_PERMITTED("not_permitted"),
  TOO_LARGE("too_large"),
  UNKNOWN_EVENT("unknown_event"),
  UNKNOWN_CONSUMER("unknown_consumer"),
  ID_IN_USE("id_in_use"),
  TOKEN_EXPIRED("token_expired"),
  TOKEN_NOT_YET_VALID("token_not_yet_valid"),
  BAD_SIGNATURE("bad_signature"),
  UNSUPPORTED_ALGORITHM("unsupported_algorithm"),
  UNSIGNED_TOKEN("unsigned_token"),
  WRONG_AUDIENCE("wrong_audience"),
  WRONG_APP("wrong_app"),
  MISSING_USER_ID("missing_user_id"),
  MALFORMED_TOKEN("malformed_token"),
  /**
   * A bound of the hub was reached: sessions on one connection, events one consumer watches,
   * rooms of one consumer, publishers of one app, aliases or rooms of one publish. The message
   * names the bound and its value.
   */
  TOO_MANY("too_many"),
  /** The connection sent more requests per second than the hub allows. */
  RATE_LIMITED("rate_limited"),
  INTERNAL("internal"),
  /**
   * The hub's answer could not be read: not an object, or a failure without an {@code error}
   * object. Never sent by the hub; the client reports it, so that every failure has a code.
   */
  BAD_ANSWER("bad_answer"),
  /** Never sent by the hub: no answer came within the client's ack timeout. */
  ACK_TIMEOUT("ack_timeout"),
  /** Never sent by the hub: the session or its Hatchet was closed before the hub answered. */
  CLOSED("closed"),
  /** Never sent by the hub: a volatile send found no connection, or lost it before its answer. */
  DROPPED("dropped"),
  /** Never sent by the hub: a request waited longer than the client's maxQueueAge to be sent. */
  EXPIRED("expired"),
  /** Never sent by the hub: the session's queue had reached its bound. */
  QUEUE_FULL("queue_full"),
  /** Never sent by the hub: the client could not connect within its failIfNotConnectedWithin. */
  NOT_CONNECTED("not_connected");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the {@code code} field of an error answer or a {@code hub-error}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the code of this wire name, or null if there is none: a newer hub may send codes
   * this side does not know, and must not make it fail.
   */
  public static ErrorCode fromWire(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(wireName)) {
        return code;
      }
    }
    return null;
  }
}
