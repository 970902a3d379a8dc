package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import okio.ByteString;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * socket.io v5 packets, over a WebSocket: CONNECT, CONNECT_ERROR, DISCONNECT, EVENT, ACK, the
 * binary ones, and malformed ones.
 */
class SocketIoPacketTest {
  @RegisterExtension static final Target target = Target.hub();

  /** CONNECT to the main namespace is answered CONNECT with the socket's sid, and nothing else. */
  @ParameterizedTest
  @ValueSource(strings = {"40", "40{}"})
  void connectIsAnsweredWithASid(String connect) {
    try (Ws ws = target.ws()) {
      ws.open();
      ws.send(connect);
      String answer = ws.next();
      assertTrue(answer.startsWith("40{"), answer);
      JSONObject payload = new JSONObject(answer.substring(2));
      assertEquals(Set.of("sid"), payload.keySet(), answer);
      assertTrue(payload.get("sid") instanceof String sid && !sid.isEmpty(), answer);
    }
  }

  /**
   * Credentials in the CONNECT, which only a hub with an authorizer reads, get a CONNECT_ERROR
   * that socket.io v4 clients show as a connect_error, with the code in its data; the client may
   * connect again without them.
   */
  @Test void connectWithCredentialsIsRefusedWithAClearConnectError() {
    try (Ws ws = target.ws()) {
      ws.open();
      ws.send("40{\"app\":\"demo\",\"key\":\"k\"}");
      String answer = ws.next();
      assertTrue(answer.startsWith("44{"), answer);
      JSONObject refusal = new JSONObject(answer.substring(2));
      assertEquals("bad_request", refusal.getJSONObject("data").getString("code"), answer);
      assertTrue(refusal.getString("message").contains("emit \"auth\""), answer);
      ws.send("40");
      assertTrue(ws.next().startsWith("40{\"sid\":"));
      ws.assertAnswered("7");
    }
  }

  /** The socket.io sid is not the Engine.IO one: it is seen by others, the Engine.IO one is not. */
  @Test void socketSidIsNotTheEngineSid() {
    try (Ws ws = target.ws()) {
      String answer = ws.connect();
      String socketSid = new JSONObject(answer.substring(2)).getString("sid");
      assertNotEquals(ws.handshake.getString("sid"), socketSid);
    }
  }

  /** If the first packet is not a CONNECT, the server closes the connection at once. */
  @ParameterizedTest
  @ValueSource(strings = {"42[\"ping\",{}]", "4212[\"ping\",{}]", "41", "4312[]", "40[1]",
      "40\"token\""})
  void firstPacketThatIsNotConnectClosesTheConnection(String packet) {
    target.assertFrameCloses(false, packet);
  }

  /** CONNECT to a namespace the server does not have is answered CONNECT_ERROR. */
  @ParameterizedTest
  @ValueSource(strings = {"40/admin,", "40/admin", "40/admin,{\"token\":\"123\"}"})
  void connectToAnUnknownNamespaceIsRefused(String connect) {
    try (Ws ws = target.ws()) {
      ws.open();
      ws.send(connect);
      ws.expect("44/admin,{\"message\":\"Invalid namespace\"}");
    }
  }

  /** EVENT with an ack id is answered ACK with the same id. */
  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "12", "9007199254740991"})
  void eventWithAnAckIdIsAnsweredWithTheSameId(String id) {
    try (Ws ws = target.ws()) {
      ws.connect();
      ws.assertAnswered(id);
    }
  }

  /** The main namespace may be named: {@code /,} is the same as none, and its answer names none. */
  @Test void explicitMainNamespaceIsTheMainNamespace() {
    try (Ws ws = target.ws()) {
      ws.connect();
      ws.send("42/,12[\"ping\",{}]");
      ws.expect(Target.pong("12"));
    }
  }

  /** A packet that cannot be decoded closes the connection. */
  @ParameterizedTest
  @ValueSource(strings = {"4", "4abc", "47", "49[\"ping\",{}]", "42-1[\"ping\",{}]",
      "42abc[\"ping\",{}]"})
  void malformedPacketClosesTheConnection(String packet) {
    target.assertFrameCloses(true, packet);
  }

  @HatchetChoice("ack ids are 64-bit: up to 2^63 - 1 they come back to the digit")
  @ParameterizedTest
  @ValueSource(strings = {"9007199254740993", "9223372036854775807"})
  void ackIdsUpTo2To63Minus1ComeBackExactly(String id) {
    eventWithAnAckIdIsAnsweredWithTheSameId(id);
  }

  @HatchetChoice("an ack id of more than 19 digits is malformed")
  @Test void ackIdOfMoreThan19DigitsClosesTheConnection() {
    malformedPacketClosesTheConnection("4210000000000000000000[\"ping\",{}]");
  }

  @HatchetChoice("DISCONNECT from the only namespace the hub has ends the connection")
  @Test void disconnectClosesTheConnection() {
    target.assertFrameCloses(true, "41");
  }

  @HatchetChoice("an EVENT whose array does not start with a string name is answered"
      + " bad_request (the specification closes the connection)")
  @ParameterizedTest
  @ValueSource(strings = {"[]", "[1]", "[null]", "[[\"ping\"]]"})
  void eventWithoutANameIsAnsweredBadRequest(String payload) {
    try (Ws ws = target.ws()) {
      ws.connect();
      ws.send("4213" + payload);
      String ack = ws.next();
      assertTrue(ack.startsWith("4313["), ack);
      JSONArray args = new JSONArray(ack.substring(4));
      assertEquals(1, args.length(), ack);
      JSONObject answer = args.getJSONObject(0);
      assertFalse(answer.getBoolean("ok"), ack);
      assertEquals("bad_request", answer.getJSONObject("error").getString("code"), ack);

      ws.send("42" + payload);
      assertHubError(ws.next(), "bad_request");

      ws.assertAnswered("14"); // the connection goes on
    }
  }

  /** An EVENT's payload MUST be an array: anything else closes the connection. */
  @ParameterizedTest
  @ValueSource(strings = {"{}", "\"ping\"", "7"})
  void eventWhosePayloadIsNotAnArrayClosesTheConnection(String payload) {
    target.assertFrameCloses(true, "4213" + payload);
  }

  @HatchetChoice("binary packets are refused: a hub-error bad_request, then the connection closes")
  @ParameterizedTest
  @ValueSource(strings = {
      "451-[\"ping\",{\"_placeholder\":true,\"num\":0}]",
      "451-15[\"ping\",{\"_placeholder\":true,\"num\":0}]",
      "461-15[{\"_placeholder\":true,\"num\":0}]"})
  void binaryPacketsAreRefused(String packet) {
    try (Ws ws = target.ws()) {
      ws.connect();
      ws.send(packet);
      ws.send(ByteString.of((byte) 1, (byte) 2, (byte) 3)); // the attachment, if still wanted
      assertHubError(ws.next(), "bad_request");
      ws.awaitClosed();
    }
  }

  /** {@code frame} is a {@code hub-error} event of {@code code}. */
  private static void assertHubError(String frame, String code) {
    assertTrue(frame.startsWith("42[\"hub-error\","), frame);
    JSONArray event = new JSONArray(frame.substring(2));
    assertEquals(code, event.getJSONObject(1).getString("code"), frame);
  }
}
