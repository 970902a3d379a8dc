package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.StrictJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an event packet becomes a Request, and how the hub's answers are written. */
class RequestJsonSupportTest {
  private static Request read(String packet) {
    return read(packet.getBytes(StandardCharsets.UTF_8));
  }

  private static Request read(byte[] packet) {
    return RequestJsonSupport.readRequest(packet);
  }

  private static void assertMalformed(String name, String why, Request request) {
    assertEquals(why, request.malformed);
    assertEquals(name, request.name);
    assertEquals(0, request.args.size());
  }

  @Test void anEventIsItsNameAndTheArgumentsAfterIt() {
    Request request = read("[\"publish\",{\"session\":\"k1\",\"data\":1.10},2,\"x\"]");
    assertNull(request.malformed);
    assertEquals("publish", request.name);
    assertEquals(JsonParser.parseString("[{\"session\":\"k1\",\"data\":1.10},2,\"x\"]"),
        request.args);
    assertEquals(0, read("[\"ping\"]").args.size());
  }

  @Test void whatIsNoEventIsMalformed() {
    assertMalformed(null, "an event packet must hold a JSON array", read("{\"a\":1}"));
    assertMalformed(null, "an event's name must be a string", read("[]"));
    assertMalformed(null, "an event's name must be a string", read("[1,{}]"));
    assertMalformed(null, "the event packet " + StrictJson.NOT_JSON, read(""));
    assertMalformed(null, "the event packet " + StrictJson.NOT_JSON, read("[garbage"));
  }

  @Test void aRefusedPacketKeepsTheNameItStartsWith() {
    assertMalformed("auth", "the event packet " + StrictJson.NOT_JSON, read("[\"auth\""));
    assertMalformed("publish", "the event packet " + StrictJson.LONE_SURROGATE,
        read("[\"publish\",{\"data\":\"\\ud800\"}]"));
    assertMalformed("publish", "the event packet " + StrictJson.NUMBER_OUT_OF_RANGE,
        read("[\"publish\",{\"data\":-1E99999999999}]"));
  }

  @Test void bytesThatAreNotUtf8AreMalformed() {
    byte[] prefix = "[\"publish\",\"".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad : new byte[][] {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0,
        (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}}) {
      byte[] packet = new byte[prefix.length + bad.length + 2];
      System.arraycopy(prefix, 0, packet, 0, prefix.length);
      System.arraycopy(bad, 0, packet, prefix.length, bad.length);
      packet[packet.length - 2] = '"';
      packet[packet.length - 1] = ']';
      assertMalformed(null, "the event packet is not valid UTF-8", read(packet));
    }
    // U+FFFD sent as itself is a character like any other.
    assertEquals("\uFFFD", read("[\"\uFFFD\"]").name);
  }

  private static String written(Object value) throws Exception {
    ByteBuf buffer = Unpooled.buffer();
    new RequestJsonSupport().writeValue(new ByteBufOutputStream(buffer), value);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test void answersAndEventsAreWrittenFromTheirTrees() throws Exception {
    assertEquals("[{\"ok\":true,\"routed\":2}]", written(List.of(Answers.ok("routed", 2))));
    assertEquals("[\"hub-error\",{\"request\":\"x\",\"code\":\"unknown_event\","
        + "\"message\":\"no \\\"x\\\"\"}]", written(List.of("hub-error",
            Answers.hubError("x", null, ErrorCode.UNKNOWN_EVENT, "no \"x\""))));
  }
}
