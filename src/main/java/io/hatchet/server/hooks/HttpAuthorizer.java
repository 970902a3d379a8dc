package io.hatchet.server.hooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.hub.AuthContext;
import io.hatchet.hub.Authorization;
import io.hatchet.hub.Authorizer;
import io.hatchet.hub.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Authorizer} that asks the application's backend over HTTP: each {@code auth} is a
 * POST of JSON to its URL, which answers with the decision as JSON (README, "Hooks", for both).
 * The request carries the {@code auth} request, socket.io's handshake {@code auth} payload, the
 * handshake's headers and cookies, and the client's address:
 *
 * <pre>{@code
 * {"request": {"v": 1, "session": "c1", "app": "chat", "key": "..."},
 *  "handshakeAuth": {"token": "..."}, "headers": {"cookie": ["sid=..."]},
 *  "cookies": {"sid": "..."}, "remoteAddress": "203.0.113.7:52144"}
 * }</pre>
 *
 * and the backend answers one of
 *
 * <pre>{@code
 * {"decision": "accept", "identity": {"app": "chat", "role": "consumer", "userId": "ben",
 *  "allowedEvents": ["message"]}, "metadata": {...}, "sessionData": {"name": "Ben"}}
 * {"decision": "reject", "message": "please log in", "metadata": {...}}
 * {"decision": "builtIn"}
 * }</pre>
 *
 * <p>{@code sessionData}'s values are kept in the session's data as {@code JsonElement}s, for the
 * message hook. An answer that is not HTTP 2xx, not such JSON, or later than the timeout fails
 * the {@code auth} with {@code hook_failed} or {@code hook_timeout}. Calls run on the threads of
 * an OkHttp client of this object's own, up to 64 at once; {@link #close} stops them. The hub
 * does not close it: close it after the hub.
 */
public final class HttpAuthorizer extends HttpHook implements Authorizer {
  /**
   * An authorizer that POSTs to {@code url}.
   *
   * @param url the backend's {@code http://} or {@code https://} URL
   * @param timeout how long a call may take, at most; keep it below the hub's hookTimeout
   * @throws IllegalArgumentException if {@code url} is not such a URL, or {@code timeout} is null
   *     or not positive
   */
  public HttpAuthorizer(String url, Duration timeout) {
    this(url, timeout, Map.of());
  }

  /**
   * An authorizer that POSTs to {@code url} with {@code headers}: an {@code Authorization} that
   * proves to the backend that the call is the hub's, say.
   *
   * @param url the backend's {@code http://} or {@code https://} URL
   * @param timeout how long a call may take, at most; keep it below the hub's hookTimeout
   * @param headers more headers of every call
   * @throws IllegalArgumentException if {@code url} is not such a URL, {@code timeout} is null or
   *     not positive, or a header is not one HTTP allows
   */
  public HttpAuthorizer(String url, Duration timeout, Map<String, String> headers) {
    super(url, timeout, headers);
  }

  @Override public CompletionStage<Authorization> authorize(AuthContext context) {
    JsonObject body = new JsonObject();
    body.add("request", context.request());
    body.add("handshakeAuth", context.handshakeAuth());
    JsonObject headers = new JsonObject();
    for (Map.Entry<String, List<String>> header : context.headers().entrySet()) {
      JsonArray values = new JsonArray();
      header.getValue().forEach(values::add);
      headers.add(header.getKey(), values);
    }
    body.add("headers", headers);
    JsonObject cookies = new JsonObject();
    context.cookies().forEach(cookies::addProperty);
    body.add("cookies", cookies);
    body.addProperty("remoteAddress", context.remoteAddress());
    return post(body).thenApply(answer -> decision(answer, context));
  }

  private static Authorization decision(JsonObject answer, AuthContext context) {
    String decision = string(answer, "decision");
    JsonElement metadata = answer.get("metadata");
    if ("builtIn".equals(decision)) {
      return Authorization.builtIn();
    }
    if ("reject".equals(decision)) {
      String message = string(answer, "message");
      return Authorization.reject(message != null ? message : "refused by the backend",
          metadata);
    }
    if (!"accept".equals(decision)) {
      throw new IllegalStateException("the backend's decision is not"
          + " \"accept\", \"reject\" or \"builtIn\"");
    }
    if (!(answer.get("identity") instanceof JsonObject identity)) {
      throw new IllegalStateException("the backend accepted without an"
          + " \"identity\" object");
    }
    Authorization accepted = Authorization.accept(identity(identity), metadata);
    if (answer.get("sessionData") instanceof JsonObject data) {
      data.entrySet().forEach(entry -> context.sessionData().put(entry.getKey(),
          entry.getValue()));
    }
    return accepted;
  }

  private static Identity identity(JsonObject json) {
    String app = string(json, "app");
    String role = string(json, "role");
    Identity identity = switch (role == null ? "" : role) {
      case "consumer" -> Identity.consumer(app, string(json, "userId"));
      case "contributor" -> Identity.contributor(app);
      case "producer" -> Identity.producer(app);
      default -> throw new IllegalArgumentException("the backend's identity has no role"
          + " \"consumer\", \"contributor\" or \"producer\"");
    };
    String alias = string(json, "alias");
    if (alias != null) {
      identity = identity.alias(alias);
    }
    if (json.get("allowedEvents") instanceof JsonArray events) {
      String[] names = new String[events.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = events.get(i).isJsonPrimitive() ? events.get(i).getAsString() : null;
      }
      identity = identity.allowedEvents(names);
    }
    return identity;
  }
}
