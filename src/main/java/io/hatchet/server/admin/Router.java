package io.hatchet.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's routes: a method and a path pattern like {@code /apps/{app}/publish} each.
 * Each segment of a path is percent-decoded on its own, so that a parameter may hold a
 * {@code /} written as {@code %2F} (a room {@code projects/51762b8f}).
 */
final class Router {
  /** Handles one call. Runs on an admin event loop: must not block. */
  @FunctionalInterface
  interface Handler {
    Answer handle(Call call);
  }

  private record Route(String method, String pattern, String[] segments, Handler handler) {
  }

  /** A route found for a call: its handler, its pattern (for metrics) and its parameters. */
  record Match(Handler handler, String pattern, Map<String, String> params) {
  }

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, pattern, pattern.substring(1).split("/", -1), handler));
    return this;
  }

  /** Every pattern, for documentation checks. */
  List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.pattern()).toList();
  }

  /**
   * The route of {@code method} and {@code rawPath} (not yet decoded, without its query).
   *
   * @throws AdminException 404 if no route has the path, 405 (naming those allowed) if none
   *     of those that have it takes the method
   */
  Match find(String method, String rawPath) {
    String[] segments = rawPath.length() <= 1 ? new String[] {""}
        : rawPath.substring(1).split("/", -1);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> params = match(route, segments);
      if (params == null) continue;
      if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
        return new Match(route.handler(), route.pattern(), params);
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw new AdminException(HttpResponseStatus.NOT_FOUND, "not_found",
          "no admin call has the path " + shown(rawPath) + " (README: Admin API)");
    }
    throw new AdminException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
        "this path takes " + String.join(", ", allowed) + ", not " + method,
        String.join(", ", allowed));
  }

  private static Map<String, String> match(Route route, String[] segments) {
    if (route.segments().length != segments.length) return null;
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segments.length; i++) {
      String pattern = route.segments()[i];
      String segment;
      try {
        segment = QueryStringDecoder.decodeComponent(segments[i]);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (pattern.startsWith("{") && pattern.endsWith("}")) {
        if (segment.isEmpty()) return null;
        params.put(pattern.substring(1, pattern.length() - 1), segment);
      } else if (!pattern.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  private static String shown(String path) {
    return path.length() > 100 ? path.substring(0, 97) + "..." : path;
  }
}
