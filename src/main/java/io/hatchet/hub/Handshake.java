package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.hub.internal.netty.Socket;
import io.hatchet.protocol.StrictJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a connection brought when it was made, kept for the {@link Authorizer}: the HTTP headers
 * and cookies of its first request, socket.io's CONNECT payload and its address. Kept only on a
 * hub with an authorizer; immutable.
 */
final class Handshake {
  /**
   * The longest CONNECT payload kept, in characters: it lives as long as the connection, so
   * it gets the bound of the headers (8 KiB) twice over; a longer one is refused.
   */
  static final int MAX_AUTH_CHARS = 16 * 1024;
  /** How deep the payload may nest, as the socket reads it. */
  private static final int MAX_AUTH_NESTING = 32;

  private final Map<String, List<String>> headers;
  private final Map<String, String> cookies;
  private final JsonObject auth;
  private final String remoteAddress;

  private Handshake(Map<String, List<String>> headers, Map<String, String> cookies,
      JsonObject auth, String remoteAddress) {
    this.headers = headers;
    this.cookies = cookies;
    this.auth = auth;
    this.remoteAddress = remoteAddress;
  }

  /**
   * The handshake of {@code socket}, which has just joined the namespace.
   *
   * @throws RequestException {@code bad_request} if its CONNECT payload is longer than
   *     {@link #MAX_AUTH_CHARS}
   */
  static Handshake of(Socket socket) throws RequestException {
    String authText = socket.handshakeAuth();
    if (authText != null && authText.length() > MAX_AUTH_CHARS) {
      throw RequestException.badRequest("the CONNECT payload has more than " + MAX_AUTH_CHARS
          + " characters, the hub's limit");
    }
    JsonObject auth = authText == null ? new JsonObject()
        : (JsonObject) StrictJson.parse(authText, MAX_AUTH_NESTING); // the socket checked it
    HttpHeaders http = socket.handshakeHeaders();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, String> cookies = new LinkedHashMap<>();
    if (http != null) {
      for (Map.Entry<String, String> header : http) {
        headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
            name -> new ArrayList<>(1)).add(header.getValue());
      }
      for (String value : http.getAll(HttpHeaderNames.COOKIE)) {
        for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(value)) {
          cookies.putIfAbsent(cookie.name(), cookie.value());
        }
      }
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    return new Handshake(Map.copyOf(headers), Map.copyOf(cookies), auth,
        socket.remoteAddress());
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  Map<String, String> cookies() {
    return cookies;
  }

  JsonObject auth() {
    return auth;
  }

  String remoteAddress() {
    return remoteAddress;
  }
}
