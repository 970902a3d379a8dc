package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.OTHER_APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.hatchet.hub.App;
import io.hatchet.hub.HubException;
import io.hatchet.testing.EventRecorder;
import io.hatchet.testing.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The hub object's own sends: each kind reaches exactly the consumers it names, with the count
 * it returns; what a publish over a socket refuses, they refuse with the same code.
 */
class HubSendTest {
  private static final String SECRET = TestKeys.secret("HS256", 'h');
  private static final String USERS = "users";
  private static final Duration TIMEOUT = Duration.ofSeconds(Await.SECONDS);

  private final HubFixture fixture = new HubFixture(hub -> hub
      .app(App.named(USERS).consumerKey(CONSUMER_KEY).producerSecrets(SECRET))
      .maxTargetsPerPublish(3)
      .maxMessageBytes(1000));
  private final Producer signer = fixture.hatchet().producer(USERS,
      ProducerOptions.builder().secretKeys(SECRET).build());
  private final List<Inbox> inboxes = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  /** A consumer on a connection of its own, watching "news" and the marker event "end". */
  private Inbox consumer(String app, String key, String alias) {
    Consumer consumer = fixture.hatchet().consumer(app, key);
    if (alias != null) consumer.alias(alias);
    return inbox(consumer);
  }

  private Inbox tokenConsumer(Hatchet hatchet, String userId) {
    return inbox(hatchet.consumer(USERS, signer.signAuth(Map.of("userId", userId))));
  }

  private Inbox inbox(Consumer consumer) {
    EventRecorder recorder = new EventRecorder();
    Await.get(recorder.watch(consumer, "news", "end"));
    Await.get(consumer.ready());
    Inbox inbox = new Inbox(consumer, recorder);
    inboxes.add(inbox);
    return inbox;
  }

  private record Inbox(Consumer consumer, EventRecorder recorder) {
    RecordedEvent next() {
      return recorder.takeEvent(TIMEOUT);
    }

    String nextNews() {
      RecordedEvent event = next();
      assertEquals("news", event.event(), event::json);
      return event.data().toString();
    }
  }

  /**
   * Broadcasts the marker "end" in {@code app} and checks it is the next event of each of
   * {@code inboxes} of that app: then the sends before it reached none of them. The hub routes
   * its own sends in call order, and each consumer receives them in that order.
   */
  private void assertNothingMore(String app, Inbox... quiet) {
    long watching = inboxes.stream().filter(i -> i.consumer.app().equals(app)).count();
    assertEquals(watching, fixture.hub.broadcast(app, "end", "marker"));
    for (Inbox inbox : quiet) {
      RecordedEvent next = inbox.next();
      assertEquals("end", next.event(), next::json);
    }
  }

  @Test
  void aBroadcastReachesEveryWatchingConsumerOfItsAppOnly() {
    Inbox a = consumer(APP, CONSUMER_KEY, null);
    Inbox b = consumer(APP, CONSUMER_KEY, null);
    Consumer deaf = fixture.hatchet().consumer(APP, CONSUMER_KEY);
    EventRecorder deafRecorder = new EventRecorder();
    Await.get(deafRecorder.watch(deaf, "other"));
    Inbox elsewhere = consumer(OTHER_APP, "other-consumer", null);

    assertEquals(2, fixture.hub.broadcast(APP, "news", Map.of("n", 1)));

    assertEquals("{\"n\":1}", a.nextNews());
    assertEquals("{\"n\":1}", b.nextNews());
    assertNothingMore(OTHER_APP, elsewhere);
    assertEquals(0, deafRecorder.unread());
  }

  @Test
  void aSendReachesTheWatchingConsumersOfItsAliasesEachOnce() {
    Inbox fred = consumer(APP, CONSUMER_KEY, "frederick");
    Inbox fredsPhone = consumer(APP, CONSUMER_KEY, "frederick");
    Inbox ben = consumer(APP, CONSUMER_KEY, "ben");
    Inbox alice = consumer(APP, CONSUMER_KEY, "alice");

    assertEquals(3, fixture.hub.send(APP, "news", "hi", List.of("frederick", "ben", "frederick")));
    assertEquals(0, fixture.hub.send(APP, "news", "hi", List.of("nobody")));

    assertEquals("\"hi\"", fred.nextNews());
    assertEquals("\"hi\"", fredsPhone.nextNews());
    assertEquals("\"hi\"", ben.nextNews());
    assertNothingMore(APP, fred, fredsPhone, ben, alice);
  }

  @Test
  void aRoomSendReachesEachMemberOnceAndAUserSendEveryDeviceOfTheUser() {
    Hatchet shared = fixture.hatchet();
    Inbox benPhone = tokenConsumer(fixture.hatchet(), "ben");
    Inbox benLaptop = tokenConsumer(shared, "ben");
    Inbox alice = tokenConsumer(shared, "alice");
    Inbox carol = tokenConsumer(fixture.hatchet(), "carol");
    assertTrue(fixture.hub.join(USERS, benPhone.consumer.id(), "r1"));
    assertTrue(fixture.hub.join(USERS, benPhone.consumer.id(), "r2"));
    assertTrue(fixture.hub.join(USERS, alice.consumer.id(), "r2"));

    assertEquals(2, fixture.hub.sendToRooms(USERS, "news", 1, List.of("r1", "r2", "empty")));
    assertEquals("1", benPhone.nextNews());
    assertEquals("1", alice.nextNews());

    assertEquals(2, fixture.hub.sendToUser(USERS, "ben", "news", 2));
    assertEquals("2", benPhone.nextNews());
    assertEquals("2", benLaptop.nextNews());
    assertEquals(0, fixture.hub.sendToUser(USERS, "nobody", "news", 3));
    assertNothingMore(USERS, benPhone, benLaptop, alice, carol);
  }

  @Test
  void dataIsEncodedAsAClientsPublishEncodesIt() {
    Inbox inbox = consumer(APP, CONSUMER_KEY, null);
    record Signup(String firstName, Instant at) {}
    JsonElement tree = JsonParser.parseString("{\"price\":1.10,\"tags\":[\"a\",null]}");

    fixture.hub.broadcast(APP, "news", new Signup("Frederick", Instant.parse("2026-01-02T03:04:05Z")));
    fixture.hub.broadcast(APP, "news", tree);
    fixture.hub.broadcast(APP, "news", null);

    assertEquals("{\"firstName\":\"Frederick\",\"at\":\"2026-01-02T03:04:05Z\"}", inbox.nextNews());
    assertEquals("{\"price\":1.10,\"tags\":[\"a\",null]}", inbox.nextNews());
    assertEquals("null", inbox.nextNews());
  }

  @Test
  void oneThreadsSendsArriveInCallOrder() {
    Inbox inbox = consumer(APP, CONSUMER_KEY, "frederick");
    int sends = 2_000;
    for (int i = 0; i < sends; i++) {
      int routed = i % 2 == 0
          ? fixture.hub.broadcast(APP, "news", i)
          : fixture.hub.send(APP, "news", i, List.of("frederick"));
      assertEquals(1, routed);
    }
    for (int i = 0; i < sends; i++) {
      assertEquals(String.valueOf(i), inbox.nextNews());
    }
  }

  @Test
  void refusalsCarryTheCodeASocketPublishWouldGet() {
    consumer(APP, CONSUMER_KEY, "frederick");
    List<String> four = List.of("a", "b", "c", "d");
    assertRefused("unknown_app", () -> fixture.hub.broadcast("nope", "news", 1));
    assertRefused("bad_request", () -> fixture.hub.broadcast(null, "news", 1));
    assertRefused("bad_request", () -> fixture.hub.broadcast(APP, "", 1));
    assertRefused("bad_request", () -> fixture.hub.broadcast(APP, null, 1));
    assertRefused("bad_request", () -> fixture.hub.broadcast(APP, "e".repeat(257), 1));
    assertRefused("bad_request", () -> fixture.hub.send(APP, "news", 1, null));
    assertRefused("bad_request", () -> fixture.hub.send(APP, "news", 1, List.of()));
    assertEquals("alias is null", assertRefused("bad_request",
        () -> fixture.hub.send(APP, "news", 1, Arrays.asList("a", null))).getMessage());
    assertEquals("room must have 1 to 256 characters, not 0", assertRefused("bad_request",
        () -> fixture.hub.sendToRooms(APP, "news", 1, List.of(""))).getMessage());
    assertRefused("bad_request", () -> fixture.hub.sendToUser(APP, "", "news", 1));
    assertRefused("too_many", () -> fixture.hub.send(APP, "news", 1, four));
    assertRefused("too_many", () -> fixture.hub.sendToRooms(APP, "news", 1, four));
    assertRefused("too_large", () -> fixture.hub.broadcast(APP, "news", "x".repeat(1000)));
    Object anonymous = new Object() {
      @SuppressWarnings("unused") final int n = 1;
    };
    HubException unencodable = assertRefused("bad_request",
        () -> fixture.hub.broadcast(APP, "news", anonymous));
    assertTrue(unencodable.getMessage().contains("anonymous class"), unencodable.getMessage());
    // At the limits, and just under the size limit, they go.
    assertEquals(1, fixture.hub.send(APP, "news", 1,
        List.of("e".repeat(256), "frederick", "frederick")));
    assertEquals(1, fixture.hub.broadcast(APP, "news", "x".repeat(998))); // 1000 bytes quoted
    assertEquals(0, fixture.hub.stats().apps().get(OTHER_APP).publishes());
    assertEquals(2, fixture.hub.stats().apps().get(APP).publishes());
  }

  @Test
  void theAppsAreNamedInTheOrderTheyWereGiven() {
    assertEquals(List.of(APP, OTHER_APP, USERS), new ArrayList<>(fixture.hub.apps()));
    assertThrows(UnsupportedOperationException.class,
        () -> fixture.hub.apps().add("more"));
    assertEquals(Collections.emptyList(), fixture.hub.consumersOf(USERS, "nobody"));
  }

  private static HubException assertRefused(String code, Executable send) {
    HubException refusal = assertThrows(HubException.class, send);
    assertEquals(code, refusal.code(), refusal.getMessage());
    return refusal;
  }
}
