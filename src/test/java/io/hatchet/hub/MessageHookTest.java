package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.hatchet.Await;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.RejectedException;
import io.hatchet.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's {@link MessageHook}: its verdicts, their order, its bound, and how it fails. */
class MessageHookTest {
  private final HubClients clients = new HubClients();
  /** What the hub's hook does in this test: by default, pass everything. */
  private volatile Function<PublishContext, CompletionStage<Verdict>> hook =
      publish -> completedFuture(Verdict.pass());
  private final BlockingQueue<PublishContext> asked = new LinkedBlockingQueue<>();
  private final AtomicInteger calls = new AtomicInteger();

  private HatchetHub.Builder builder() {
    return HatchetHub.builder().app(TestTokens.app()).messageHook(publish -> {
      calls.incrementAndGet();
      asked.add(publish);
      return hook.apply(publish);
    });
  }

  private HatchetHub start() {
    return clients.startHub(builder()).hub();
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private static JSONObject publish(RawClient client, String event, Object data)
      throws Exception {
    return client.call("publish", json("session", "k1", "event", event, "data", data));
  }

  @Test void passRoutesThePublishAsItWasSent() throws Exception {
    start();
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient contributor = clients.contributor("k1");

    JSONObject answer = publish(contributor, "note", new JSONObject("{\"n\":[1,\"two\"]}"));
    assertEquals(1, answer.getInt("routed"));
    assertEquals("{\"n\":[1,\"two\"]}", consumer.nextDeliver().get("data").toString());
  }

  @Test void replaceRoutesOtherData() throws Exception {
    start();
    hook = publish -> {
      JsonObject data = publish.data().getAsJsonObject().deepCopy();
      data.addProperty("checked", true);
      return completedFuture(Verdict.replace(data));
    };
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient contributor = clients.contributor("k1");
    assertEquals(1, publish(contributor, "note", new JSONObject("{\"text\":\"hi\"}"))
        .getInt("routed"));
    JSONObject received = consumer.nextDeliver().getJSONObject("data");
    assertEquals("hi", received.getString("text"));
    assertTrue(received.getBoolean("checked"));

    hook = publish -> completedFuture(Verdict.replace(Map.of("replaced", true)));
    assertEquals(1, publish(contributor, "note", "original").getInt("routed"));
    assertTrue(consumer.nextDeliver().getJSONObject("data").getBoolean("replaced"));
    hook = publish -> completedFuture(
        Verdict.replace(Map.of("at", Instant.parse("2026-01-02T03:04:05Z"))));
    assertEquals(1, publish(contributor, "note", "original").getInt("routed"));
    assertEquals("2026-01-02T03:04:05Z",
        consumer.nextDeliver().getJSONObject("data").getString("at")); // as a client sends it
    assertThrows(IllegalArgumentException.class, () -> Verdict.replace(new Object() { }));
    hook = publish -> completedFuture(Verdict.replace(null));
    assertEquals(1, publish(contributor, "note", "original").getInt("routed"));
    assertTrue(consumer.nextDeliver().isNull("data"));
  }

  @Test void rejectTellsThePublisherAndRoutesNothing() throws Exception {
    HatchetHub hub = start();
    hook = publish -> completedFuture(publish.data().toString().contains("spam")
        ? Verdict.reject("spam", "no spam here") : Verdict.pass());
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      Contributor contributor = hatchet.contributor("demo", TestApps.CONTRIBUTOR_KEY);
      RejectedException refused = Await.failure(contributor.broadcast("note", "buy spam"),
          RejectedException.class);
      assertEquals("spam", refused.code());
      assertTrue(refused.getMessage().contains("no spam here"), refused.getMessage());
      assertEquals(1, Await.get(contributor.broadcast("note", "ham")));
    }
    assertEquals("ham", consumer.nextDeliver().getString("data")); // the spam never came
  }

  @Test void theHookSeesThePublishAndTheSessionDataTheAuthorizerSet() throws Exception {
    clients.startHub(builder().authorizer(context -> {
      context.sessionData().put("name", "Ben");
      return completedFuture(Authorization.builtIn());
    }));
    RawClient producer = clients.producer("p1");
    assertEquals(0, producer.publishToRooms("p1", "note", 7, "room-a", "room-b"));

    PublishContext publish = asked.poll(10, TimeUnit.SECONDS);
    assertEquals("demo", publish.app());
    assertEquals("p1", publish.session());
    assertEquals("producer", publish.role());
    assertEquals("note", publish.event());
    assertEquals(7, publish.data().getAsInt());
    assertEquals(List.of("room-a", "room-b"), publish.rooms());
    assertEquals(List.of(), publish.to());
    assertEquals("Ben", publish.sessionData().get("name"));
  }

  @Test void aFailingHookFailsThatPublishOnly() throws Exception {
    start();
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient contributor = clients.contributor("k1");
    List<Function<PublishContext, CompletionStage<Verdict>>> failures = List.of(
        publish -> {
          throw new IllegalStateException("moderation is down");
        },
        publish -> null,
        publish -> CompletableFuture.failedFuture(new IllegalStateException("down")),
        publish -> completedFuture(null));
    for (Function<PublishContext, CompletionStage<Verdict>> failure : failures) {
      hook = failure;
      assertError("hook_failed", publish(contributor, "note", "lost"));
    }
    hook = publish -> completedFuture(Verdict.pass());
    assertEquals(1, publish(contributor, "note", "kept").getInt("routed"));
    assertEquals("kept", consumer.nextDeliver().getString("data")); // none of the others
  }

  @Test void aHookThatDoesNotAnswerInTimeTimesOutAndItsLateVerdictIsIgnored()
      throws Exception {
    clients.startHub(builder().hookTimeout(Duration.ofMillis(200)));
    CompletableFuture<Verdict> late = new CompletableFuture<>();
    hook = publish -> late;
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient contributor = clients.contributor("k1");

    assertError("hook_timeout", publish(contributor, "note", "late"));
    late.complete(Verdict.pass());
    hook = publish -> completedFuture(Verdict.pass());
    assertEquals(1, publish(contributor, "note", "on time").getInt("routed"));
    assertEquals("on time", consumer.nextDeliver().getString("data"));
  }

  @Test void aSlowVerdictHoldsUpNoOtherConnection() throws Exception {
    start();
    CompletableFuture<Verdict> held = new CompletableFuture<>();
    hook = publish -> publish.data().getAsString().equals("held")
        ? held : completedFuture(Verdict.pass());
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient slow = clients.contributor("k1");
    CompletableFuture<JSONObject> waiting = slow.request("publish",
        json("session", "k1", "event", "note", "data", "held"));
    asked.poll(10, TimeUnit.SECONDS);

    RawClient other = clients.contributor("k1");
    assertEquals(1, publish(other, "note", "meanwhile").getInt("routed"));
    assertEquals("meanwhile", consumer.nextDeliver().getString("data"));
    assertFalse(waiting.isDone());

    held.complete(Verdict.pass());
    assertEquals(1, waiting.get(10, TimeUnit.SECONDS).getInt("routed"));
    assertEquals("held", consumer.nextDeliver().getString("data"));
  }

  /**
   * Verdicts come back in a random order after random delays, some of them refusals: each
   * publish is still answered, and what passed is delivered, in the order it was sent.
   */
  @Test void publishesKeepTheirOrderWhileVerdictsArePending() throws Exception {
    Seed seed = Seed.fromProperty();
    seed.run(() -> {
      Random random = new Random(seed.value());
      ScheduledExecutorService verdicts = Executors.newSingleThreadScheduledExecutor();
      try {
        start();
        hook = publish -> {
          int n = publish.data().getAsInt();
          CompletableFuture<Verdict> verdict = new CompletableFuture<>();
          Verdict decided = n % 7 == 3 ? Verdict.reject("unlucky", "not " + n)
              : n % 5 == 1 ? Verdict.replace(n * 1000) : Verdict.pass();
          long delay;
          synchronized (random) {
            delay = random.nextInt(20);
          }
          verdicts.schedule(() -> verdict.complete(decided), delay, TimeUnit.MILLISECONDS);
          return verdict;
        };
        RawClient consumer = clients.connect();
        consumer.consumer("c1", "n");
        RawClient contributor = clients.contributor("k1");
        int count = 300;
        List<CompletableFuture<JSONObject>> answers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
          answers.add(contributor.request("publish",
              json("session", "k1", "event", "n", "data", n)));
        }
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < count; n++) {
          JSONObject answer = answers.get(n).get(10, TimeUnit.SECONDS);
          if (n % 7 == 3) {
            assertError("unlucky", answer);
          } else {
            assertEquals(1, answer.getInt("routed"), answer::toString);
            expected.add(n % 5 == 1 ? n * 1000 : n);
          }
        }
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
          received.add(consumer.nextDeliver().getInt("data"));
        }
        assertEquals(expected, received);
      } finally {
        verdicts.shutdownNow();
      }
    });
  }

  @Test void pastTheBoundOfWaitingRequestsOneIsRefusedAtOnce() throws Exception {
    clients.startHub(builder().maxPendingHookRequests(3));
    CompletableFuture<Verdict> held = new CompletableFuture<>();
    hook = publish -> held;
    RawClient contributor = clients.contributor("k1");
    List<CompletableFuture<JSONObject>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(contributor.request("publish", json("session", "k1", "event", "n",
          "data", i)));
    }
    JSONObject refused = publish(contributor, "n", 3);
    assertError("too_many", refused);
    assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));

    held.complete(Verdict.pass());
    for (CompletableFuture<JSONObject> answer : waiting) {
      assertOk(answer.get(10, TimeUnit.SECONDS));
    }
    assertOk(publish(contributor, "n", 4)); // room again
  }

  @Test void aRetryOfAnAcceptedPublishIsNotAskedAboutAgain() throws Exception {
    start();
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient contributor = clients.contributor("k1");
    JSONObject request = json("session", "k1", "event", "note", "data", "once",
        "publisher", "pub-1", "seq", 1);
    assertEquals(1, contributor.call("publish", request).getInt("routed"));
    hook = publish -> completedFuture(Verdict.reject("changed_mind", "too late"));

    JSONObject retry = contributor.call("publish", request);
    assertEquals(1, retry.getInt("routed"));
    assertTrue(retry.getBoolean("duplicate"));
    assertEquals(1, calls.get());
    assertEquals("once", consumer.nextDeliver().getString("data"));
  }

  @Test void replacementDataOverTheLimitIsTooLarge() throws Exception {
    clients.startHub(builder().maxMessageBytes(64));
    hook = publish -> completedFuture(Verdict.replace("x".repeat(100)));
    assertError("too_large", publish(clients.contributor("k1"), "note", "small"));
  }

  @Test void aPublishTooLargeOrNotPermittedIsRefusedWithoutAskingTheHook() throws Exception {
    clients.startHub(builder().maxMessageBytes(64));
    RawClient contributor = clients.contributor("k1");
    assertError("too_large", publish(contributor, "note", "x".repeat(100)));
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    assertError("not_permitted", consumer.call("publish",
        json("session", "c1", "event", "note", "data", 1)));
    assertEquals(0, calls.get());
  }

  @Test void aHubWithoutHooksStartsNoHookThread() throws Exception {
    HatchetHub plain = clients.startHub(HatchetHub.builder().app(TestApps.demo())).hub();
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    assertEquals(1, publish(clients.contributor("k1"), "note", 1).getInt("routed"));
    assertTrue(Await.hatchetThreads().stream()
        .noneMatch(name -> name.startsWith(plain.threadPrefix() + "-hooks")));

    HatchetHub hooked = start();
    assertEquals(0, publish(clients.contributor("k1"), "note", 1).getInt("routed"));
    assertTrue(Await.hatchetThreads().stream()
        .anyMatch(name -> name.startsWith(hooked.threadPrefix() + "-hooks-")));
    clients.close();
    Await.until(() -> Await.hatchetThreads().stream()
        .noneMatch(name -> name.startsWith(hooked.threadPrefix() + "-")), "hook threads end");
  }
}
