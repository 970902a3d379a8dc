package io.hatchet.hub;

/** The error codes of PROTOCOL.md, with their names on the wire. */
enum ErrorCode {
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
  INTERNAL("internal");

  final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }
}
