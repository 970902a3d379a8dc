package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: OkHttp's default write timeout, 10 s, once ended a connection whose writes were held up
 * that long, whatever the heartbeat allowed. The heartbeat decides that a stalled connection is
 * dead (within interval + timeout); the write timeout follows it. About 13 s: the stall must
 * outlast OkHttp's 10 s.
 */
/** A write held up for less than the heartbeat allows does not cost the connection. */
class StalledWriteTest {
  private static final Duration HEARTBEAT = Duration.ofSeconds(10);
  /** Longer than OkHttp's default write timeout, well within interval + timeout. */
  private static final long STALL_MILLIS = 12_000;

  private final HubFixture fixture = new HubFixture(hub -> hub.maxMessageBytes(600_000));
  private final FaultProxy proxy = fixture.proxy();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aWriteStalledForLessThanTheHeartbeatAllowsKeepsTheConnection() throws Exception {
    proxy.receiveBuffer(64 * 1024);
    ConnectionEvents events = new ConnectionEvents();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .heartbeat(HEARTBEAT, HEARTBEAT)
        .listener(events)
        .build());
    // Two senders: more in flight than the socket buffers on the way hold (about 4 MB here), so
    // that OkHttp's writer waits on the socket; less than OkHttp's 16 MiB queue.
    List<Contributor> senders = List.of(hatchet.contributor(APP, CONTRIBUTOR_KEY),
        hatchet.contributor(APP, CONTRIBUTOR_KEY));
    // Connected just now: the first heartbeat goes out 10 s from here, during the stall, and its
    // answer, due 10 s later, comes soon after the stall ends.
    for (Contributor sender : senders) Await.get(sender.ready());

    proxy.stall();
    long stalledAt = System.nanoTime();
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (Contributor sender : senders) sent.add(sender.broadcast("log", "x".repeat(500_000)));
    }
    try {
      events.firstDisconnect.get(STALL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // the stall is over, the connection still open
    }
    long lostAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);
    proxy.resume();
    assertFalse(events.firstDisconnect.isDone(), "the connection was lost " + lostAfter
        + " ms into a " + STALL_MILLIS + " ms stall: " + events.firstDisconnect.getNow(null));

    for (CompletableFuture<Integer> future : sent) assertEquals(0, Await.get(future), "routed");
    assertFalse(events.firstDisconnect.isDone(), "lost: " + events.firstDisconnect.getNow(null));
    assertEquals(1, proxy.acceptedConnections(), "connections opened");
  }
}
