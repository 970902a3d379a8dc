package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.Await;
import io.hatchet.AuthenticationException;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.RejectedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config's hooks, in the jar: the hub asks the backend's URLs, with the headers the config
 * gives (a secret from the environment), who may connect and what may be published; a backend
 * that fails or is late fails only that request.
 */
class HooksIT {
  private final MockWebServer backend = new MockWebServer();
  private final BlockingQueue<RecordedRequest> calls = new LinkedBlockingQueue<>();

  @AfterEach
  void stopBackend() throws Exception {
    backend.shutdown();
  }

  /**
   * The backend: who presents key {@code ben} is the consumer of user ben, {@code late} is
   * answered after the authorizer's timeout, anything else is left to the app's keys; a publish
   * of "http..." is refused, "500" fails, anything else gets a signature.
   */
  private final class Backend extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      calls.add(request);
      JsonObject body = JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
      if (request.getPath().equals("/authorize")) {
        String key = body.getAsJsonObject("request").get("key").getAsString();
        if (key.equals("ben")) {
          return json("{\"decision\":\"accept\",\"identity\":{\"app\":\"demo\","
              + "\"role\":\"consumer\",\"userId\":\"ben\",\"allowedEvents\":[\"message\"]}}");
        }
        if (key.equals("late")) {
          return json("{\"decision\":\"builtIn\"}").setHeadersDelay(5, TimeUnit.SECONDS);
        }
        return json("{\"decision\":\"builtIn\"}");
      }
      String text = body.get("data").getAsString();
      if (text.startsWith("http")) {
        return json("{\"decision\":\"reject\",\"code\":\"spam\",\"message\":\"no links\"}");
      }
      if (text.equals("500")) {
        return new MockResponse().setResponseCode(500);
      }
      return json("{\"decision\":\"replace\",\"data\":\"" + text + " (checked)\"}");
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private RecordedRequest call() throws InterruptedException {
    RecordedRequest call = calls.poll(30, TimeUnit.SECONDS);
    assertNotNull(call, "the backend was not called");
    return call;
  }

  @Test
  void theBackendDecidesWhoConnectsAndWhatIsPublished(@TempDir Path dir) throws Exception {
    backend.setDispatcher(new Backend());
    backend.start();
    Path config = new TestConfig().with("hooks", """
        hooks:
          timeout: 5s
          authorizer: {url: "%s", timeout: 500ms,
                       headers: {Authorization: "Bearer ${BACKEND_TOKEN}"}}
          messageHook: {url: "%s"}
        """.formatted(backend.url("/authorize"), backend.url("/publish"))).write(dir);
    try (HubProcess hub = HubProcess.run(config, Map.of("BACKEND_TOKEN", "from-the-env"));
        Hatchet hatchet = Hatchet.connect(hub.clientUrl())) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer ben = hatchet.consumer(TestConfig.APP, "ben");
      ben.watch("message", data -> received.add(data.getAsString()));
      Await.get(ben.ready());
      RecordedRequest asked = call();
      assertEquals("Bearer from-the-env", asked.getHeader("Authorization"));

      Contributor contributor = hatchet.contributor(TestConfig.APP, TestConfig.CONTRIBUTOR_KEY);
      assertEquals(1, Await.get(contributor.broadcast("message", "hello")));
      assertEquals("hello (checked)", received.poll(30, TimeUnit.SECONDS));
      assertEquals("spam", Await.failure(contributor.broadcast("message", "http://x"),
          RejectedException.class).code());
      assertEquals("hook_failed", Await.failure(contributor.broadcast("message", "500"),
          RejectedException.class).code());
      assertEquals("hook_timeout", Await.failure(
          hatchet.consumer(TestConfig.APP, "late").ready(), AuthenticationException.class).code());

      // Everyone else is still served; what the backend refused reached no one.
      assertEquals(1, Await.get(contributor.broadcast("message", "still here")));
      assertEquals("still here (checked)", received.poll(30, TimeUnit.SECONDS));
      assertTrue(received.isEmpty(), received::toString);
      assertEquals(0, hub.terminate(), hub.output());
    }
  }
}
