package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private final HubFixture fixture = new HubFixture(hub -> hub.maxMessageBytes(1024));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void nullOrBlankArgumentsAreRefusedAtTheCall() {
    Hatchet hatchet = fixture.hatchet();
    assertThrows(IllegalArgumentException.class, () -> Hatchet.connect(null));
    assertThrows(IllegalArgumentException.class, () -> Hatchet.connect("ftp://host"));
    assertThrows(IllegalArgumentException.class, () -> Hatchet.connect("not a url"));
    assertThrows(IllegalArgumentException.class, () -> hatchet.consumer(null, CONSUMER_KEY));
    assertThrows(IllegalArgumentException.class, () -> hatchet.consumer(" ", CONSUMER_KEY));
    assertThrows(IllegalArgumentException.class, () -> hatchet.contributor(APP, ""));
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    assertThrows(IllegalArgumentException.class, () -> consumer.watch(null, data -> {}));
    assertThrows(IllegalArgumentException.class, () -> consumer.watch("log", null));
    assertThrows(IllegalArgumentException.class, () -> consumer.unwatch(""));
    assertThrows(IllegalArgumentException.class, () -> consumer.alias(" "));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    assertThrows(IllegalArgumentException.class, () -> contributor.broadcast(null, 1));
    assertThrows(IllegalArgumentException.class, () -> contributor.send("log", 1));
    assertThrows(IllegalArgumentException.class, () -> contributor.send("log", 1, "ben", null));
    assertThrows(IllegalArgumentException.class, () -> contributor.broadcast("x".repeat(257), 1));
  }

  @Test
  void dataGsonCannotEncodeIsRefusedAtTheCall() {
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThrows(IllegalArgumentException.class, () -> contributor.broadcast("log", cycle));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> contributor.broadcast("log", Double.NaN));
    assertTrue(e.getMessage().contains("Gson"), e.getMessage());
    assertEquals(0, Await.get(contributor.broadcast("log", 1)), "still usable");
  }

  @Test
  void aMessageOverTheLimitFailsItsFutureAndTheConnectionStaysUp() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("log", data -> {}));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    String big = "x".repeat(2_000);
    // Queued before the limit is known: refused when it is.
    RejectedException beforeAuth = Await.failure(contributor.broadcast("log", big),
        RejectedException.class);
    assertEquals("too_large", beforeAuth.code());
    // Known limit: refused at once, without a round trip.
    RejectedException afterAuth = Await.failure(contributor.broadcast("log", big),
        RejectedException.class);
    assertTrue(afterAuth.getMessage().contains("1024"), afterAuth.getMessage());
    assertEquals(1, Await.get(contributor.broadcast("log", "x".repeat(1_000))));
    assertTrue(hatchet.isConnected());
  }
}
