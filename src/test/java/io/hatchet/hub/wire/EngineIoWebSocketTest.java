package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine.IO v4 over WebSocket: one packet per frame, and what closes the connection. */
class EngineIoWebSocketTest {
  @RegisterExtension static final Target target = Target.hub();

  /** Packet encoding: each packet travels in a frame of its own, never joined with \x1e. */
  @Test void eachPacketTravelsInAFrameOfItsOwn() {
    try (Ws ws = target.ws()) {
      ws.connect();
      ws.send(Target.ping("1"));
      ws.send(Target.ping("2"));
      ws.send(Target.ping("3"));
      ws.expect(Target.pong("1"));
      ws.expect(Target.pong("2"));
      ws.expect(Target.pong("3"));
    }
  }

  /** A frame that is not an Engine.IO packet closes the connection. */
  @ParameterizedTest
  @ValueSource(strings = {"abc", "9", "7hello"})
  void invalidPacketClosesTheConnection(String frame) {
    target.assertFrameCloses(true, frame);
  }

  /**
   * maxPayload: a frame of maxPayload bytes is taken; one byte more closes the connection, with
   * the WebSocket close code 1009 (message too big).
   */
  @Test void frameLargerThanMaxPayloadClosesWith1009() {
    try (Ws ws = target.ws()) {
      ws.connect();
      int maxPayload = ws.handshake.getInt("maxPayload");
      ws.send(Target.pingOfBytes("4", maxPayload, 'a'));
      ws.expect(Target.pong("4"));
      ws.send(Target.pingOfBytes("5", maxPayload + 1, 'a'));
      assertEquals(1009, ws.awaitClosed());
    }
  }

  /** maxPayload counts bytes: a frame of fewer characters but more UTF-8 bytes is too big. */
  @Test void maxPayloadCountsBytesNotCharacters() {
    try (Ws ws = target.ws()) {
      int maxPayload = ws.open().getInt("maxPayload");
      String frame = Target.pingOfBytes("6", maxPayload + 1, 'é');
      assertTrue(frame.length() <= maxPayload);
      ws.send(frame);
      assertEquals(1009, ws.awaitClosed());
    }
  }

  /** A WebSocket with a sid the server does not know is closed without a packet. */
  @ParameterizedTest
  @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAA", "not-a-session", "%00"})
  void webSocketWithUnknownSidIsClosed(String sid) {
    try (Ws ws = target.ws(Target.WS_HANDSHAKE + "&sid=" + sid, true)) {
      ws.awaitClosed();
    }
  }
}
