package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import io.hatchet.protocol.StrictJson;
import org.junit.jupiter.api.Test;

/** How the JSON array of an event packet becomes a Request. */
class RequestReaderTest {
  private static Request read(String packet) {
    return RequestReader.read(packet);
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
}
