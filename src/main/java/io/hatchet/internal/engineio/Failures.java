package io.hatchet.internal.engineio;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import okhttp3.Response;

/**
 * Why a WebSocket failed, in words a user can act on: the exception's class and message mean
 * little to someone who only mistyped a URL, and are kept for the DEBUG log.
 */
final class Failures {
  private Failures() {}

  /**
   * The reason for {@code error} (with OkHttp's {@code response} to the upgrade, if one came);
   * {@code connected}: whether socket.io had accepted the connection before it failed.
   */
  static String reason(Throwable error, Response response, boolean connected) {
    if (response != null && response.code() != 101) return httpStatus(response.code());
    if (error instanceof EOFException) {
      return connected ? "hub closed the connection"
          : "the server closed the connection before the handshake ended";
    }
    if (error instanceof UnknownHostException) {
      return "unknown host" + detail(error);
    }
    if (error instanceof ConnectException) {
      // OkHttp's message names the address, not the cause, which is nearly always a refusal.
      return "connection refused (nothing listens at that address and port)";
    }
    if (error instanceof NoRouteToHostException) return "no route to host";
    if (error instanceof SSLException) return tls(error);
    if (error instanceof SocketTimeoutException || error instanceof InterruptedIOException) {
      return "timeout" + detail(error);
    }
    if (error instanceof SocketException) {
      String message = String.valueOf(error.getMessage()).toLowerCase();
      if (message.contains("reset")) return "connection reset by the peer";
      if (message.contains("closed")) return connected ? "hub closed the connection"
          : "the server closed the connection before the handshake ended";
    }
    return "transport error: " + error.getClass().getSimpleName() + detail(error);
  }

  private static String httpStatus(int code) {
    String hint = switch (code) {
      case 404 -> " (not found: is the URL a hatchet hub's, and its path the hub's?)";
      case 400 -> " (bad request: is the server a hatchet hub, speaking Engine.IO 4?)";
      case 401, 403 -> " (refused: a proxy, or the hub's allowed origins)";
      case 429 -> " (too many connections from this address)";
      case 502, 503, 504 -> " (a proxy could not reach the hub)";
      default -> "";
    };
    return "the server answered the WebSocket upgrade with HTTP " + code + hint;
  }

  private static String tls(Throwable error) {
    String message = String.valueOf(error.getMessage());
    // What the JDK says when the bytes that came back are not TLS at all: plain HTTP, mostly.
    if (message.contains("Unsupported or unrecognized SSL message")
        || message.contains("plaintext connection")) {
      return "TLS handshake failed: the server does not speak TLS (for a plain-HTTP hub, use an "
          + "http:// or ws:// URL)";
    }
    return "TLS handshake failed" + detail(error);
  }

  private static String detail(Throwable error) {
    return error.getMessage() == null ? "" : ": " + error.getMessage();
  }
}
