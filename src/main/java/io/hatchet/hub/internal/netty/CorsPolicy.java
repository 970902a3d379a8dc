package io.hatchet.hub.internal.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;

/**
 * Which browser origins may use the hub, and the CORS headers its HTTP answers carry.
 *
 * <p>hatchet's credentials travel inside messages, never in cookies, so no answer says
 * {@code Access-Control-Allow-Credentials}: a page of another origin gains nothing from a
 * user's browser that it could not do from anywhere else. By default every origin may connect,
 * and answers say {@code Access-Control-Allow-Origin: *}. With a list, a request whose
 * {@code Origin} is not on it is refused (HTTP 403, WebSocket included, where browsers send no
 * preflight), and allowed origins are echoed one by one.
 */
public final class CorsPolicy {
  /** Every origin, without credentials. */
  public static final CorsPolicy ANY_ORIGIN = new CorsPolicy(null);

  /** Null: any origin. */
  private final Set<String> allowed;

  private CorsPolicy(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** Only these origins, like {@code https://app.example.com} (scheme, host and port). */
  public static CorsPolicy only(Set<String> origins) {
    return new CorsPolicy(Set.copyOf(origins));
  }

  /** Whether a request with this {@code Origin} header (null if it has none) is served. */
  boolean allows(String origin) {
    // Requests without an Origin are not from a browser page: CORS does not concern them.
    return allowed == null || origin == null || allowed.contains(origin);
  }

  /** Adds the CORS headers for a request from {@code origin} to {@code headers}. */
  void addHeaders(String origin, HttpHeaders headers) {
    if (origin == null) {
      return;
    }
    if (allowed == null) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    } else {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      headers.set(HttpHeaderNames.VARY, "Origin");
    }
  }

  /** Adds what a preflight ({@code OPTIONS}) answer says beyond {@link #addHeaders}. */
  void addPreflightHeaders(HttpHeaders request, HttpHeaders headers) {
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
    String asked = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
    if (asked != null) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked);
    }
    headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
  }

  @Override public String toString() {
    return allowed == null ? "any origin" : "origins " + allowed;
  }
}
