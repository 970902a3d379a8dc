package io.hatchet.protocol;

/**
 * The error codes of PROTOCOL.md, with their names on the wire. The hub sends those up to
 * {@link #INTERNAL} in its error answers and {@code hub-error} events, and the client reports them
 * to applications as they came; the client adds those from {@link #BAD_ANSWER} on, for failures
 * that no hub reported, so that every failure an application sees has a code.
 */
public enum ErrorCode {
  /**
   * The event packet is not JSON the hub reads (PROTOCOL.md), the event's argument is not an object,
   * or a field is missing, of the wrong type, or out of range.
   */
  BAD_REQUEST("bad_request"),
  /** {@code v} in {@code auth} is not a protocol version this hub speaks (it speaks {@code 1}). */
  UNSUPPORTED_VERSION("unsupported_version"),
  /** No app of that name on this hub. */
  UNKNOWN_APP("unknown_app"),
  /** The key is not a consumer or contributor key of that app, nor shaped like a token. */
  BAD_KEY("bad_key"),
  /** {@code auth} with a key of another role than the {@code role} the client asked for. */
  WRONG_ROLE("wrong_role"),
  /** {@code auth} for a session name already authenticated on this connection. */
  SESSION_IN_USE("session_in_use"),
  /** The request names a session that has not authenticated on this connection. */
  NOT_AUTHENTICATED("not_authenticated"),
  /** The session's role or its key's allowed events do not permit this request. */
  NOT_PERMITTED("not_permitted"),
  /** The message's {@code data} is larger than the hub's limit. */
  TOO_LARGE("too_large"),
  /** The hub has no request of that name. */
  UNKNOWN_EVENT("unknown_event"),
  /**
   * {@code join} names a consumer id the hub does not know (never authenticated, ended, or gone
   * longer than the grace period).
   */
  UNKNOWN_CONSUMER("unknown_consumer"),
  /** {@code auth} claims a consumer id that belongs to another user. */
  ID_IN_USE("id_in_use"),
  /** The token's {@code exp} has passed (beyond the hub's clock-skew tolerance). */
  TOKEN_EXPIRED("token_expired"),
  /** The token's {@code nbf} is still to come. */
  TOKEN_NOT_YET_VALID("token_not_yet_valid"),
  /** The token is signed with none of the app's producer keys. */
  BAD_SIGNATURE("bad_signature"),
  /** The token's {@code alg} is not one of HS256/384/512, RS256/384/512, ES256/384/512. */
  UNSUPPORTED_ALGORITHM("unsupported_algorithm"),
  /** The token's {@code alg} is {@code none}. */
  UNSIGNED_TOKEN("unsigned_token"),
  /**
   * A producer credential used as a consumer token, or the reverse; or {@code aud} holds neither
   * audience, or both.
   */
  WRONG_AUDIENCE("wrong_audience"),
  /** The token was made for another app. */
  WRONG_APP("wrong_app"),
  /** A consumer token without a {@code userId} claim. */
  MISSING_USER_ID("missing_user_id"),
  /**
   * Not a JWS compact token, its claims are not a JSON object, a claim has the wrong type, or
   * {@code exp} is missing.
   */
  MALFORMED_TOKEN("malformed_token"),
  /**
   * A bound of the hub was reached: sessions on one connection, events one consumer watches,
   * rooms of one consumer, publishers of one app, aliases or rooms of one publish. The message
   * names the bound and its value.
   */
  /**
   * A bound of the hub was reached: sessions on one connection, events one consumer watches, rooms
   * of one consumer, publisher ids of one app, aliases or rooms of one publish; the message names
   * the bound and its value.
   */
  TOO_MANY("too_many"),
  /** The connection sent more requests per second than the hub allows. */
  /** The connection sent more requests a second than the hub allows; the request was not read. */
  RATE_LIMITED("rate_limited"),
  /**
   * The hub's authorizer or message hook failed on this request: it threw, returned null, or
   * failed its answer. The request did not take effect.
   */
  HOOK_FAILED("hook_failed"),
  /** The hub's authorizer or message hook did not answer in time. The request did not take effect. */
  HOOK_TIMEOUT("hook_timeout"),
  /**
   * The hub's authorizer refused the {@code auth}, or a pushinator client's user id and hash are
   * not registered.
   */
  NOT_AUTHORIZED("not_authorized"),
  /** The user is not registered with the hub (pushinator's registrations). */
  UNKNOWN_USER("unknown_user"),
  /** The hub failed; the request may not have taken effect. */
  INTERNAL("internal"),
  /**
   * The hub's answer could not be read: not an object, or a failure without an {@code error}
   * object. Never sent by the hub; the client reports it, so that every failure has a code.
   */
  /**
   * Never sent by the hub: the Java client reports it when the hub's answer cannot be read (not an
   * object, or {@code "ok": false} without an {@code error} object).
   */
  BAD_ANSWER("bad_answer"),
  /** Never sent by the hub: no answer came within the client's ack timeout. */
  /** Never sent by the hub: the Java client got no answer within its ack timeout. */
  ACK_TIMEOUT("ack_timeout"),
  /** Never sent by the hub: the session or its Hatchet was closed before the hub answered. */
  /** Never sent by the hub: the session or its Hatchet was closed before the answer came. */
  CLOSED("closed"),
  /** Never sent by the hub: a volatile send found no connection, or lost it before its answer. */
  /** Never sent by the hub: a volatile send found no connection, or lost it before the answer. */
  DROPPED("dropped"),
  /** Never sent by the hub: a request waited longer than the client's maxQueueAge to be sent. */
  /**
   * Never sent by the hub: the request waited longer than the client's {@code maxQueueAge} for a
   * connection.
   */
  EXPIRED("expired"),
  /** Never sent by the hub: the session's queue had reached its bound. */
  QUEUE_FULL("queue_full"),
  /** Never sent by the hub: the client could not connect within its failIfNotConnectedWithin. */
  NOT_CONNECTED("not_connected");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name in the {@code code} field of an error answer or a {@code hub-error}.
   *
   * @return the wire name, such as {@code bad_request}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the code of this wire name, or null if there is none: a newer hub may send codes
   * this side does not know, and must not make it fail.
   *
   * @param wireName a code as it came on the wire
   * @return its constant, or null
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
