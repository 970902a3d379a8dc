package io.hatchet.server.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** An HTTP hook with more calls at once than it runs: the others wait their turn, none fails. */
class HttpHookLoadTest {
  private static final int PUBLISHES = 300;

  @Test void callsPastTheConcurrentBoundWaitAndSucceed() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (MockWebServer backend = new MockWebServer()) {
      backend.setDispatcher(new Dispatcher() {
        @Override public MockResponse dispatch(RecordedRequest request) {
          answered.incrementAndGet();
          // A backend that takes a moment, so that calls pile up past the hook's 64 at once.
          return new MockResponse().setHeader("Content-Type", "application/json")
              .setBody("{\"decision\":\"pass\"}").setHeadersDelay(20, TimeUnit.MILLISECONDS);
        }
      });
      backend.start();
      try (HttpMessageHook hook = new HttpMessageHook(backend.url("/publish").toString(),
              Duration.ofSeconds(10));
          HatchetHub hub = HatchetHub.builder().hookTimeout(Duration.ofSeconds(12))
              .app(App.named("chat").contributorKey("chat-contributor-key"))
              .messageHook(hook).start();
          Hatchet hatchet = Hatchet.connect(hub.url())) {
        Contributor contributor = hatchet.contributor("chat", "chat-contributor-key");
        Await.get(contributor.ready());
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < PUBLISHES; i++) {
          sent.add(contributor.broadcast("message", i));
        }
        List<String> failed = new ArrayList<>();
        for (CompletableFuture<Integer> future : sent) {
          try {
            assertEquals(0, future.get(30, TimeUnit.SECONDS)); // nobody watches: routed to none
          } catch (java.util.concurrent.ExecutionException e) {
            failed.add(String.valueOf(e.getCause()));
          }
        }
        assertEquals(List.of(), failed);
        assertTrue(answered.get() >= PUBLISHES, "the backend answered " + answered.get());
      }
    }
  }
}
