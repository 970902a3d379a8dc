package io.hatchet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test void writesTheFieldsInOrder() {
    assertEquals("{\"session\":\"c1\",\"v\":1,\"events\":[\"a\",\"b\"],\"data\":{\"x\":[1]},"
            + "\"alias\":null}",
        new Json.Writer().string("session", "c1").number("v", 1)
            .strings("events", List.of("a", "b")).raw("data", "{\"x\":[1]}")
            .string("alias", null).end());
    assertEquals("{}", new Json.Writer().end());
  }

  @Test void everyStringReadsBackAsItWas() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) all.append(c);
    String tricky = all + "\"\\/\u2028\u2029 \uD83D\uDE00 end";
    String json = new Json.Writer().string("s", tricky).strings("l", List.of(tricky, "")).end();
    JsonObject read = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(tricky, read.get("s").getAsString());
    assertEquals(tricky, read.getAsJsonArray("l").get(0).getAsString());
    assertEquals("", read.getAsJsonArray("l").get(1).getAsString());
  }

  @Test void controlCharactersAndSeparatorsAreEscaped() {
    assertEquals("{\"s\":\"a\\nb\\t\\r\\u0001\\u2028\\u2029\\\"\\\\\"}",
        new Json.Writer().string("s", "a\nb\t\r\u0001\u2028\u2029\"\\").end());
  }
}
