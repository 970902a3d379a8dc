package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Engine.IO v4 upgrade from HTTP long-polling to WebSocket. */
class EngineIoUpgradeTest {
  @RegisterExtension static final Target target = Target.hub();

  /** Upgrade: 2probe is answered 3probe, first; after 5 the session goes over the WebSocket. */
  @Test void probeIsAnsweredAndTheUpgradeMovesTheSessionToTheWebSocket() {
    Polling session = target.polling();
    session.connect();
    try (Ws ws = upgraded(session)) {
      ws.assertAnswered("31");
    }
  }

  /**
   * Upgrade: the server answers a pending GET with a noop, so that polling ends cleanly. (The GET
   * is sent before the WebSocket opens, but may reach the server after the probe: a GET that comes
   * in during the upgrade gets the noop too.)
   */
  @Test void pendingGetIsAnsweredNoop() {
    Polling session = target.polling();
    session.connect();
    CompletableFuture<Reply> pending = session.getAsync();
    try (Ws ws = session.webSocket()) {
      ws.send("2probe");
      ws.expect("3probe");
      assertEquals(List.of("6"), Target.await(pending).packets());
      ws.sendUpgrade();
      ws.assertAnswered("32");
    }
  }

  /** Upgrade: no packet is lost; what waited for a GET comes over the WebSocket once upgraded. */
  @Test void packetsWaitingForAGetComeOverTheWebSocket() {
    Polling session = target.polling();
    session.connect();
    session.send(Target.ping("33")); // no GET: its answer waits for the transport
    try (Ws ws = upgraded(session)) {
      ws.expect(Target.pong("33"));
    }
  }

  /** After the upgrade, polling requests with the session's sid are refused with 400. */
  @Test void pollingIsRefusedAfterTheUpgrade() {
    Polling session = target.polling();
    session.connect();
    try (Ws ws = upgraded(session)) {
      ws.assertAnswered("34"); // the server has taken the upgrade
      session.get().assertRefused();
      session.post(Target.ping("35")).assertRefused();
      ws.assertAnswered("36"); // and nothing of the refused POST reached the session
    }
  }

  /** One WebSocket per session: a second one with the sid of an upgraded session is closed. */
  @Test void secondWebSocketOfAnUpgradedSessionIsClosed() {
    Polling session = target.polling();
    session.connect();
    try (Ws ws = upgraded(session)) {
      ws.assertAnswered("37");
      try (Ws second = session.webSocket()) {
        second.awaitClosed();
      }
      ws.assertAnswered("38");
    }
  }

  /** One WebSocket per session: a second one with the sid of a WebSocket session is closed. */
  @HatchetChoice("closed at once: the reference server takes it for an upgrade and closes it"
      + " only when its upgrade timeout (10 s) runs out")
  @Test void secondWebSocketOfAWebSocketSessionIsClosed() {
    try (Ws ws = target.ws()) {
      ws.connect();
      String sid = ws.handshake.getString("sid");
      try (Ws second = target.ws(Target.withSid(Target.WS_HANDSHAKE, sid), true)) {
        second.awaitClosed();
      }
      ws.assertAnswered("39");
    }
  }

  /** Opens a WebSocket on {@code session} and upgrades to it: 2probe, 3probe, 5. */
  private static Ws upgraded(Polling session) {
    Ws ws = session.webSocket();
    try {
      ws.send("2probe");
      ws.expect("3probe");
      ws.sendUpgrade();
      return ws;
    } catch (RuntimeException | Error e) {
      ws.close();
      throw e;
    }
  }
}
