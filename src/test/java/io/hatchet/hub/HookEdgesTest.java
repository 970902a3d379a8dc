package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.TestLog;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks at their edges: requests too broken to show a hook, the bound of session data, a
 * hook that holds its thread, and a hub closed while hooks still run.
 */
class HookEdgesTest {
  private final HubClients clients = new HubClients();
  private final AtomicInteger asked = new AtomicInteger();

  @AfterEach void tearDown() {
    clients.close();
  }

  /** A hub whose hooks leave everything to the keys and pass every publish, counting calls. */
  private HatchetHub.Builder counting() {
    return HatchetHub.builder().app(TestTokens.app())
        .authorizer(context -> {
          asked.incrementAndGet();
          return completedFuture(Authorization.builtIn());
        })
        .messageHook(publish -> {
          asked.incrementAndGet();
          return completedFuture(Verdict.pass());
        });
  }

  @Test void brokenRequestsAreBadRequestsAndNeverReachAHook() throws Exception {
    clients.startHub(counting());
    RawClient contributor = clients.contributor("k1");
    asked.set(0);
    long mark = TestLog.mark();

    assertError("bad_request", contributor.call("publish", "not an object"));
    assertError("bad_request", contributor.call("publish"));
    assertError("bad_request", contributor.call("publish", new JSONArray("[1]")));
    assertError("bad_request", contributor.call("auth", new JSONArray("[\"k2\"]")));
    assertError("bad_request", contributor.call("auth"));
    assertEquals(0, asked.get());
    assertEquals(List.of(), TestLog.linesSince(mark, "ERROR"));
    assertOk(contributor.call("publish", json("session", "k1", "event", "note", "data", 1)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test void anAnswerOfTheWrongTypeFailsTheRequestAndIsLogged() throws Exception {
    clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .authorizer(context -> (CompletionStage) completedFuture("not an authorization")));
    long mark = TestLog.mark();
    RawClient client = clients.connect();

    JSONObject auth = client.auth("k1", TestApps.CONTRIBUTOR_KEY);
    assertError("hook_failed", auth);
    assertFalse(auth.toString().contains("String"), auth::toString); // the log says why
    Await.until(() -> !TestLog.linesSince(mark, "not an Authorization").isEmpty(),
        "the authorizer's mistake is logged");
    assertTrue(TestLog.linesSince(mark, "not an Authorization").get(0).contains("WARN"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test void aVerdictOfTheWrongTypeFailsThePublishAndIsLogged() throws Exception {
    clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .messageHook(publish -> (CompletionStage) completedFuture(42)));
    long mark = TestLog.mark();
    RawClient contributor = clients.contributor("k1");

    JSONObject answer = contributor.call("publish",
        json("session", "k1", "event", "note", "data", 1));
    assertError("hook_failed", answer);
    assertFalse(answer.toString().contains("Integer"), answer::toString);
    Await.until(() -> !TestLog.linesSince(mark, "not a Verdict").isEmpty(),
        "the message hook's mistake is logged");
    assertTrue(TestLog.linesSince(mark, "not a Verdict").get(0).contains("WARN"));
  }

  @Test void aBrokenRequestBehindOneThatWaitsIsAnsweredInItsTurn() throws Exception {
    CompletableFuture<Verdict> held = new CompletableFuture<>();
    clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .messageHook(publish -> held));
    RawClient contributor = clients.contributor("k1");
    List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<JSONObject> waiting = contributor.request("publish",
        json("session", "k1", "event", "note", "data", 1));
    waiting.thenRun(() -> answered.add("publish"));
    CompletableFuture<JSONObject> broken = contributor.request("publish", "not an object");
    broken.thenRun(() -> answered.add("broken"));
    assertOk(contributor.call("ping", json()));
    assertFalse(broken.isDone(), "answered before the publish ahead of it");

    held.complete(Verdict.pass());
    assertOk(waiting.get(10, TimeUnit.SECONDS));
    assertError("bad_request", broken.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("publish", "broken"), answered);
  }

  @Test void whatWaitsForVerdictsIsBoundedInCharactersToo() throws Exception {
    CompletableFuture<Verdict> held = new CompletableFuture<>();
    clients.startHub(HatchetHub.builder().app(TestTokens.app()).maxPendingHookChars(1_000)
        .messageHook(publish -> publish.data().getAsString().startsWith("alone")
            ? completedFuture(Verdict.pass()) : held));
    RawClient contributor = clients.contributor("k1");
    // Alone in line, a request longer than the bound still waits for its verdict.
    assertOk(contributor.call("publish", json("session", "k1", "event", "note",
        "data", "alone" + "a".repeat(2_000))));

    CompletableFuture<JSONObject> first = contributor.request("publish",
        json("session", "k1", "event", "note", "data", "x".repeat(600)));
    JSONObject refused = contributor.call("publish",
        json("session", "k1", "event", "note", "data", "y".repeat(600)));
    assertError("too_many", refused);
    assertTrue(refused.getJSONObject("error").getString("message").contains("1000"),
        refused::toString);
    CompletableFuture<JSONObject> small = contributor.request("publish",
        json("session", "k1", "event", "note", "data", "z"));
    assertFalse(first.isDone() || small.isDone());

    held.complete(Verdict.pass());
    assertOk(first.get(10, TimeUnit.SECONDS));
    assertOk(small.get(10, TimeUnit.SECONDS));
    // The line is empty again: the bound counts only what waits.
    assertOk(contributor.call("publish", json("session", "k1", "event", "note",
        "data", "y".repeat(600))));
  }

  @Test void sessionDataHoldsAtMostItsKeysAndIsTheSessionsOwn() throws Exception {
    BlockingQueue<Object> refusals = new LinkedBlockingQueue<>();
    BlockingQueue<PublishContext> seen = new LinkedBlockingQueue<>();
    clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .authorizer(context -> {
          SessionData data = context.sessionData();
          for (int i = 0; i < SessionData.MAX_KEYS; i++) {
            data.put("key-" + i, i);
          }
          try {
            data.put("one-more", true);
            refusals.add("none");
          } catch (IllegalStateException e) {
            refusals.add(e);
          }
          data.put("key-0", "replaced");              // not a new key: allowed
          data.put("key-1", null);                    // removes it
          data.put("session", context.session());
          return completedFuture(Authorization.builtIn());
        })
        .messageHook(publish -> {
          seen.add(publish);
          return completedFuture(Verdict.pass());
        }));
    RawClient client = clients.connect();
    assertOk(client.auth("k1", TestApps.CONTRIBUTOR_KEY));
    assertOk(client.auth("k2", TestApps.CONTRIBUTOR_KEY));

    Object refusal = refusals.poll(10, TimeUnit.SECONDS);
    assertTrue(refusal instanceof IllegalStateException, String.valueOf(refusal));
    assertTrue(((IllegalStateException) refusal).getMessage().contains("64"),
        ((Exception) refusal).getMessage());
    assertOk(client.call("publish", json("session", "k1", "event", "note", "data", 1)));
    assertOk(client.call("publish", json("session", "k2", "event", "note", "data", 2)));
    PublishContext first = seen.poll(10, TimeUnit.SECONDS);
    PublishContext second = seen.poll(10, TimeUnit.SECONDS);
    SessionData data = first.sessionData();
    assertEquals("k1", data.get("session"));
    assertEquals("k2", second.sessionData().get("session")); // each session its own
    assertEquals("replaced", data.get("key-0"));
    assertNull(data.get("key-1"));
    assertNull(data.get("one-more"));
    assertEquals(SessionData.MAX_KEYS, data.keys().size()); // 64 - 1 removed + "session"
    assertEquals(2, data.remove("key-2"));
    assertNull(data.remove("key-2"));
    assertThrows(IllegalArgumentException.class, () -> data.put(null, 1));
    assertThrows(IllegalArgumentException.class, () -> data.put("", 1));
    assertThrows(IllegalArgumentException.class, () -> data.put("k".repeat(257), 1));
  }

  @Test void aHookThatHoldsItsThreadPastTheTimeoutFailsOnlyItsPublish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .hookTimeout(Duration.ofMillis(300))
        .messageHook(publish -> {
          if (publish.data().getAsString().equals("stuck")) {
            Await.latch(release); // holds its hook thread, past the timeout
          }
          return completedFuture(Verdict.pass());
        }));
    RawClient consumer = clients.connect();
    consumer.consumer("c1", "note");
    RawClient stuck = clients.contributor("k1");
    RawClient other = clients.contributor("k1");
    CompletableFuture<JSONObject> stuckAnswer = stuck.request("publish",
        json("session", "k1", "event", "note", "data", "stuck"));

    assertEquals(1, other.call("publish", json("session", "k1", "event", "note",
        "data", "meanwhile")).getInt("routed"));
    assertEquals("meanwhile", consumer.nextDeliver().getString("data"));
    assertError("hook_timeout", stuckAnswer.get(10, TimeUnit.SECONDS));
    release.countDown(); // its verdict, now late, is ignored
    assertEquals(1, stuck.call("publish", json("session", "k1", "event", "note",
        "data", "after")).getInt("routed"));
    assertEquals("after", consumer.nextDeliver().getString("data")); // "stuck" never came
  }

  @Test void theHubClosesInTimeWhileAHookHoldsItsThread() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    HatchetHub hub = clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .messageHook(publish -> {
          entered.countDown();
          try {
            never.await(); // until the hub interrupts it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return completedFuture(Verdict.pass());
        })).hub();
    RawClient contributor = clients.contributor("k1");
    CompletableFuture<JSONObject> waiting = contributor.request("publish",
        json("session", "k1", "event", "note", "data", 1));
    Await.latch(entered);

    long start = System.nanoTime();
    hub.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis < 5_000, "close took " + tookMillis + " ms");
    Set<String> threads = Await.hatchetThreads();
    Await.until(() -> Await.hatchetThreads().stream()
        .noneMatch(name -> name.startsWith(hub.threadPrefix() + "-")),
        "the hub's threads end; were " + threads);
    contributor.awaitDisconnect(); // the client is let go: its reason is the transport's
    assertFalse(waiting.isDone(), "a publish cut off by the close is not answered");
  }
}
