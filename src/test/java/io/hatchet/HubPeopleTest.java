package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.App;
import io.hatchet.hub.ConsumerInfo;
import io.hatchet.hub.HubException;
import io.hatchet.testing.EventRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Rooms and people from the hub object: join, leave, roomSize, consumersOf, disconnect*. */
class HubPeopleTest {
  private static final String APP = "users";
  private static final String SECRET = TestKeys.secret("HS256", 'p');
  private static final Duration TIMEOUT = Duration.ofSeconds(Await.SECONDS);

  private final HubFixture fixture = new HubFixture(hub -> hub
      .app(App.named(APP).consumerKey("key").producerSecrets(SECRET))
      .maxRoomsPerConsumer(3));
  private final Producer signer = fixture.hatchet().producer(APP,
      ProducerOptions.builder().secretKeys(SECRET).build());

  @AfterEach
  void close() {
    fixture.close();
  }

  private Consumer device(Hatchet hatchet, String userId, EventRecorder recorder) {
    Consumer consumer = hatchet.consumer(APP, signer.signAuth(Map.of("userId", userId)));
    Await.get(recorder.watch(consumer, "news"));
    Await.get(consumer.ready());
    return consumer;
  }

  private Consumer device(String userId) {
    return device(fixture.hatchet(), userId, new EventRecorder());
  }

  @Test
  void joinLeaveAndRoomSizeFollowTheMembers() {
    Consumer ben = device("ben");
    Consumer alice = device("alice");
    String room = "projects/51762b8f";

    assertEquals(0, fixture.hub.roomSize(APP, room));
    assertTrue(fixture.hub.join(APP, ben.id(), room));
    assertFalse(fixture.hub.join(APP, ben.id(), room));
    assertTrue(fixture.hub.join(APP, alice.id(), room));
    assertEquals(2, fixture.hub.roomSize(APP, room));
    assertEquals(1, fixture.hub.roomSize(APP, "user:ben"));
    assertTrue(fixture.hub.leave(APP, ben.id(), room));
    assertFalse(fixture.hub.leave(APP, ben.id(), room));
    assertFalse(fixture.hub.leave(APP, "nobody", room));
    assertEquals(1, fixture.hub.roomSize(APP, room));

    alice.close(); // ended: its id is forgotten at once, its rooms too
    Await.until(() -> fixture.hub.roomSize(APP, room) == 0, "alice's end reached the hub");
    assertRefused("unknown_consumer", () -> fixture.hub.join(APP, alice.id(), room));
  }

  @Test
  void refusals() {
    Consumer ben = device("ben");
    fixture.hub.join(APP, ben.id(), "a");
    fixture.hub.join(APP, ben.id(), "b"); // with user:ben, three: the limit
    assertRefused("too_many", () -> fixture.hub.join(APP, ben.id(), "c"));
    assertRefused("unknown_consumer", () -> fixture.hub.join(APP, "nobody", "a"));
    assertRefused("unknown_app", () -> fixture.hub.join("nope", ben.id(), "a"));
    assertRefused("unknown_app", () -> fixture.hub.roomSize("nope", "a"));
    assertRefused("unknown_app", () -> fixture.hub.consumersOf("nope", "ben"));
    assertRefused("unknown_app", () -> fixture.hub.disconnectUser("nope", "ben"));
    assertRefused("bad_request", () -> fixture.hub.join(APP, ben.id(), ""));
    assertRefused("bad_request", () -> fixture.hub.join(APP, "i".repeat(65), "a"));
    assertRefused("bad_request", () -> fixture.hub.leave(APP, null, "a"));
    assertRefused("bad_request", () -> fixture.hub.roomSize(APP, "r".repeat(257)));
    assertRefused("bad_request", () -> fixture.hub.consumersOf(APP, null));
    assertRefused("bad_request", () -> fixture.hub.disconnectConsumer(APP, ""));
    assertEquals(Set.of("user:ben", "a", "b"), fixture.hub.consumersOf(APP, "ben").get(0).rooms());
  }

  @Test
  void consumersOfAUserListEachDeviceWithItsRoomsAndWhetherItIsConnected() {
    Consumer phone = device("ben");
    Consumer laptop = device("ben");
    device("alice");
    fixture.hub.join(APP, phone.id(), "r1");
    Consumer keyConsumer = fixture.hatchet().consumer(APP, "key");
    keyConsumer.alias("ben"); // an alias is no user
    Await.get(keyConsumer.ready());

    List<ConsumerInfo> consumers = fixture.hub.consumersOf(APP, "ben");
    assertEquals(2, consumers.size(), consumers::toString);
    assertEquals(List.of(phone.id(), laptop.id()).stream().sorted().toList(),
        consumers.stream().map(ConsumerInfo::id).toList());
    ConsumerInfo phoneInfo = consumers.stream().filter(c -> c.id().equals(phone.id()))
        .findFirst().orElseThrow();
    assertEquals("ben", phoneInfo.userId());
    assertTrue(phoneInfo.connected());
    assertEquals(Set.of("user:ben", "r1"), phoneInfo.rooms());
    assertThrows(UnsupportedOperationException.class, () -> consumers.add(phoneInfo));
  }

  @Test
  void aDisconnectedConsumerReconnectsKeepsItsRoomsAndRecoversWhatItMissed() {
    EventRecorder recorder = new EventRecorder();
    Hatchet hatchet = fixture.hatchet();
    Consumer ben = device(hatchet, "ben", recorder);
    fixture.hub.join(APP, ben.id(), "r1");
    CountDownLatch disconnected = new CountDownLatch(1);
    CountDownLatch recovered = new CountDownLatch(1);
    ben.addStateListener(new StateListener() {
      @Override public void onDisconnect(String reason) {
        disconnected.countDown();
      }

      @Override public void onRecovered(long replayed) {
        recovered.countDown();
      }
    });

    assertTrue(fixture.hub.disconnectConsumer(APP, ben.id()));
    Await.latch(disconnected);
    // Routed to its id whether it is back yet or not: live, or from its window once it is.
    assertEquals(1, fixture.hub.sendToRooms(APP, "news", "while away", List.of("r1")));
    Await.latch(recovered);
    assertEquals("\"while away\"", recorder.takeEvent(TIMEOUT).data().toString());
    Await.until(() -> fixture.hub.consumersOf(APP, "ben").get(0).connected(), "ben is back");
    assertEquals(Set.of("user:ben", "r1"), fixture.hub.consumersOf(APP, "ben").get(0).rooms());
    assertFalse(fixture.hub.disconnectConsumer(APP, "nobody"));
  }

  @Test
  void disconnectingAUserTellsEachOfItsConnectedDevicesToGo() {
    Hatchet shared = fixture.hatchet();
    Consumer phone = device(shared, "ben", new EventRecorder());
    Consumer laptop = device(shared, "ben", new EventRecorder()); // the same connection
    Consumer tablet = device("ben");
    Consumer alice = device("alice");
    CountDownLatch benGone = new CountDownLatch(3);
    CountDownLatch aliceGone = new CountDownLatch(1);
    for (Consumer consumer : List.of(phone, laptop, tablet, alice)) {
      consumer.addStateListener(new StateListener() {
        @Override public void onDisconnect(String reason) {
          (consumer == alice ? aliceGone : benGone).countDown();
        }
      });
    }

    assertEquals(3, fixture.hub.disconnectUser(APP, "ben"));
    Await.latch(benGone);
    assertEquals(0, fixture.hub.disconnectUser(APP, "nobody"));
    // Alice is still connected: a user send reaches her now, and she was not disconnected.
    EventRecorder aliceNews = new EventRecorder();
    Await.get(aliceNews.watch(alice, "later"));
    assertEquals(1, fixture.hub.sendToUser(APP, "alice", "later", 1));
    aliceNews.takeEvent(TIMEOUT);
    assertEquals(1, aliceGone.getCount());
  }

  private static void assertRefused(String code, Executable call) {
    HubException refusal = assertThrows(HubException.class, call);
    assertEquals(code, refusal.code(), refusal.getMessage());
  }
}
