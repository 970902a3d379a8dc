package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequence numbers, recovery windows and resume: what a consumer gets back after a cut. */
class RecoveryTest {
  private final HubClients clients = new HubClients();
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    start(HatchetHub.builder().app(TestApps.demo()));
  }

  private void start(HatchetHub.Builder builder) throws Exception {
    contributor = clients.startHub(builder).contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  /** Authenticates consumer {@code id} (resuming after {@code resume} unless null), watching. */
  static JSONObject resume(RawClient client, String session, String id, Long resume,
      String... events) throws Exception {
    JSONObject answer = resume == null
        ? client.authWith(session, TestApps.CONSUMER_KEY, "id", id)
        : client.authWith(session, TestApps.CONSUMER_KEY, "id", id, "resume", resume);
    assertOk(answer);
    assertOk(client.call("watch", json("session", session, "events", events)));
    return answer;
  }

  private int publish(String event, Object data) throws Exception {
    JSONObject answer =
        contributor.call("publish", json("session", "k1", "event", event, "data", data));
    assertOk(answer);
    return answer.getInt("routed");
  }

  /** Asserts the next deliver is for {@code session} alone, numbered {@code seq}, with data. */
  static void assertNext(RawClient client, String session, long seq, int data)
      throws InterruptedException {
    JSONObject deliver = client.nextDeliver();
    assertEquals("[\"" + session + "\"]", deliver.getJSONArray("sessions").toString(),
        deliver::toString);
    assertEquals("[" + seq + "]", deliver.getJSONArray("seqs").toString(), deliver::toString);
    assertEquals(data, deliver.getInt("data"), deliver::toString);
  }

  private static void assertAnswer(JSONObject answer, long seq, Boolean recovered) {
    assertEquals(seq, answer.getLong("seq"), answer::toString);
    if (recovered == null) {
      assertFalse(answer.has("recovered"), answer::toString);
    } else {
      assertEquals(recovered, answer.getBoolean("recovered"), answer::toString);
    }
  }

  @Test void eachConsumerNumbersItsOwnEvents() throws Exception {
    RawClient a = clients.connect();
    assertAnswer(resume(a, "c1", "one", null, "log", "signup"), 0, null);
    assertAnswer(resume(a, "c2", "two", null, "log"), 0, null);

    assertEquals(1, publish("signup", 1));
    assertNext(a, "c1", 1, 1);
    assertEquals(2, publish("log", 2));

    JSONObject deliver = a.nextDeliver();
    JSONArray sessions = deliver.getJSONArray("sessions");
    JSONArray seqs = deliver.getJSONArray("seqs");
    assertEquals(2, sessions.length(), deliver::toString);
    for (int i = 0; i < 2; i++) {
      assertEquals(sessions.getString(i).equals("c1") ? 2 : 1, seqs.getLong(i), deliver::toString);
    }
  }

  @Test void resumeWithinTheWindowReplaysWhatWasMissedThenGoesOn() throws Exception {
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    assertEquals(1, publish("log", 1));
    assertNext(first, "c1", 1, 1);
    clients.close(first);

    // Disconnected, and still routed to: its window keeps what it misses.
    for (int i = 2; i <= 4; i++) {
      assertEquals(1, publish("log", i));
    }

    RawClient second = clients.connect();
    assertAnswer(resume(second, "c7", "x", 1L, "log"), 4, true);
    for (int i = 2; i <= 4; i++) {
      assertNext(second, "c7", i, i);
    }
    assertEquals(1, publish("log", 5));
    assertNext(second, "c7", 5, 5);
    assertTrue(second.delivers.isEmpty(), () -> "more: " + second.delivers);
  }

  @Test void theAnswerComesBeforeTheReplay() throws Exception {
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    clients.close(first);
    for (int i = 1; i <= 3; i++) {
      publish("log", i);
    }

    try (RawEngineIo raw = new RawEngineIo(clients.hub().url())) {
      raw.send("420[\"auth\",{\"v\":1,\"session\":\"c1\",\"app\":\"demo\",\"key\":\""
          + TestApps.CONSUMER_KEY + "\",\"id\":\"x\",\"resume\":0}]");
      JSONObject answer = raw.ack(0).getJSONObject(0);
      assertAnswer(answer, 3, true);
      // The replay may come packed into fewer deliver packets: its objects are what count.
      List<JSONObject> replayed = new ArrayList<>();
      while (replayed.size() < 3) {
        JSONArray event = raw.event();
        assertEquals("deliver", event.getString(0));
        for (int k = 1; k < event.length(); k++) replayed.add(event.getJSONObject(k));
      }
      assertEquals(3, replayed.size());
      for (int i = 1; i <= 3; i++) {
        assertEquals("[" + i + "]", replayed.get(i - 1).getJSONArray("seqs").toString());
        assertEquals(i, replayed.get(i - 1).getInt("data"));
      }
    }
  }

  @Test void windowKeepsOnlyTheNewestByCount() throws Exception {
    start(HatchetHub.builder().app(TestApps.demo()).recoveryWindow(3, Duration.ofMinutes(1)));
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    clients.close(first);
    for (int i = 1; i <= 5; i++) {
      assertEquals(1, publish("log", i));
    }

    // 2 and 3 are gone: not recovered, nothing replayed, numbering goes on.
    RawClient second = clients.connect();
    assertAnswer(resume(second, "c1", "x", 1L, "log"), 5, false);
    assertEquals(1, publish("log", 6));
    assertNext(second, "c1", 6, 6);

    // The window holds 4, 5, 6: after 3 is recoverable. A second session takes the id over.
    assertAnswer(resume(second, "c2", "x", 3L, "log"), 6, true);
    for (int i = 4; i <= 6; i++) {
      assertNext(second, "c2", i, i);
    }
    assertEquals(1, publish("log", 7));
    assertNext(second, "c2", 7, 7);
    assertTrue(second.delivers.isEmpty(), () -> "c1 got more: " + second.delivers);
  }

  @Test void windowDropsEventsOlderThanItsAge() throws Exception {
    // The hub's time moves only here: event 3 is still young when resumed, however slow that is.
    FakeTicker ticker = new FakeTicker();
    Duration age = Duration.ofSeconds(3);
    start(HatchetHub.builder().app(TestApps.demo()).recoveryWindow(1000, age).ticker(ticker));
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    resume(first, "c2", "y", null, "signup");
    clients.close(first);
    publish("log", 1);
    publish("log", 2);
    publish("signup", 1);
    ticker.advance(age.plusMillis(1));
    publish("log", 3); // trims 1 and 2 as it is appended

    RawClient second = clients.connect();
    assertAnswer(resume(second, "c1", "x", 0L, "log"), 3, false);
    assertAnswer(resume(second, "c2", "x", 2L, "log"), 3, true);
    assertNext(second, "c2", 3, 3);
    // Nothing appended to y since: its window is trimmed when it resumes.
    assertAnswer(resume(second, "c3", "y", 0L, "signup"), 1, false);
    assertTrue(second.delivers.isEmpty(), () -> "more: " + second.delivers);
  }

  @Test void unknownIdIsNotRecoveredAndStartsAtZero() throws Exception {
    RawClient client = clients.connect();
    assertAnswer(resume(client, "c1", "never-seen", 5L, "log"), 0, false);
    assertEquals(1, publish("log", 1));
    assertNext(client, "c1", 1, 1);
  }

  @Test void resumeAheadOfTheHubIsNotRecovered() throws Exception {
    RawClient client = clients.connect();
    resume(client, "c1", "x", null, "log");
    publish("log", 1);
    publish("log", 2);
    assertNext(client, "c1", 1, 1);
    assertNext(client, "c1", 2, 2);

    assertAnswer(resume(client, "c2", "x", 5L, "log"), 2, false);
    assertAnswer(resume(client, "c3", "x", 2L, "log"), 2, true); // nothing missed
    publish("log", 3);
    assertNext(client, "c3", 3, 3);
  }

  @Test void consumersAreForgottenAfterTheGracePeriod() throws Exception {
    // The grace period is the ticker's. In real time it is short, so that the hub's timer fires
    // before the ticker moves, and must leave the decision to the ticker.
    FakeTicker ticker = new FakeTicker();
    Duration grace = Duration.ofMillis(20);
    start(HatchetHub.builder().app(TestApps.demo()).consumerGracePeriod(grace).ticker(ticker));
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    publish("log", 1);
    assertNext(first, "c1", 1, 1);
    clients.close(first);
    // Its grace period starts when the hub takes it off the closed connection: wait for that.
    LifecycleTest.await(() -> clients.hub().registry().consumersInGrace() == 1,
        () -> "still attached to the closed connection");

    ticker.advance(grace.minusMillis(1));
    assertEquals(1, publish("log", 2), "forgotten before its grace period ended");
    ticker.advance(Duration.ofMillis(1));
    assertEquals(0, publish("log", 3), "still routed to after its grace period");
    LifecycleTest.await(() -> clients.hub().registry().consumerIndexSize() == 0,
        () -> "records left behind: " + clients.hub().registry().consumerIndexSize());
    RawClient second = clients.connect();
    assertAnswer(resume(second, "c1", "x", 1L, "log"), 0, false);
  }

  @Test void hubRestartedOnTheSamePortKnowsNothing() throws Exception {
    int port = clients.hub().port();
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    publish("log", 1);
    assertNext(first, "c1", 1, 1);

    start(HatchetHub.builder().app(TestApps.demo()).port(port));
    assertEquals(port, clients.hub().port());
    RawClient second = clients.connect();
    assertAnswer(resume(second, "c1", "x", 1L, "log"), 0, false);
    publish("log", 2);
    assertNext(second, "c1", 1, 2);
  }

  @Test void resumeMustBeANonNegativeInteger() throws Exception {
    RawClient client = clients.connect();
    Object[] bad = {-1, 1.5, "3", true, new JSONArray("[1]"),
        new BigInteger("18446744073709551616")};
    for (Object resume : bad) {
      assertError("bad_request",
          client.authWith("c1", TestApps.CONSUMER_KEY, "id", "x", "resume", resume));
    }
    assertAnswer(client.authWith("c1", TestApps.CONSUMER_KEY, "resume", null), 0, null);
    assertAnswer(client.authWith("c2", TestApps.CONSUMER_KEY, "resume", Long.MAX_VALUE), 0,
        false);
    // Contributors and producers have no sequence: the field is ignored.
    JSONObject contributorAnswer =
        client.authWith("k1", TestApps.CONTRIBUTOR_KEY, "resume", 3);
    assertOk(contributorAnswer);
    assertFalse(contributorAnswer.has("seq") || contributorAnswer.has("recovered"));
  }

  @Test void watchesAndAliasBelongToTheId() throws Exception {
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log");
    assertOk(first.call("alias", json("session", "c1", "alias", "frederick")));
    clients.close(first);

    // Back without watching or naming itself again: routed to as before.
    RawClient second = clients.connect();
    assertOk(second.authWith("c1", TestApps.CONSUMER_KEY, "id", "x", "resume", 0));
    JSONObject answer = contributor.call("publish",
        json("session", "k1", "event", "log", "data", 1, "to", new Object[] {"frederick"}));
    assertEquals(1, answer.getInt("routed"), answer::toString);
    assertNext(second, "c1", 1, 1);
  }

  @Test void takeoverKeepsOnlyTheWatchesTheNewKeyAllows() throws Exception {
    RawClient first = clients.connect();
    resume(first, "c1", "x", null, "log", "signup");
    clients.close(first);

    RawClient second = clients.connect();
    assertOk(second.authWith("c1", TestApps.LOG_CONSUMER_KEY, "id", "x"));
    assertEquals(0, publish("signup", 1));
    assertEquals(1, publish("log", 2));
    assertNext(second, "c1", 1, 2);
  }
}
