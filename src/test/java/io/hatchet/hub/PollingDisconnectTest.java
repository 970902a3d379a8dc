package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A long-polling client that the hub disconnects between two polls gets socket.io's DISCONNECT
 * with its next poll, after what was sent before it; only then is its session gone. Answered
 * "unknown session" instead, a socket.io client takes the disconnect for a network fault and
 * connects again.
 */
class PollingDisconnectTest {
  private final HatchetHub hub = HatchetHub.builder().app(App.named("demo").consumerKey("k"))
      .start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void theNextPollCarriesTheDisconnect() {
    try (RawPolling polling = RawPolling.open(hub, Duration.ofSeconds(Await.SECONDS))) {
      polling.watch("phone", "n");

      // Not polling now: the event and the goodbye wait for the next poll.
      assertEquals(1, hub.broadcast("demo", "n", 1));
      assertTrue(hub.disconnectConsumer("demo", "phone"));

      List<String> packets = new ArrayList<>();
      while (!packets.contains("41")) {
        packets.addAll(polling.poll());
      }
      assertEquals("41", packets.get(packets.size() - 1), packets::toString);
      assertTrue(packets.get(0).startsWith("42[\"deliver\""), packets::toString);
      Await.until(() -> hub.stats().connections() == 0, "the session closed");
      assertEquals(400, polling.get().status(), "the session is gone after its goodbye");
    }
  }
}
