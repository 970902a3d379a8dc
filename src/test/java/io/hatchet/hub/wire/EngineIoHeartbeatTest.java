package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hatchet.hub.wire.Reply.EngineError;
import java.time.Duration;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine.IO v4 heartbeat: the server pings every pingInterval and gives up on a session that has
 * not answered within pingTimeout. These tests wait for that time to pass, on a hub with a short
 * heartbeat; against a server whose heartbeat is long they are skipped.
 */
class EngineIoHeartbeatTest {
  private static final Duration PING_INTERVAL = Duration.ofMillis(300);
  /** Room for a pong that comes late on a loaded machine; without one, a session ends in 0.9 s. */
  private static final Duration PING_TIMEOUT = Duration.ofMillis(600);
  /** Timers may fire a little early by the test's clock; the lower bounds allow for that. */
  private static final double EARLY = 0.9;

  @RegisterExtension static final Target target = Target.hub(PING_INTERVAL, PING_TIMEOUT);

  @HatchetChoice("HatchetHub.Builder.heartbeat(interval, timeout) is what the handshake advertises")
  @Test void handshakeAdvertisesTheConfiguredHeartbeat() {
    assumeTrue(target.heartbeatConfigured(), "no HatchetHub.Builder.heartbeat in this tree yet");
    JSONObject open = target.polling().open;
    assertEquals(PING_INTERVAL.toMillis(), open.getLong("pingInterval"));
    assertEquals(PING_TIMEOUT.toMillis(), open.getLong("pingTimeout"));
  }

  /** Polling: a ping comes every pingInterval; a session that answers each one stays open. */
  @Test void pollingSessionIsPingedEveryInterval() {
    long start = System.nanoTime();
    Polling session = target.polling();
    Target.assumeShortHeartbeat(session.open);
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of("2"), session.get().packets());
      session.send("3");
    }
    assertAtLeast(start, 3 * session.open.getLong("pingInterval"));
    session.connect();
  }

  /** Polling: without a pong within pingTimeout, the session is closed; its requests get 400. */
  @Test void pollingSessionWithoutPongIsClosed() {
    long start = System.nanoTime();
    Polling session = target.polling();
    Target.assumeShortHeartbeat(session.open);
    assertEquals(List.of("2"), session.get().packets());
    long deadline = System.nanoTime() + heartbeat(session.open).plus(Target.TIMEOUT).toNanos();
    Reply reply = session.get(); // waits until the session closes; may get the close packet
    while (reply.status() == 200) {
      Reply last = reply;
      assertTrue(System.nanoTime() < deadline, () -> "still open, lately answered " + last);
      reply = session.get();
    }
    reply.assertRefused(EngineError.UNKNOWN_SID);
    assertAtLeast(start, heartbeat(session.open).toMillis());
  }

  /** WebSocket: a ping comes every pingInterval; a connection that answers each one stays open. */
  @Test void webSocketIsPingedEveryInterval() {
    long start = System.nanoTime();
    try (Ws ws = target.ws(Target.WS_HANDSHAKE, false)) {
      Target.assumeShortHeartbeat(ws.open());
      for (int i = 0; i < 3; i++) {
        ws.expect("2");
        ws.send("3");
      }
      assertAtLeast(start, 3 * ws.handshake.getLong("pingInterval"));
      ws.send("40");
      String answer = ws.next();
      assertTrue(answer.startsWith("40{"), answer);
    }
  }

  /** WebSocket: without a pong within pingTimeout, the server closes the connection. */
  @Test void webSocketWithoutPongIsClosed() {
    long start = System.nanoTime();
    try (Ws ws = target.ws(Target.WS_HANDSHAKE, false)) {
      Target.assumeShortHeartbeat(ws.open());
      ws.expect("2");
      ws.awaitClosed(heartbeat(ws.handshake).plus(Target.TIMEOUT));
      assertAtLeast(start, heartbeat(ws.handshake).toMillis());
    }
  }

  /** pingInterval + pingTimeout, as the server advertised them. */
  private static Duration heartbeat(JSONObject open) {
    return Duration.ofMillis(open.getLong("pingInterval") + open.getLong("pingTimeout"));
  }

  /** At least {@code millis} (less what timers may run early) have passed since {@code start}. */
  private static void assertAtLeast(long start, long millis) {
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsed >= EARLY * millis, () -> "only " + elapsed + " ms, expected " + millis);
  }
}
