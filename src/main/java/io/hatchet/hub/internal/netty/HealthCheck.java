package io.hatchet.hub.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} on the hub's port, for load balancers: 200 {@code {"status":"ok"}} while
 * the hub takes clients, 503 {@code {"status":"closing"}} once it has begun to close. Asks for no
 * credentials: it tells nothing but that. Other paths are left to the server (404).
 */
public final class HealthCheck implements HttpRoutes {
  /** The path it answers on. */
  public static final String PATH = "/health";
  private static final String JSON = "application/json";

  private final BooleanSupplier closing;

  private HealthCheck(BooleanSupplier closing) {
    this.closing = closing;
  }

  /**
   * The health check of a hub that is closing while {@code closing} says so.
   *
   * @param closing true once the hub has begun to close
   * @return the routes to give the server
   */
  public static HttpRoutes of(BooleanSupplier closing) {
    return new HealthCheck(closing);
  }

  @Override public FullHttpResponse answer(FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals(PATH)) {
      return null;
    }
    HttpMethod method = request.method();
    if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      FullHttpResponse refused = HttpAnswers.answer(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON,
          "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"" + PATH
              + " takes GET or HEAD\"}}");
      refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      return refused;
    }
    boolean going = closing.getAsBoolean();
    HttpResponseStatus status =
        going ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK;
    FullHttpResponse response = method.equals(HttpMethod.HEAD)
        ? HttpAnswers.answer(status, JSON, Unpooled.EMPTY_BUFFER) // the status says it all
        : HttpAnswers.answer(status, JSON,
            going ? "{\"status\":\"closing\"}" : "{\"status\":\"ok\"}");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return response;
  }
}
