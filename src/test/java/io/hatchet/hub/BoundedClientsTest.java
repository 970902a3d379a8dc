package io.hatchet.hub;

import static io.hatchet.hub.Hostile.PROMPTLY;
import static io.hatchet.hub.Hostile.auth;
import static io.hatchet.hub.Hostile.request;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops taking what the hub sends it is dropped once what waits for it passes the
 * hub's {@code maxConnectionBacklog}, over either transport, and costs the others nothing.
 */
class BoundedClientsTest {
  private static final int KIB = 1024;
  private Hostile hostile;

  @AfterEach void tearDown() throws Exception {
    if (hostile != null) {
      hostile.close();
    }
  }

  /**
   * A long-polling consumer authenticates, watches, and never polls again; 4 MiB of events
   * published to it pass its 256 KiB budget, so the hub drops it, while a WebSocket consumer of
   * the same events gets every one.
   */
  @Test void aPollingConsumerThatStopsPollingIsDropped() throws Exception {
    hostile = new Hostile(HatchetHub.builder().maxConnectionBacklog(256 * KIB));
    HatchetHub hub = hostile.hub;
    RawPolling stalled = hostile.track(RawPolling.open(hub, PROMPTLY));
    assertEquals(200, stalled.post(request(1, "auth", auth("\"c1\"", TestApps.CONSUMER_KEY)))
        .status());
    assertEquals(200, stalled.post(request(2, "watch",
        "{\"session\":\"c1\",\"events\":[\"log\"]}")).status());
    Set<String> acks = new HashSet<>();
    while (acks.size() < 2) {
      for (String packet : stalled.poll()) {
        if (packet.startsWith("431[") || packet.startsWith("432[")) {
          WireSocket.assertOk(1, new JSONArray(packet.substring(3)));
          acks.add(packet.substring(0, 3));
        }
      }
    }

    RawClient consumer = hostile.track(RawClient.connect(hub.url()));
    consumer.consumer("c1", "log");
    RawClient contributor = hostile.track(RawClient.connect(hub.url()));
    contributor.authOk("k1", TestApps.CONTRIBUTOR_KEY);
    assertEquals(3, hub.connectionCount());

    int events = 256;
    String filler = "e".repeat(16 * KIB);
    List<CompletableFuture<JSONObject>> published = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      published.add(contributor.request("publish",
          json("session", "k1", "event", "log", "data", i + ":" + filler)));
    }
    for (CompletableFuture<JSONObject> answer : published) {
      RawClient.assertOk(answer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    for (int i = 0; i < events; i++) {
      String data = consumer.nextDeliver().getString("data");
      int event = i;
      assertTrue(data.startsWith(i + ":"), () -> "event " + event + " came as "
          + Hostile.shorten(data));
    }

    assertTrue(Hostile.within(PROMPTLY, () -> hub.connectionCount() == 2),
        () -> "the polling consumer that stopped polling was not dropped: "
            + hub.connectionCount() + " connections");
    RawPolling.Answer late = stalled.get();
    assertEquals(400, late.status(), () -> "a GET of the dropped session: " + late);
  }

  /**
   * A WebSocket client sends 440 requests with names of 256 KiB (110 MiB) and reads nothing: the
   * hub drops it once the answers waiting for it pass its budget, instead of keeping them all.
   *
   * <p>The client's receive buffer is 4 KiB and the hub's budget 16 KiB, so that little of what
   * waits hides in the kernel (some tens of KiB on loopback) and the answers pass the budget
   * whether they repeat the name (110 MiB, as netty-socketio's do) or not. What this needs of a
   * hub that does not repeat names: that its 440 answers add up past the budget plus what the
   * kernel holds, about 150 bytes each or more, and that it counts answers in the budget, not
   * only deliveries.
   */
  @Test void aWebSocketClientThatNeverReadsIsDropped() throws Exception {
    hostile = new Hostile(HatchetHub.builder().maxConnectionBacklog(16 * KIB));
    HatchetHub hub = hostile.hub;
    WireSocket ws = hostile.track(WireSocket.open(hub, 4 * KIB));
    assertEquals(1, hub.connectionCount());
    String name = "n".repeat(256 * KIB);
    CompletableFuture<Integer> writer = Hostile.async("never-reads", () -> {
      int sent = 0;
      try {
        for (; sent < 440; sent++) {
          ws.text(request(sent, name, "{}"));
        }
      } catch (IOException e) {
        // The hub dropped the connection.
      }
      return sent;
    });
    boolean dropped = Hostile.within(Duration.ofSeconds(15), () -> hub.connectionCount() == 0);
    // Reading at last: what the kernel kept, then the end of the stream.
    boolean ended = dropped && ws.closedWithin(PROMPTLY);
    ws.close(); // unblocks the writer if the hub stopped reading instead
    int sent = writer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertTrue(dropped, () -> "the hub kept the client that never reads, after " + sent
        + " requests");
    assertTrue(ended, "the hub forgot the connection but left its socket open");
  }
}
