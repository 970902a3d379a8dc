package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A long-polling client the hub lets go between two polls, by {@code closeGracefully} or by
 * disconnecting it: its next poll carries what waited for it, then socket.io's DISCONNECT, and
 * only then is its session gone. Answered "unknown session" instead, a socket.io client takes
 * the disconnect for a network fault and connects again.
 */
class PollingGoodbyeTest {
  private final HatchetHub hub = HatchetHub.builder().app(App.named("demo").consumerKey("k"))
      .start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void thePollAfterTheCloseBeganCarriesWhatWaitedThenTheDisconnect() {
    try (RawPolling polling = RawPolling.open(hub, Duration.ofSeconds(Await.SECONDS))) {
      polling.watch(null, "n");

      // Not polling: what the hub sends waits in the session's buffer.
      for (int i = 0; i < 10; i++) {
        assertEquals(1, hub.broadcast("demo", "n", i));
      }
      CompletableFuture<Boolean> closed =
          CompletableFuture.supplyAsync(() -> hub.closeGracefully(Duration.ofSeconds(30)));
      Await.until(() -> hub.registry().closing(), "the close began");

      List<String> packets = polling.pollUntilGoodbye();
      int events = 0;
      for (String packet : packets) {
        if (packet.startsWith("42[\"deliver\"")) {
          events += packet.split("\"event\":\"n\"", -1).length - 1;
        }
      }
      assertEquals(10, events, packets::toString);
      assertTrue(Await.get(closed));
    }
  }

  @Test
  void theNextPollCarriesTheDisconnect() {
    try (RawPolling polling = RawPolling.open(hub, Duration.ofSeconds(Await.SECONDS))) {
      polling.watch("phone", "n");

      // Not polling now: the event and the goodbye wait for the next poll.
      assertEquals(1, hub.broadcast("demo", "n", 1));
      assertTrue(hub.disconnectConsumer("demo", "phone"));

      List<String> packets = polling.pollUntilGoodbye();
      assertTrue(packets.get(0).startsWith("42[\"deliver\""), packets::toString);
      Await.until(() -> hub.stats().connections() == 0, "the session closed");
      assertEquals(400, polling.get().status(), "the session is gone after its goodbye");
    }
  }
}
