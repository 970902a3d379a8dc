package io.hatchet.internal.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.internal.engineio.Packet.Kind;
import io.hatchet.protocol.Limits;
import org.junit.jupiter.api.Test;

/** The packet codec alone: what each text reads as, and what an emitted event looks like. */
class PacketsTest {
  private static Packet assertKind(Kind kind, String text) {
    Packet packet = Packets.read(text);
    assertEquals(kind, packet.kind(), () -> "read " + abbreviated(text) + " as " + packet);
    return packet;
  }

  /** An event read from {@code text}, with its name and ack id checked. */
  private static Packet assertEvent(String text, String name, long ackId) {
    Packet packet = assertKind(Kind.EVENT, text);
    assertEquals(name, packet.name());
    assertEquals(ackId, packet.ackId());
    return packet;
  }

  private static void assertIgnored(String text) {
    Packet packet = assertKind(Kind.IGNORED, text);
    assertNull(packet.args(), "an ignored packet carries nothing");
    assertNotNull(packet.text(), "an ignored packet says why");
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? '"' + text + '"' : '"' + text.substring(0, 80) + "...\" ("
        + text.length() + " chars)";
  }

  private static JsonArray array(String json) {
    return JsonParser.parseString(json).getAsJsonArray();
  }

  // Engine.IO

  @Test void anOpenPacketIsOpen() {
    assertKind(Kind.OPEN, "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,"
        + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
  }

  @Test void aClosePacketIsClose() {
    assertKind(Kind.CLOSE, "1");
  }

  @Test void aPingIsPingWithOrWithoutData() {
    assertKind(Kind.PING, "2");
    assertKind(Kind.PING, "2probe");
  }

  @Test void aPongAndANoopNeedNothing() {
    assertKind(Kind.NOOP, "3");
    assertKind(Kind.NOOP, "3probe");
    assertKind(Kind.NOOP, "6");
  }

  @Test void anUnknownEngineIoTypeIsAnError() {
    for (String text : new String[] {"5", "7", "9", "x", " 42", "b4AAA", "{}", "[\"a\"]"}) {
      Packet packet = assertKind(Kind.ERROR, text);
      assertNotNull(packet.text(), "an error says why");
    }
  }

  @Test void anEmptyPacketIsAnError() {
    assertNotNull(assertKind(Kind.ERROR, "").text());
  }

  // socket.io CONNECT, DISCONNECT, CONNECT_ERROR

  @Test void aConnectWithASidJoinsTheNamespace() {
    assertKind(Kind.CONNECT, "40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
  }

  @Test void aConnectWithoutAStringSidComesFromAnOldServer() {
    for (String text : new String[] {"40", "40{}", "40{\"sid\":1}", "40{\"sid\":null}",
        "40[\"sid\"]", "40not json"}) {
      Packet packet = assertKind(Kind.CONNECT_ERROR, text);
      assertNotNull(packet.text());
    }
  }

  @Test void aDisconnectIsDisconnect() {
    assertKind(Kind.DISCONNECT, "41");
  }

  @Test void aConnectErrorCarriesItsPayload() {
    Packet packet = assertKind(Kind.CONNECT_ERROR, "44{\"message\":\"Not authorized\"}");
    assertEquals("{\"message\":\"Not authorized\"}", packet.text());
  }

  // socket.io EVENT

  @Test void anEventWithoutAckIdHasItsNameAndArguments() {
    Packet packet = assertEvent("42[\"hello\",{\"a\":1},2,\"three\"]", "hello", -1);
    assertEquals(array("[{\"a\":1},2,\"three\"]"), packet.args());
  }

  @Test void anEventWithoutArgumentsHasNone() {
    Packet packet = assertEvent("42[\"hello\"]", "hello", -1);
    assertEquals(new JsonArray(), packet.args());
  }

  @Test void anEventWithAnAckIdKeepsIt() {
    Packet packet = assertEvent("4217[\"hello\",true]", "hello", 17);
    assertEquals(array("[true]"), packet.args());
  }

  @Test void anEventWithoutAStringNameIsIgnored() {
    for (String text : new String[] {"42[]", "42[1,\"a\"]", "42[null]", "42[[\"a\"]]",
        "42[{\"name\":\"a\"}]", "42[true]"}) {
      assertIgnored(text);
    }
  }

  @Test void severalDeliveriesInOneEventStayInOrder() {
    String first = "{\"event\":\"seq\",\"sessions\":[\"a\"],\"seqs\":[1],\"data\":1}";
    String second = "{\"event\":\"seq\",\"sessions\":[\"a\",\"b\"],\"seqs\":[2,7],\"data\":2}";
    String third = "{\"event\":\"other\",\"sessions\":[\"b\"],\"seqs\":[8],\"data\":{\"x\":[3]}}";
    Packet packet = assertEvent("42[\"deliver\"," + first + "," + second + "," + third + "]",
        "deliver", -1);
    assertEquals(3, packet.args().size());
    assertEquals(JsonParser.parseString(first), packet.args().get(0));
    assertEquals(JsonParser.parseString(second), packet.args().get(1));
    assertEquals(JsonParser.parseString(third), packet.args().get(2));
  }

  // socket.io ACK

  @Test void anAckHasItsIdAndArguments() {
    Packet packet = assertKind(Kind.ACK, "433[{\"ok\":true,\"seq\":4}]");
    assertEquals(3, packet.ackId());
    JsonObject answer = new JsonObject();
    answer.addProperty("ok", true);
    answer.addProperty("seq", 4);
    assertEquals(answer, packet.firstArg());
  }

  @Test void anAckWithoutArgumentsHasNoFirstArgument() {
    Packet packet = assertKind(Kind.ACK, "435[]");
    assertEquals(5, packet.ackId());
    assertNull(packet.firstArg());
  }

  @Test void anAckWhosePayloadIsNotAnArrayIsIgnored() {
    for (String text : new String[] {"431", "431{}", "431\"ok\"", "4317", "431[", "431nope"}) {
      assertIgnored(text);
    }
  }

  // Ack ids

  @Test void anAckIdOf0IsRead() {
    assertEquals(0, assertKind(Kind.ACK, "430[]").ackId());
    assertEvent("420[\"a\"]", "a", 0);
  }

  @Test void anAckIdOf1IsRead() {
    assertEquals(1, assertKind(Kind.ACK, "431[]").ackId());
    assertEvent("421[\"a\"]", "a", 1);
  }

  @Test void anAckIdOf2To53Plus1IsReadExactly() {
    long id = (1L << 53) + 1; // the first integer a double cannot hold
    assertEquals(id, assertKind(Kind.ACK, "43" + id + "[]").ackId());
    assertEvent("42" + id + "[\"a\"]", "a", id);
  }

  @Test void anAckIdOf2To63Minus1IsRead() {
    assertEquals(Long.MAX_VALUE, assertKind(Kind.ACK, "43" + Long.MAX_VALUE + "[]").ackId());
    assertEvent("42" + Long.MAX_VALUE + "[\"a\"]", "a", Long.MAX_VALUE);
  }

  @Test void anAckIdOf2To63IsNotMisread() {
    assertIgnored("439223372036854775808[]");
    assertIgnored("429223372036854775808[\"a\"]");
    assertIgnored("439999999999999999999[]"); // 19 digits, still over
  }

  @Test void anAckIdOf20OrMoreDigitsIsNotMisread() {
    assertIgnored("4318446744073709551617[]"); // 2^64 + 1: would wrap to 1
    assertIgnored("43" + "1".repeat(20) + "[]");
    assertIgnored("42" + "9".repeat(400) + "[\"a\"]");
    assertIgnored("43" + "0".repeat(19) + "1[]"); // 1, but spelled in 20 digits
  }

  // What is not for this client

  @Test void binaryPacketsAreIgnored() {
    assertIgnored("451-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
    assertIgnored("4512-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
    assertIgnored("461-[{\"_placeholder\":true,\"num\":0}]");
    assertIgnored("4613-[{\"_placeholder\":true,\"num\":0}]");
  }

  @Test void packetsForAnotherNamespaceAreIgnored() {
    assertIgnored("40/admin,{\"sid\":\"abc\"}");
    assertIgnored("41/admin,");
    assertIgnored("42/admin,[\"hello\",1]");
    assertIgnored("42/admin,7[\"hello\",1]");
    assertIgnored("43/admin,7[]");
    assertIgnored("44/admin,{\"message\":\"no\"}");
  }

  @Test void unknownSocketIoTypesAreIgnored() {
    for (String text : new String[] {"47", "48[\"a\"]", "49", "4x", "4 "}) {
      assertIgnored(text);
    }
  }

  @Test void anEmptyMessageIsIgnored() {
    assertIgnored("4");
  }

  // Malformed

  @Test void aNonJsonPayloadIsIgnored() {
    for (String text : new String[] {"42not json", "42[\"a\" 1]", "42[\"a\",1]x", "42[\"a\",}",
        "42\u0000", "42[\"a\",1]]", "42[\"a\",\"\\x\"]"}) {
      assertIgnored(text);
    }
  }

  @Test void aPayloadThatIsOnlyLenientJsonIsIgnored() {
    for (String text : new String[] {"42[deliver,1]", "42['deliver',1]", "42[\"a\",NaN]",
        "42[\"a\"/* note */]", "42[\"a\";1]", "431[{ok:true}]"}) {
      assertIgnored(text);
    }
  }

  @Test void jsonThatIsNotAnArrayIsIgnored() {
    for (String text : new String[] {"42{\"0\":\"a\"}", "42\"a\"", "421", "42null", "42true",
        "42 "}) {
      assertIgnored(text);
    }
  }

  @Test void truncatedPacketsAreIgnored() {
    String whole = "427[\"deliver\",{\"event\":\"e\",\"sessions\":[\"s\"],\"data\":[1,2]}]";
    // Every proper prefix past the type digits: either no payload or a cut one.
    for (int end = 2; end < whole.length(); end++) {
      assertIgnored(whole.substring(0, end));
    }
    assertEvent(whole, "deliver", 7);
  }

  @Test void deeplyNestedJsonIsIgnoredWithoutOverflowingTheStack() {
    assertIgnored("42" + "[".repeat(100_000));
    assertIgnored("42[\"a\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]");
    assertIgnored("431" + "{\"a\":".repeat(100_000));
    assertKind(Kind.CONNECT_ERROR, "40" + "{\"sid\":".repeat(100_000));
  }

  /**
   * Valid JSON that the hub relays (it reads requests Limits.MAX_NESTING deep, so data as deep
   * as this) but that Gson's default nesting limit of 255 refuses: the event would be dropped
   * without a word.
   */
  @Test void anEventNestedWithinTheHubsLimitIsRead() {
    int depth = Limits.MAX_NESTING - 2;
    String data = "[".repeat(depth) + "]".repeat(depth);
    Packet packet = assertEvent("42[\"deliver\",{\"event\":\"e\",\"sessions\":[\"s\"],\"data\":"
        + data + "}]", "deliver", -1);
    JsonElement level = packet.args().get(0).getAsJsonObject().get("data");
    for (int i = 1; i < depth; i++) level = level.getAsJsonArray().get(0);
    assertEquals(0, level.getAsJsonArray().size(), "all " + depth + " levels read");
  }

  // Writing

  @Test void anEventWithoutAckIdIsWrittenWithoutOne() {
    assertEquals("42[\"publish\",{\"a\":1}]", Packets.event("publish", "{\"a\":1}", -1));
    assertEquals("42[\"publish\",null]", Packets.event("publish", "null", Long.MIN_VALUE));
  }

  @Test void anEventWithAnAckIdIsWrittenWithIt() {
    assertEquals("420[\"auth\",{}]", Packets.event("auth", "{}", 0));
    assertEquals("4212[\"watch-2_x\",[1]]", Packets.event("watch-2_x", "[1]", 12));
    assertEquals("42" + Long.MAX_VALUE + "[\"a\",1]", Packets.event("a", "1", Long.MAX_VALUE));
  }

  @Test void namesThatNeedEscapingAreEscaped() {
    assertEquals("42[\"say \\\"hi\\\"\",1]", Packets.event("say \"hi\"", "1", -1));
    assertEquals("42[\"back\\\\slash\",1]", Packets.event("back\\slash", "1", -1));
    assertEquals("42[\"line\\nbreak\",1]", Packets.event("line\nbreak", "1", -1));
    assertEquals("42[\"\\u0000\",1]", Packets.event("\u0000", "1", -1));
    assertEquals("42[\"Upper.Case/slash\",1]", Packets.event("Upper.Case/slash", "1", -1));
    assertEquals("42[\"\",1]", Packets.event("", "1", -1));
  }

  @Test void writtenEventsReadBack() {
    String[] names = {"publish", "Hello World", "say \"hi\"", "back\\slash", "tab\there",
        "\u2028\u2029", "🪓 héllo", "\u0001\u001f", "", "42[\"x\"]", "/admin,"};
    String[] payloads = {"{\"a\":[1,2,{\"b\":null}]}", "\"text with \\\"quotes\\\"\"", "1.5",
        "[]", "null"};
    long[] ids = {-1, 0, 1, (1L << 53) + 1, Long.MAX_VALUE};
    for (String name : names) {
      for (String payload : payloads) {
        for (long id : ids) {
          String text = Packets.event(name, payload, id);
          Packet packet = assertEvent(text, name, id);
          JsonArray args = new JsonArray();
          args.add(JsonParser.parseString(payload));
          assertEquals(args, packet.args(), text);
        }
      }
    }
  }
}
