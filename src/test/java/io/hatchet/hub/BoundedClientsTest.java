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

    // In rounds that the reading consumer keeps up with, so that only the stalled one falls
    // behind: a burst of 4 MiB would pass the reading one's budget too.
    int events = 256;
    int round = 8;
    String filler = "e".repeat(16 * KIB);
    for (int first = 0; first < events; first += round) {
      List<CompletableFuture<JSONObject>> published = new ArrayList<>();
      for (int i = first; i < first + round; i++) {
        published.add(contributor.request("publish",
            json("session", "k1", "event", "log", "data", i + ":" + filler)));
      }
      for (CompletableFuture<JSONObject> answer : published) {
        RawClient.assertOk(answer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      for (int i = first; i < first + round; i++) {
        String data = consumer.nextDeliver().getString("data");
        int event = i;
        assertTrue(data.startsWith(i + ":"), () -> "event " + event + " came as "
            + Hostile.shorten(data));
      }
    }

    assertTrue(Hostile.within(PROMPTLY, () -> hub.connectionCount() == 2),
        () -> "the polling consumer that stopped polling was not dropped: "
            + hub.connectionCount() + " connections");
    RawPolling.Answer late = stalled.get();
    assertEquals(400, late.status(), () -> "a GET of the dropped session: " + late);
  }

  /**
   * A WebSocket client sends 440 requests with names of 256 KiB (110 MiB), then pings, and reads
   * nothing: the hub drops it once the answers waiting for it pass its budget, instead of
   * keeping them all.
   *
   * <p>The hub's answers do not echo such names (under 1 KiB each, see HostileInputTest), so
   * the 440 alone may fit in what the kernel buffers on loopback (up to a few MiB). The pings
   * that follow, answered too, fill those buffers; then the answers wait in the hub, where its
   * 16 KiB budget counts them.
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
        for (; sent < 2_000_000; sent++) {
          ws.text(request(sent, "ping", "{}"));
        }
      } catch (IOException e) {
        // The hub dropped the connection.
      }
      return sent;
    });
    boolean dropped = Hostile.within(Duration.ofSeconds(30), () -> hub.connectionCount() == 0);
    // Reading at last: what the kernel kept, then the end of the stream.
    boolean ended = dropped && ws.closedWithin(Duration.ofSeconds(30));
    ws.close(); // unblocks the writer if the hub stopped reading instead
    int sent = writer.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertTrue(dropped, () -> "the hub kept the client that never reads, after " + sent
        + " requests");
    assertTrue(ended, "the hub forgot the connection but left its socket open");
  }
}
