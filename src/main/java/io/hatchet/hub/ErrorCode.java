package io.hatchet.hub;

/** The error codes of PROTOCOL.md, with their names on the wire. */
enum ErrorCode {
  BAD_REQUEST("bad_request"),
  UNSUPPORTED_VERSION("unsupported_version"),
  UNKNOWN_APP("unknown_app"),
  BAD_KEY("bad_key"),
  SESSION_IN_USE("session_in_use"),
  NOT_AUTHENTICATED("not_authenticated"),
  NOT_PERMITTED("not_permitted"),
  TOO_LARGE("too_large"),
  UNKNOWN_EVENT("unknown_event"),
  INTERNAL("internal");

  final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }
}
