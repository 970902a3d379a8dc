package io.hatchet;

import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import io.hatchet.FakeHub.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's answers to the client's requests, against a scripted {@link FakeHub}: a key refused,
 * a request never answered, an answer that is not an object. Each fails only what it answers.
 */
class AckEdgeTest {
  private final Closer closer = new Closer();

  @AfterEach
  void closeAll() {
    closer.close();
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    return closer.add(closeable);
  }

  // 1. A key the hub refuses.

  @Test
  void refusedKeyFailsReadyAndEveryRequestWhileAnotherConsumerWorks() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    hub.script = request -> {
      boolean wrongKey = request.event.equals("auth")
          && request.argument.get("key").getAsString().equals("wrong");
      if (!wrongKey) return false;
      request.answer("{\"ok\":false,\"error\":{\"code\":\"bad_key\","
          + "\"message\":\"the key is not a key of app 'demo'\"}}");
      return true;
    };
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url()).build());
    Consumer refused = hatchet.consumer("demo", "wrong");
    List<CompletableFuture<Void>> queued = List.of(
        refused.watch("log", data -> fail("a refused consumer got an event")),
        refused.alias("frederick"),
        refused.unwatch("log"));

    for (CompletableFuture<?> future : concat(List.of(refused.ready()), queued)) {
      AuthenticationException e = Await.failure(future, AuthenticationException.class);
      assertEquals("demo", e.app());
      assertEquals("bad_key", e.code());
      assertTrue(e.getMessage().contains("demo"), e.getMessage());
    }
    // Refusal is final: later requests fail the same way, at once.
    Await.failure(refused.watch("signup", data -> { }), AuthenticationException.class);

    Consumer accepted = hatchet.consumer("demo", "ckey");
    BlockingQueue<JsonElement> received = new LinkedBlockingQueue<>();
    Await.get(accepted.watch("log", received::add));
    Request watch = hub.requests.stream().filter(r -> r.event.equals("watch")).findFirst()
        .orElseThrow();
    watch.connection.deliver("log", "{\"n\":1}", watch.session());
    assertEquals("{\"n\":1}", poll(received).toString());

    String refusedName = hub.requests.stream().filter(r -> r.event.equals("auth")).findFirst()
        .orElseThrow().session();
    assertTrue(hub.requests.stream()
            .noneMatch(r -> r.session().equals(refusedName) && !r.event.equals("auth")),
        "a refused session's request reached the hub: " + hub.requests);
    assertEquals(1, hub.connectionCount(), "a refused key must not cost the connection");
  }

  // 2. A request the hub never answers.

  @Test
  void requestNeverAnsweredFailsOnceWithAckTimeoutAndLaterRequestsWork() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    BlockingQueue<Request> unanswered = new LinkedBlockingQueue<>();
    hub.script = request -> {
      if (!request.event.equals("publish")) return false;
      if (request.argument.getAsJsonObject("data").get("n").getAsInt() == 1) {
        unanswered.add(request);
      } else {
        request.answer("{\"ok\":true,\"routed\":7}");
      }
      return true;
    };
    ConnectionEvents listener = new ConnectionEvents();
    // The test waits it out once; every other request (the auth too) must be answered within
    // it, and a loaded machine can hold a loopback round trip up for a few hundred ms.
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url())
        .ackTimeout(Duration.ofSeconds(1))
        .listener(listener)
        .build());
    Contributor contributor = hatchet.contributor("demo", "kkey");
    Await.get(contributor.ready());

    AtomicInteger endings = new AtomicInteger();
    CompletableFuture<Integer> lost = contributor.broadcast("log", Map.of("n", 1));
    // Awaiting the whenComplete stage, not `lost`: it is done once the counting has run.
    AckTimeoutException e = Await.failure(
        lost.whenComplete((routed, error) -> endings.incrementAndGet()), AckTimeoutException.class);
    assertEquals("ack_timeout", e.code());

    // The hub answers at last: too late, and the answer must not be taken for another request's.
    Request late = unanswered.poll(Await.SECONDS, TimeUnit.SECONDS);
    assertNotNull(late);
    late.answer("{\"ok\":true,\"routed\":5}");
    assertEquals(7, Await.get(contributor.broadcast("log", Map.of("n", 2))));
    assertEquals(7, Await.get(contributor.broadcast("log", Map.of("n", 3))));

    assertEquals(1, endings.get(), "the timed-out future ended more than once");
    assertTrue(lost.isCompletedExceptionally());
    assertEquals(3, hub.requests.stream().filter(r -> r.event.equals("publish")).count(),
        "a timed-out request must not be sent again: " + hub.requests);
    assertEquals(1, hub.connectionCount(), "an ack timeout must not cost the connection");
    assertEquals("connected", listener.next());
    assertTrue(listener.events.isEmpty(), "unexpected: " + listener.events);
  }

  // 3. An answer that is not an object.

  @Test
  void answerThatIsNotAnObjectFailsOnlyItsRequest() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    hub.script = request -> {
      if (!request.event.equals("publish")) return false;
      switch (request.argument.getAsJsonObject("data").get("n").getAsInt()) {
        case 1 -> request.answer("\"oops\"");
        case 2 -> request.connection.send("43" + request.ackId + "[]"); // no argument at all
        default -> request.answer("{\"ok\":true,\"routed\":4}");
      }
      return true;
    };
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url()).build());
    Contributor contributor = hatchet.contributor("demo", "kkey");
    for (int n = 1; n <= 2; n++) {
      RejectedException e =
          Await.failure(contributor.broadcast("log", Map.of("n", n)), RejectedException.class);
      assertEquals("bad_answer", e.code());
    }
    assertEquals(4, Await.get(contributor.broadcast("log", Map.of("n", 3))));
    assertEquals(1, hub.connectionCount());
  }

  // Helpers.

  private static List<CompletableFuture<?>> concat(List<? extends CompletableFuture<?>> a,
      List<? extends CompletableFuture<?>> b) {
    List<CompletableFuture<?>> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
