package io.hatchet.hub.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP answers of the Engine.IO endpoint, and how they are written: with their length, the
 * CORS headers of the request's origin, and the connection closed after them unless the client
 * keeps it alive.
 */
final class HttpAnswers {
  static final String TEXT = "text/plain; charset=UTF-8";

  private HttpAnswers() {
  }

  /** Engine.IO's error answers, as the socket.io reference server gives them. */
  enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    final int code;
    final String message;

    EngineError(int code, String message) {
      this.code = code;
      this.message = message;
    }

    FullHttpResponse response() {
      HttpResponseStatus status =
          this == FORBIDDEN ? HttpResponseStatus.FORBIDDEN : HttpResponseStatus.BAD_REQUEST;
      return answer(status, "application/json",
          "{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }
  }

  static FullHttpResponse answer(HttpResponseStatus status, String contentType, String body) {
    return answer(status, contentType,
        Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  static FullHttpResponse answer(HttpResponseStatus status, String contentType, ByteBuf body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return response;
  }

  /**
   * Writes {@code response} to {@code channel} for a request from {@code origin}, and closes the
   * channel after it unless {@code keepAlive}.
   */
  static void write(Channel channel, FullHttpResponse response, boolean keepAlive,
      String origin, CorsPolicy cors) {
    cors.addHeaders(origin, response.headers());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    if (!channel.isActive()) {
      response.release();
      return;
    }
    if (keepAlive) {
      channel.writeAndFlush(response, channel.voidPromise());
    } else {
      channel.write(response, channel.voidPromise());
      Lingering.close(channel);
    }
  }
}
