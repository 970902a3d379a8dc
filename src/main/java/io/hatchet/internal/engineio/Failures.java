package io.hatchet.internal.engineio;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Response;

/**
 * Why a WebSocket failed, in words a user can act on: the exception's class and message mean
 * little to someone who only mistyped a URL, and are kept for the DEBUG log.
 */
final class Failures {
  /** OkHttp's words, over several lines, when the certificate does not name the URL's host. */
  private static final Pattern UNVERIFIED_HOST = Pattern.compile(
      "Hostname (\\S+) not verified.*subjectAltNames: \\[([^\\]]*)\\]", Pattern.DOTALL);

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
    if (error instanceof SSLException) return connected ? "TLS failed" + detail(error) : tls(error);
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
    String trust = "trust it with Hatchet.builder(url).trustCertificates(pem), or sslSocketFactory";
    if (has(error, CertificateExpiredException.class)) {
      return "TLS handshake failed: the hub's certificate has expired" + innermost(error);
    }
    if (has(error, CertificateNotYetValidException.class)) {
      return "TLS handshake failed: the hub's certificate is not valid yet (is a clock wrong?)"
          + innermost(error);
    }
    if (has(error, CertPathBuilderException.class)
        || has(error, CertPathValidatorException.class)) {
      return "TLS handshake failed: the hub's certificate is not trusted (signed by no authority"
          + " this client trusts; for a self-signed hub or a private authority, " + trust + ")";
    }
    if (error instanceof SSLPeerUnverifiedException) {
      Matcher names = UNVERIFIED_HOST.matcher(message);
      return "TLS handshake failed: the hub's certificate is not for " + (names.find()
          ? "host " + names.group(1) + " (it is for: " + names.group(2) + ")"
          : "this host: " + message.replaceAll("\\s+", " "));
    }
    return "TLS handshake failed" + detail(error);
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) return true;
      if (cause.getCause() == cause) break;
    }
    return false;
  }

  private static String innermost(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    return cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
  }

  private static String detail(Throwable error) {
    return error.getMessage() == null ? "" : ": " + error.getMessage();
  }
}
