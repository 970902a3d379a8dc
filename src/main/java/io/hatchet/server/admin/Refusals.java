package io.hatchet.server.admin;

import io.hatchet.hub.HubException;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The HTTP status of each refusal of the hub, by its error code. */
final class Refusals {
  private Refusals() {
  }

  static HttpResponseStatus status(String code) {
    return switch (code) {
      case "unknown_app", "unknown_consumer", "unknown_user" -> HttpResponseStatus.NOT_FOUND;
      case "too_large" -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
      case "not_permitted", "not_authorized" -> HttpResponseStatus.FORBIDDEN;
      case "rate_limited" -> HttpResponseStatus.TOO_MANY_REQUESTS;
      case "internal" -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
      default -> HttpResponseStatus.BAD_REQUEST; // bad_request, too_many, ...
    };
  }

  static AdminException of(HubException e) {
    return new AdminException(status(e.code()), e.code(), e.getMessage());
  }
}
