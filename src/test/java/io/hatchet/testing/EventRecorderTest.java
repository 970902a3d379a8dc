package io.hatchet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hatchet.Await;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.EventHandler;
import io.hatchet.Hatchet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@HatchetHubTest(apps = @TestApp(name = "recorded", consumerKeys = "recorded-consumer",
    contributorKeys = "recorded-contributor"))
class EventRecorderTest {
  private static final Duration WAIT = Duration.ofSeconds(Await.SECONDS);
  private static final Duration SHORT = Duration.ofMillis(100);

  record Signup(String firstName, String lastName) {}

  private final EventRecorder events = new EventRecorder();
  private Consumer consumer;
  private Contributor contributor;

  @BeforeEach
  void connect(Hatchet hatchet) {
    consumer = hatchet.consumer("recorded", "recorded-consumer");
    contributor = hatchet.contributor("recorded", "recorded-contributor");
    Await.get(events.watch(consumer, "log", "signup"));
  }

  @Test
  void takesEventsInTheOrderReceivedWithTheirNamesAndData() {
    contributor.broadcast("log", Map.of("line", 100, "file", "ben.txt"));
    contributor.broadcast("signup", new Signup("Ben", "Hull"));

    RecordedEvent log = events.takeEvent(WAIT);
    assertEquals("log", log.event());
    assertEquals(100, log.data().getAsJsonObject().get("line").getAsInt());
    assertEquals(new Signup("Ben", "Hull"), events.takeEvent(Signup.class, WAIT));
    events.assertNoMoreEvents(SHORT);
  }

  @Test
  void givesTheDataAsJsonAndAsACopyOfItsOwn() {
    contributor.broadcast("log", List.of(1, 2));
    RecordedEvent event = events.takeEvent(WAIT);

    event.data().getAsJsonArray().add(3);

    assertEquals("[1,2]", event.json());
    assertEquals("log [1,2]", event.toString());
  }

  @Test
  void takesSeveralAtOnceAndSaysHowManyCameWhenTooFew() {
    for (int i = 1; i <= 3; i++) contributor.broadcast("log", i);
    List<RecordedEvent> three = events.takeEvents(3, WAIT);
    assertEquals(List.of("1", "2", "3"), three.stream().map(RecordedEvent::json).toList());

    events.handler("log").handle(new JsonPrimitive(4));
    AssertionError error = assertThrows(AssertionError.class, () -> events.takeEvents(2, SHORT));
    assertEquals("only 1 of 2 events within 100 ms (watching [log, signup]): [log 4]",
        error.getMessage());
  }

  @Test
  void aTimeoutSaysWhatWasWatchedAndReceived() {
    Await.get(contributor.broadcast("log", "one"));
    events.takeEvent(WAIT);

    AssertionError error = assertThrows(AssertionError.class, () -> events.takeEvent(SHORT));

    assertEquals("no event within 100 ms (watching [log, signup], 1 received so far)",
        error.getMessage());
  }

  @Test
  void anEventNotTakenFailsTheQuietCheckByName() {
    contributor.broadcast("signup", new Signup("Frederick", "Hull"));
    contributor.broadcast("log", "after");
    Await.get(contributor.broadcast("log", "last"));

    AssertionError error = assertThrows(AssertionError.class, () -> events.assertNoMoreEvents(SHORT));

    assertTrue(error.getMessage().startsWith("expected no more events within 100 ms, but received "
        + "signup {\"firstName\":\"Frederick\",\"lastName\":\"Hull\"}"), error.getMessage());
  }

  @Test
  void dataOfAnotherShapeFailsATypedTakeNamingTheEvent() {
    contributor.broadcast("log", "not a signup");

    AssertionError error = assertThrows(AssertionError.class,
        () -> events.takeEvent(Signup.class, WAIT));

    assertTrue(error.getMessage().startsWith("cannot read log \"not a signup\" as a Signup: "),
        error.getMessage());
  }

  @Test
  void recordsOnTheCallbackThread() {
    List<String> threads = new ArrayList<>();
    CountDownLatch handled = new CountDownLatch(1);
    EventHandler<JsonElement> recording = events.handler("thread");
    Await.get(consumer.watch("thread", data -> {
      threads.add(Thread.currentThread().getName());
      recording.handle(data);
      handled.countDown();
    }));
    contributor.broadcast("thread", true);

    assertEquals("true", events.takeEvent(WAIT).json());
    Await.latch(handled);
    assertTrue(threads.get(0).matches("hatchet-\\d+-callbacks"), threads.toString());
  }

  @Test
  void eventsPastTheBoundAreCountedAndFailTheNextTake() {
    EventRecorder small = new EventRecorder(new Gson(), 2);
    EventHandler<JsonElement> handler = small.handler("log");
    for (int i = 0; i < 5; i++) handler.handle(new JsonPrimitive(i));

    AssertionError error = assertThrows(AssertionError.class, () -> small.takeEvent(WAIT));

    assertEquals("events lost: 3 (the recorder holds at most 2 not yet taken; take them sooner or"
        + " give it a larger maxEvents)", error.getMessage());
    assertEquals(2, small.unread());
  }

  @Test
  void recordsFromManyThreadsAtOnce() throws Exception {
    EventHandler<JsonElement> handler = events.handler("log");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 1_000; i++) handler.handle(new JsonPrimitive(i));
      }, "test-recorder-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) thread.join(WAIT.toMillis());

    assertEquals(4_000, events.takeEvents(4_000, WAIT).size());
    events.assertNoMoreEvents(Duration.ZERO);
  }

  @Test
  void badArgumentsAreRefusedAtTheCall() {
    assertThrows(IllegalArgumentException.class, () -> new EventRecorder(null, 1));
    assertThrows(IllegalArgumentException.class, () -> new EventRecorder(new Gson(), 0));
    assertThrows(IllegalArgumentException.class, () -> events.handler(" "));
    assertThrows(IllegalArgumentException.class, () -> events.watch(null, "log"));
    assertThrows(IllegalArgumentException.class, () -> events.watch(consumer));
    assertThrows(IllegalArgumentException.class, () -> events.takeEvent(null));
    assertThrows(IllegalArgumentException.class, () -> events.takeEvent(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> events.takeEvent(null, WAIT));
    assertThrows(IllegalArgumentException.class, () -> events.takeEvents(-1, WAIT));
  }
}
