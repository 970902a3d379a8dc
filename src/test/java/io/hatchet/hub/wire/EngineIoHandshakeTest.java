package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatchet.hub.wire.Reply.EngineError;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine.IO v4 handshake: what opens a session, and what must not. */
class EngineIoHandshakeTest {
  @RegisterExtension static final Target target = Target.hub();

  /** Handshake: a polling GET is answered 200 with the open packet, upgrades ["websocket"]. */
  @Test void pollingHandshakeIsAnsweredWithTheOpenPacket() {
    Reply reply = target.get(Target.HANDSHAKE);
    assertEquals(200, reply.status(), reply::toString);
    Target.assertOpenPacket(reply.body(), List.of("websocket"));
  }

  /** Handshake: a WebSocket without sid gets the open packet as its first frame, upgrades []. */
  @Test void webSocketHandshakeSendsTheOpenPacketFirst() {
    try (Ws ws = target.ws()) {
      Target.assertOpenPacket(ws.next(), List.of());
    }
  }

  /** Query parameters: EIO is mandatory and must be 4, else 400 (the hub: code 5). */
  @ParameterizedTest
  @ValueSource(strings = {"transport=polling", "EIO=&transport=polling",
      "EIO=abc&transport=polling", "EIO=3&transport=polling", "EIO=5&transport=polling"})
  void handshakeWithoutProtocolVersion4IsRefused(String query) {
    target.get(query).assertRefused(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
  }

  /** Query parameters: transport is mandatory and must be known, else 400 (the hub: code 0). */
  @ParameterizedTest
  @ValueSource(strings = {"EIO=4", "EIO=4&transport=", "EIO=4&transport=abc",
      "EIO=4&transport=webtransport", "EIO=4&transport=POLLING"})
  void handshakeWithoutAKnownTransportIsRefused(String query) {
    target.get(query).assertRefused(EngineError.UNKNOWN_TRANSPORT);
  }

  /** Handshake: it is a GET; any other method is refused with 400 (the hub: code 2). */
  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
  void handshakeThatIsNotAGetIsRefused(String method) {
    target.request(method, Target.HANDSHAKE, method.equals("DELETE") ? null : "")
        .assertRefused(EngineError.BAD_HANDSHAKE_METHOD);
  }

  /** WebSocket: a missing or wrong mandatory parameter closes the connection before any packet. */
  @ParameterizedTest
  @ValueSource(strings = {"transport=websocket", "EIO=abc&transport=websocket",
      "EIO=3&transport=websocket", "EIO=4", "EIO=4&transport=abc"})
  void webSocketWithoutValidParametersIsClosed(String query) {
    try (Ws ws = target.ws(query, true)) {
      ws.awaitClosed();
    }
  }

  @HatchetChoice("maxPayload is the hub's frame limit: 2 * maxMessageBytes + 64 KiB")
  @Test void maxPayloadIsTwiceTheMessageLimitPlus64KiB() {
    assertEquals(2 * 1_048_576 + 65_536, target.polling().open.getInt("maxPayload"));
    try (Target small = Target.hub(builder -> builder.maxMessageBytes(1000)).start()) {
      assertEquals(2 * 1000 + 65_536, small.polling().open.getInt("maxPayload"));
    }
  }

  @HatchetChoice("socket.io's default heartbeat: 25 s and 20 s")
  @Test void defaultHeartbeatIs25And20Seconds() {
    JSONObject open = target.polling().open;
    assertEquals(25_000, open.getInt("pingInterval"));
    assertEquals(20_000, open.getInt("pingTimeout"));
  }

  @HatchetChoice("no JSONP: a j parameter is a bad request (code 3), not a session")
  @Test void jsonpIsRefused() {
    target.get(Target.HANDSHAKE + "&j=0").assertRefused(EngineError.BAD_REQUEST);
  }

  @HatchetChoice("any path but /socket.io/ is answered 404")
  @ParameterizedTest
  @ValueSource(strings = {"/", "/engine.io/?EIO=4&transport=polling",
      "/socket.iox/?EIO=4&transport=polling", "/favicon.ico"})
  void otherPathsAreNotFound(String path) {
    Reply reply = Target.await(target.requestPath("GET", path, null));
    assertEquals(404, reply.status(), reply::toString);
  }
}
