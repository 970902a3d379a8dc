package io.hatchet.server.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers admin calls: checks the bearer token, finds the route, runs its handler and writes its
 * answer, or the JSON error of what went wrong. Shared by every connection; runs on the admin
 * event loops.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  static final String UNMATCHED = "unmatched";

  /** Told of every call answered, for metrics. */
  @FunctionalInterface
  interface CallListener {
    void answered(String route, int status, long nanos);
  }

  private final byte[] token;
  private final Router router;
  private final CallListener listener;
  private final BooleanSupplier draining;

  AdminHandler(String token, Router router, CallListener listener, BooleanSupplier draining) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.router = router;
    this.listener = listener;
    this.draining = draining;
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    String route = UNMATCHED;
    Answer answer;
    String allow = null;
    try {
      if (request.decoderResult().isFailure()) {
        throw AdminException.badRequest("the request is not HTTP/1.1 that can be read");
      }
      authorize(request.headers().get(HttpHeaderNames.AUTHORIZATION));
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      Router.Match match = router.find(request.method().name(), uri.rawPath());
      route = match.pattern();
      if (draining.getAsBoolean() && !route.equals("/health")) {
        throw new AdminException(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down",
            "the hub is stopping");
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      answer = match.handler().handle(new Call(request.method().name(), uri.path(),
          match.params(), uri.parameters(), Call.header(request), body));
    } catch (AdminException e) {
      answer = Answer.error(e.status(), e.code(), e.getMessage());
      allow = e.allow();
    } catch (RuntimeException e) {
      log.warn("admin call {} {} failed", request.method(), route, e);
      answer = Answer.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal",
          "the hub failed: " + e);
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request) && !draining.getAsBoolean();
    write(ctx, answer, allow, request.method().equals(HttpMethod.HEAD), keepAlive);
    listener.answered(route, answer.status().code(), System.nanoTime() - start);
  }

  private void authorize(String header) {
    if (header == null) {
      throw new AdminException(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
          "admin calls need the header Authorization: Bearer <admin.token of the config>");
    }
    // In constant time, so that how long a refusal takes tells nothing about the token.
    if (!MessageDigest.isEqual(token, header.strip().getBytes(StandardCharsets.UTF_8))) {
      throw new AdminException(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
          "the admin token is wrong");
    }
  }

  static void write(ChannelHandlerContext ctx, Answer answer, String allow, boolean head,
      boolean keepAlive) {
    ctx.writeAndFlush(response(answer, allow, head, keepAlive))
        .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
  }

  static FullHttpResponse response(Answer answer, String allow, boolean head, boolean keepAlive) {
    String text = answer.json() != null ? answer.json() + "\n" : answer.text();
    String type = answer.json() != null ? "application/json; charset=utf-8" : answer.contentType();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    if (answer.status().code() == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"hatchet-admin\"");
    }
    if (allow != null) response.headers().set(HttpHeaderNames.ALLOW, allow);
    if (!keepAlive) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("admin connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
