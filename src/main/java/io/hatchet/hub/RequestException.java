package io.hatchet.hub;

import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;

/**
 * A request the hub refuses, with the code and message its answer carries. Thrown by request
 * handlers and turned into an answer by {@link RequestDispatcher}; it never escapes the hub.
 */
final class RequestException extends Exception {
  /** How much of a client's text {@link #quote} keeps, in code points: a session name's limit. */
  static final int MAX_QUOTED = Limits.MAX_SESSION_LENGTH;

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

  /**
   * {@code text}, a name or value a client sent, in quotes for a message: cut after
   * {@link #MAX_QUOTED} code points, with "…", so that no answer or log line echoes text of any
   * length back.
   */
  static String quote(String text) {
    int end = 0;
    for (int n = 0; n < MAX_QUOTED && end < text.length(); n++) {
      end += Character.charCount(text.codePointAt(end));
    }
    return end == text.length() ? "'" + text + "'" : "'" + text.substring(0, end) + "…'";
  }
}
