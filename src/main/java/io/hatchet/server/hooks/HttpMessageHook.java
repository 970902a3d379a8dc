package io.hatchet.server.hooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.hatchet.hub.MessageHook;
import io.hatchet.hub.PublishContext;
import io.hatchet.hub.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A {@link MessageHook} that asks the application's backend over HTTP: each publish is a POST
 * of JSON to its URL, which answers with the verdict as JSON (README, "Hooks", for both):
 *
 * <pre>{@code
 * {"app": "chat", "session": "k1", "role": "contributor", "event": "message",
 *  "data": {"text": "hi"}, "to": ["ben"], "rooms": [], "sessionData": {"name": "Ben"}}
 * }</pre>
 *
 * answered one of
 *
 * <pre>{@code
 * {"decision": "pass"}
 * {"decision": "replace", "data": {"text": "hi", "from": "Ben"}}
 * {"decision": "reject", "code": "spam", "message": "no links, please"}
 * }</pre>
 *
 * <p>An answer that is not HTTP 2xx, not such JSON, or later than the timeout fails the publish
 * with {@code hook_failed} or {@code hook_timeout}. Calls run on the threads of an OkHttp client
 * of this object's own, up to 64 at once; {@link #close} stops them. The hub does not close it:
 * close it after the hub.
 */
public final class HttpMessageHook extends HttpHook implements MessageHook {
  /**
   * A message hook that POSTs to {@code url}.
   *
   * @param url the backend's {@code http://} or {@code https://} URL
   * @param timeout how long a call may take, at most; keep it below the hub's hookTimeout
   * @throws IllegalArgumentException if {@code url} is not such a URL, or {@code timeout} is null
   *     or not positive
   */
  public HttpMessageHook(String url, Duration timeout) {
    this(url, timeout, Map.of());
  }

  /**
   * A message hook that POSTs to {@code url} with {@code headers}: an {@code Authorization} that
   * proves to the backend that the call is the hub's, say.
   *
   * @param url the backend's {@code http://} or {@code https://} URL
   * @param timeout how long a call may take, at most; keep it below the hub's hookTimeout
   * @param headers more headers of every call
   * @throws IllegalArgumentException if {@code url} is not such a URL, {@code timeout} is null or
   *     not positive, or a header is not one HTTP allows
   */
  public HttpMessageHook(String url, Duration timeout, Map<String, String> headers) {
    super(url, timeout, headers);
  }

  @Override public CompletionStage<Verdict> check(PublishContext publish) {
    JsonObject body = new JsonObject();
    body.addProperty("app", publish.app());
    body.addProperty("session", publish.session());
    body.addProperty("role", publish.role());
    body.addProperty("event", publish.event());
    body.add("data", publish.data());
    body.add("to", strings(publish.to()));
    body.add("rooms", strings(publish.rooms()));
    body.add("sessionData", toJson(publish.sessionData()));
    return post(body).thenApply(HttpMessageHook::verdict);
  }

  private static Verdict verdict(JsonObject answer) {
    String decision = string(answer, "decision");
    if ("pass".equals(decision)) {
      return Verdict.pass();
    }
    if ("replace".equals(decision) && answer.has("data")) {
      return Verdict.replace(answer.get("data"));
    }
    if ("reject".equals(decision)) {
      String message = string(answer, "message");
      return Verdict.reject(string(answer, "code"),
          message != null ? message : "refused by the backend");
    }
    throw new IllegalStateException("the backend's decision is not \"pass\","
        + " \"replace\" with \"data\", or \"reject\"");
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
