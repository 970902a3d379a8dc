package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** publish with publisher and seq: a retry is answered, never routed twice. */
class PublisherDedupTest {
  private static final int LIMIT = 1000;

  private final HubClients clients = new HubClients();
  private RawClient consumer;
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    start(HatchetHub.builder().app(TestApps.demo()).maxMessageBytes(LIMIT));
  }

  private void start(HatchetHub.Builder builder) throws Exception {
    consumer = clients.startHub(builder).connect();
    consumer.consumer("c1", "log", "marker");
    contributor = clients.contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private JSONObject publish(RawClient client, Object data, Object publisher, Object seq)
      throws Exception {
    return client.call("publish", json("session", "k1", "event", "log", "data", data,
        "publisher", publisher, "seq", seq));
  }

  private static void assertRouted(int routed, boolean duplicate, JSONObject answer) {
    assertOk(answer);
    assertEquals(routed, answer.getInt("routed"), answer::toString);
    assertEquals(duplicate, answer.optBoolean("duplicate"), answer::toString);
  }

  /** Asserts the consumer gets exactly {@code data}, in this order, and nothing else. */
  private void assertReceived(Object... data) throws Exception {
    for (Object expected : data) {
      assertEquals(String.valueOf(expected), consumer.nextDeliver().get("data").toString());
    }
    // A marker sent last arrives after anything else routed to the consumer.
    assertOk(contributor.call("publish", json("session", "k1", "event", "marker", "data", 0)));
    JSONObject next = consumer.nextDeliver();
    assertEquals("marker", next.getString("event"), () -> "unexpected " + next);
  }

  @Test void retryOfAnAcceptedSeqIsAnsweredWithoutRouting() throws Exception {
    assertRouted(1, false, publish(contributor, 1, "pub-1", 1));
    assertRouted(1, true, publish(contributor, "retry", "pub-1", 1));
    assertRouted(1, false, publish(contributor, 2, "pub-1", 2));
    assertRouted(1, true, publish(contributor, "late retry", "pub-1", 1));
    // Each publisher has its own numbers.
    assertRouted(1, false, publish(contributor, 3, "pub-2", 1));
    // Numbers may skip; one never accepted but below the highest is taken for a retry.
    assertRouted(1, false, publish(contributor, 4, "pub-1", 10));
    assertRouted(0, true, publish(contributor, "never sent", "pub-1", 5));
    assertRouted(1, false, publish(contributor, 5, "pub-1", Long.MAX_VALUE));
    assertReceived(1, 2, 3, 4, 5);
  }

  @Test void retryIsAnsweredWithTheRoutedCountOfTheFirstTime() throws Exception {
    RawClient other = clients.connect();
    other.consumer("c1", "log");
    assertRouted(2, false, publish(contributor, 1, "pub", 7));
    other.nextDeliver();
    assertOk(other.call("unwatch", json("session", "c1", "events", new Object[] {"log"})));

    assertRouted(2, true, publish(contributor, 1, "pub", 7));
    assertRouted(1, false, publish(contributor, 2, "pub", 8));
    assertReceived(1, 2);
  }

  @Test void retryFromAnotherConnectionIsRecognisedToo() throws Exception {
    RawClient again = clients.connect();
    again.authOk("k1", TestApps.CONTRIBUTOR_KEY);
    int count = 100;
    List<CompletableFuture<JSONObject>> first = new ArrayList<>();
    List<CompletableFuture<JSONObject>> second = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      JSONObject request = json("session", "k1", "event", "log", "data", seq,
          "publisher", "pub", "seq", seq);
      first.add(contributor.request("publish", request));
      second.add(again.request("publish", request));
    }

    Set<Integer> received = new HashSet<>();
    for (int i = 0; i < count; i++) {
      JSONObject a = first.get(i).get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      JSONObject b = second.get(i).get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertTrue(a.optBoolean("duplicate") != b.optBoolean("duplicate"), a + " and " + b);
      assertTrue(received.add(consumer.nextDeliver().getInt("data")));
    }
    assertEquals(count, received.size());
    assertReceived();
  }

  @Test void publisherAndSeqGoTogether() throws Exception {
    Object[][] bad = {{"pub", null}, {null, 1}, {"pub", 0}, {"pub", -1}, {"pub", 1.5},
        {"pub", "1"}, {"", 1}, {"p".repeat(65), 1}, {5, 1}};
    for (Object[] fields : bad) {
      assertError("bad_request", publish(contributor, 1, fields[0], fields[1]));
    }
    assertRouted(1, false, publish(contributor, 1, null, null));
    assertRouted(1, false, publish(contributor, 2, "p".repeat(64), 1));
    assertReceived(1, 2);
  }

  @Test void refusedRequestsAreRefusedEvenAsRetries() throws Exception {
    assertRouted(1, false, publish(contributor, 1, "pub", 1));
    assertError("too_large", publish(contributor, "x".repeat(LIMIT), "pub", 1));
    assertError("not_permitted", consumer.call("publish", json("session", "c1", "event", "log",
        "data", 1, "publisher", "pub", "seq", 1)));
    contributor.authOk("k2", TestApps.SIGNUP_CONTRIBUTOR_KEY);
    assertError("not_permitted", contributor.call("publish", json("session", "k2",
        "event", "deploy", "data", 1, "publisher", "pub", "seq", 1)));
    assertError("not_authenticated", contributor.call("publish", json("session", "k9",
        "event", "log", "data", 1, "publisher", "pub", "seq", 1)));
    assertReceived(1);
  }

  @Test void publishersAreForgottenAfterTheGracePeriodAndNotBefore() throws Exception {
    // The hub's time moves only when the test says: a publish that comes late on a busy machine
    // is still on time. In real time the grace period is short, so that the hub's timers fire
    // while the ticker stands still, and must leave the decision to it.
    FakeTicker ticker = new FakeTicker();
    Duration grace = Duration.ofMillis(20);
    start(HatchetHub.builder().app(TestApps.demo()).consumerGracePeriod(grace).ticker(ticker));
    // Publishing on and on for longer than the grace period: remembered all along.
    long seq = 0;
    for (int i = 0; i < 6; i++) {
      if (i > 0) ticker.advance(grace.dividedBy(4));
      assertRouted(1, false, publish(contributor, "on", "busy", ++seq));
    }
    ticker.advance(grace.minusMillis(1)); // idle for just under the grace period
    assertRouted(1, true, publish(contributor, "retry", "busy", seq));

    // Many publishers, each publishing once: all of them go.
    List<CompletableFuture<JSONObject>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(contributor.request("publish", json("session", "k1", "event", "log",
          "data", "once", "publisher", "pub-" + i, "seq", 1)));
    }
    for (CompletableFuture<JSONObject> answer : answers) {
      assertRouted(1, false, answer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(201, clients.hub().registry().publisherCount(), "forgotten too soon");
    ticker.advance(grace);
    LifecycleTest.await(() -> clients.hub().registry().publisherCount() == 0,
        () -> "publishers left: " + clients.hub().registry().publisherCount());
    // Forgotten: its numbers start afresh.
    assertRouted(1, false, publish(contributor, "new again", "busy", 1));
    assertEquals(1, clients.hub().registry().publisherCount());
  }
}
