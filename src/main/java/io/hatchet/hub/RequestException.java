package io.hatchet.hub;

import io.hatchet.protocol.ErrorCode;

/**
 * A request the hub refuses, with the code and message its answer carries. Thrown by request
 * handlers and turned into an answer by {@link RequestDispatcher}; it never escapes the hub.
 */
final class RequestException extends Exception {
  final ErrorCode code;

  RequestException(ErrorCode code, String message) {
    // No stack trace: these are answers to clients, not bugs, and a flood of bad requests
    // should cost no more than the good ones.
    super(message, null, false, false);
    this.code = code;
  }

  static RequestException badRequest(String message) {
    return new RequestException(ErrorCode.BAD_REQUEST, message);
  }
}
