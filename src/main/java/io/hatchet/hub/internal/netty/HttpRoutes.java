package io.hatchet.hub.internal.netty;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Answers the plain HTTP requests that reach the hub's port on paths other than the Engine.IO
 * one: a health check, static files, an admin API. The server answers 404 for what this does
 * not take.
 */
public interface HttpRoutes {
  /** Answers every request with 404. */
  HttpRoutes NONE = request -> null;

  /**
   * Returns the answer to {@code request}, or null to let the server answer 404. Called on a
   * Netty event loop: must not block. The server releases {@code request} afterwards.
   */
  FullHttpResponse answer(FullHttpRequest request);

  /** The first of {@code routes} that answers, or null. */
  static HttpRoutes first(HttpRoutes... routes) {
    HttpRoutes[] all = routes.clone();
    return request -> {
      for (HttpRoutes route : all) {
        FullHttpResponse response = route.answer(request);
        if (response != null) {
          return response;
        }
      }
      return null;
    };
  }
}
