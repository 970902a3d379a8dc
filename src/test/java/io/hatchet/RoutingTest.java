package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** A consumer that records what it receives of one event. */
  private static final class Inbox {
    final BlockingQueue<JsonElement> received = new LinkedBlockingQueue<>();

    Inbox(Consumer consumer, String event) {
      Await.get(consumer.watch(event, received::add));
    }

    JsonElement take() throws InterruptedException {
      JsonElement data = received.poll(Await.SECONDS, TimeUnit.SECONDS);
      if (data == null) throw new AssertionError("nothing received");
      return data;
    }
  }

  @Test
  void broadcastReachesEveryWatcherOnEveryConnectionIncludingItsOwn() throws Exception {
    Hatchet first = fixture.hatchet();
    Hatchet second = fixture.hatchet();
    Inbox sameConnection = new Inbox(first.consumer(APP, CONSUMER_KEY), "log");
    Inbox otherConnection = new Inbox(second.consumer(APP, CONSUMER_KEY), "log");
    Inbox otherEvent = new Inbox(second.consumer(APP, CONSUMER_KEY), "signup");
    Contributor contributor = first.contributor(APP, CONTRIBUTOR_KEY);

    int routed = Await.get(contributor.broadcast("log", Map.of("line", 100, "file", "ben.txt")));

    assertEquals(2, routed, "the two consumers that watch log, not the one that watches signup");
    assertEquals(100, sameConnection.take().getAsJsonObject().get("line").getAsInt());
    assertEquals("ben.txt", otherConnection.take().getAsJsonObject().get("file").getAsString());
    Await.get(contributor.broadcast("signup", "fence"));
    assertEquals("fence", otherEvent.take().getAsString());
    assertTrue(otherEvent.received.isEmpty());
  }

  @Test
  void broadcastStaysInsideItsApp() {
    Hatchet hatchet = fixture.hatchet();
    new Inbox(hatchet.consumer(HubFixture.OTHER_APP, "other-consumer"), "log");
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(0, Await.get(contributor.broadcast("log", 1)));
  }

  @Test
  void sendReachesTheWatchingConsumersOfTheGivenAliases() throws Exception {
    Hatchet first = fixture.hatchet();
    Hatchet second = fixture.hatchet();
    Consumer frederick = first.consumer(APP, CONSUMER_KEY);
    Consumer benOnPhone = first.consumer(APP, CONSUMER_KEY);
    Consumer benOnLaptop = second.consumer(APP, CONSUMER_KEY);
    Consumer benNotWatching = second.consumer(APP, CONSUMER_KEY);
    Consumer carol = second.consumer(APP, CONSUMER_KEY);
    Await.get(frederick.alias("frederick"));
    Await.get(benOnPhone.alias("ben"));
    Await.get(benOnLaptop.alias("ben"));
    Await.get(benNotWatching.alias("ben"));
    Await.get(carol.alias("carol"));
    List<Inbox> addressed = List.of(new Inbox(frederick, "signup"), new Inbox(benOnPhone, "signup"),
        new Inbox(benOnLaptop, "signup"));
    Inbox notAddressed = new Inbox(carol, "signup");
    Contributor contributor = second.contributor(APP, CONTRIBUTOR_KEY);

    int routed = Await.get(contributor.send("signup", new Signup("Frederick", 3), "frederick", "ben"));

    assertEquals(3, routed);
    for (Inbox inbox : addressed) {
      assertEquals("Frederick", inbox.take().getAsJsonObject().get("name").getAsString());
    }
    assertEquals(1, Await.get(contributor.send("signup", "fence", "carol")));
    assertEquals("fence", notAddressed.take().getAsString(), "carol got only what was sent to her");
  }

  @Test
  void aliasMayChangeAndBeCleared() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    new Inbox(consumer, "note");
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(consumer.alias("old"));
    Await.get(consumer.alias("new"));
    assertEquals(0, Await.get(contributor.send("note", 1, "old")));
    assertEquals(1, Await.get(contributor.send("note", 1, "new")));
    Await.get(consumer.alias(null));
    assertEquals(0, Await.get(contributor.send("note", 1, "new")));
  }

  record Signup(String name, int age) {}

  @Test
  void typedWatchDecodesARecord() throws Exception {
    Hatchet hatchet = fixture.hatchet();
    BlockingQueue<Signup> signups = new LinkedBlockingQueue<>();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("signup", Signup.class, signups::add));
    Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("signup", new Signup("Ben", 42)));
    assertEquals(new Signup("Ben", 42), signups.poll(Await.SECONDS, TimeUnit.SECONDS));
  }

  record Line(int n) {}

  @Test
  void everyHandlerOfAnEventSharesOneTreeAndOneDecodingPerType() throws Exception {
    Hatchet hatchet = fixture.hatchet();
    Consumer first = hatchet.consumer(APP, CONSUMER_KEY);
    Consumer second = hatchet.consumer(APP, CONSUMER_KEY);
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    Await.get(first.watch("log", seen::add));
    Await.get(first.watch("log", Line.class, seen::add));
    Await.get(second.watch("log", seen::add));
    Await.get(second.watch("log", Line.class, seen::add));
    Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("log", Map.of("n", 1)));
    List<Object> trees = new ArrayList<>();
    List<Object> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Object value = seen.poll(Await.SECONDS, TimeUnit.SECONDS);
      (value instanceof Line ? lines : trees).add(value);
    }
    assertEquals(new Line(1), lines.get(0));
    assertSame(trees.get(0), trees.get(1), "one tree for every consumer and handler");
    assertSame(lines.get(0), lines.get(1), "decoded once per type");
  }

  @Test
  void eachConsumerReceivesAContributorsEventsInSendOrder() {
    int count = 2_000;
    Hatchet consumers = fixture.hatchet();
    Hatchet contributors = fixture.hatchet();
    List<List<Integer>> received = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(3 * count);
    for (int i = 0; i < 3; i++) {
      List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
      received.add(numbers);
      Consumer consumer = (i == 2 ? contributors : consumers).consumer(APP, CONSUMER_KEY);
      Await.get(consumer.watch("seq", data -> {
        numbers.add(data.getAsInt());
        done.countDown();
      }));
    }
    Contributor contributor = contributors.contributor(APP, CONTRIBUTOR_KEY);
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) sent.add(contributor.broadcast("seq", i));

    Await.latch(done);
    for (CompletableFuture<Integer> future : sent) assertEquals(3, Await.get(future));
    for (List<Integer> numbers : received) {
      for (int i = 0; i < count; i++) assertEquals(i, numbers.get(i));
    }
  }

  @Test
  void nullDataIsSentAsJsonNull() throws Exception {
    Hatchet hatchet = fixture.hatchet();
    Inbox inbox = new Inbox(hatchet.consumer(APP, CONSUMER_KEY), "ping");
    Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("ping", null));
    assertTrue(inbox.take().isJsonNull());
  }
}
