package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code closeGracefully} with a long-polling client: what waits in its buffer for its next poll
 * is carried by that poll, the socket.io disconnect last.
 */
class GracefulPollingTest {
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

      List<String> packets = new ArrayList<>();
      while (!packets.contains("41")) {
        packets.addAll(polling.poll());
      }
      assertEquals("41", packets.get(packets.size() - 1), packets::toString);
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
}
