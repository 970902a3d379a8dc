package io.hatchet.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A call the admin API refuses: its HTTP status, and the code and message of the JSON error
 * {@code {"error":{"code","message"}}} it is answered with.
 */
final class AdminException extends RuntimeException {
  private final transient HttpResponseStatus status;
  private final String code;
  private final String allow;

  AdminException(HttpResponseStatus status, String code, String message) {
    this(status, code, message, null);
  }

  /** With {@code allow}: the methods a path takes, for a 405's {@code Allow} header. */
  AdminException(HttpResponseStatus status, String code, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.allow = allow;
  }

  static AdminException badRequest(String message) {
    return new AdminException(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
  }

  HttpResponseStatus status() {
    return status;
  }

  String code() {
    return code;
  }

  /** The methods allowed, for a 405; else null. */
  String allow() {
    return allow;
  }
}
