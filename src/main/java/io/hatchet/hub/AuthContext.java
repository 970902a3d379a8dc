package io.hatchet.hub;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client presented when it asked to open a session, for an {@link Authorizer}: the
 * {@code auth} request, and what its connection brought when it was made (socket.io's handshake
 * {@code auth} payload, the HTTP headers and cookies of its first request, its address). Made by
 * the hub for each {@code auth}; immutable, except for {@link #sessionData()}.
 */
public final class AuthContext {
  private final JsonObject request;
  private final Handshake handshake;
  private final SessionData sessionData;

  AuthContext(JsonObject request, Handshake handshake, SessionData sessionData) {
    this.request = request;
    this.handshake = handshake;
    this.sessionData = sessionData;
  }

  /**
   * The session name the client chose, unique on its connection.
   *
   * @return the {@code session} field
   */
  public String session() {
    return Fields.text(request.get("session"));
  }

  /**
   * The app the client asked for.
   *
   * @return the {@code app} field, or null if it gave none
   */
  public String app() {
    return Fields.text(request.get("app"));
  }

  /**
   * The client's credential: a key, a token, or whatever the application gives its clients.
   *
   * @return the {@code key} field, or null if it gave none
   */
  public String key() {
    return Fields.text(request.get("key"));
  }

  /**
   * The role the client expects; an identity of another role is refused {@code wrong_role}.
   *
   * @return {@code consumer}, {@code contributor}, {@code producer}, or null if it did not say
   */
  public String role() {
    return Fields.text(request.get("role"));
  }

  /**
   * The whole {@code auth} request, with any fields of the application's own.
   *
   * @return a copy of the request object
   */
  public JsonObject request() {
    return request.deepCopy();
  }

  /**
   * The payload of the connection's socket.io CONNECT: what a JavaScript client passes as
   * {@code io(url, {auth: {...}})}.
   *
   * @return a copy of it; empty if the client sent none
   */
  public JsonObject handshakeAuth() {
    return handshake.auth().deepCopy();
  }

  /**
   * The HTTP headers of the connection's first request (its Engine.IO handshake).
   *
   * @return the headers, by lower-case name, each with its values in order; unmodifiable
   */
  public Map<String, List<String>> headers() {
    return handshake.headers();
  }

  /**
   * The first value of one header of the connection's first request.
   *
   * @param name the header's name, in any case
   * @return its first value, or null if it was not sent
   * @throws IllegalArgumentException if {@code name} is null
   */
  public String header(String name) {
    if (name == null) throw new IllegalArgumentException("name == null");
    List<String> values = handshake.headers().get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The cookies of the connection's first request.
   *
   * @return the cookies' values by name; unmodifiable
   */
  public Map<String, String> cookies() {
    return handshake.cookies();
  }

  /**
   * One cookie of the connection's first request.
   *
   * @param name the cookie's name
   * @return its value, or null if it was not sent
   */
  public String cookie(String name) {
    return handshake.cookies().get(name);
  }

  /**
   * Where the client connected from, as the hub sees it (a proxy's address, behind one).
   *
   * @return {@code host:port}
   */
  public String remoteAddress() {
    return handshake.remoteAddress();
  }

  /**
   * The data of the session being opened, empty so far: what the authorizer puts here stays
   * with the session, and the {@link MessageHook} finds it in {@link PublishContext#sessionData}.
   * Forgotten if the session is not opened.
   *
   * @return the session's data
   */
  public SessionData sessionData() {
    return sessionData;
  }

  @Override public String toString() {
    return "AuthContext{session " + session() + ", app " + app() + ", from "
        + remoteAddress() + "}";
  }
}
