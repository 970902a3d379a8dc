package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.protocol.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hub's JSON writer on its own: what it writes, and that it reads back as it was. */
class JsonBytesTest {
  private static String write(JsonElement element) {
    return new String(new JsonBytes(0).value(element).toByteArray(), StandardCharsets.UTF_8);
  }

  private static String quoted(String text) {
    return new String(JsonBytes.quoted(text), StandardCharsets.UTF_8);
  }

  @Test void treesAreWrittenCompactInOrder() {
    String json = "{\"ok\":true,\"error\":{\"code\":\"x\",\"message\":null},\"list\":[1,\"two\","
        + "[],{},[[false]],{\"a\":{\"b\":[]}}],\"empty\":\"\"}";
    assertEquals(json, write(JsonParser.parseString(json)));
    assertEquals("[]", write(new JsonArray()));
    assertEquals("{}", write(new JsonObject()));
    assertEquals("7", write(JsonParser.parseString("7")));
  }

  @Test void numbersAreWrittenAsTheirText() {
    String json = "[1.10,1e400,-2.50E-400,-0.0,123456789012345678901234567890,0,-5]";
    assertEquals(json, write(StrictJson.parse(json, 10)));
    JsonObject answer = Answers.ok("routed", 3);
    answer.addProperty("seq", Long.MAX_VALUE);
    assertEquals("{\"ok\":true,\"routed\":3,\"seq\":9223372036854775807}", write(answer));
    JsonArray notJson = new JsonArray();
    notJson.add(Double.NaN);
    assertThrows(IllegalArgumentException.class, () -> write(notJson));
  }

  @Test void stringsAreEscapedAsGsonDoes() {
    assertEquals("\"plain\"", quoted("plain"));
    assertEquals("\"\\\"q\\\" \\\\ \\n\\r\\t\\b\\f \\u0000\\u001f \\u2028\\u2029 /\"",
        quoted("\"q\" \\ \n\r\t\b\f \u0000\u001f \u2028\u2029 /"));
    assertArrayEquals("\"zwölf é 😀 \u07ff\u0800\uffff\"".getBytes(StandardCharsets.UTF_8),
        JsonBytes.quoted("zwölf é 😀 \u07ff\u0800\uffff"));
  }

  @Test void loneSurrogatesAreEscapedNotBroken() {
    assertEquals("\"a\\ud800b\\udc00\"", quoted("a\ud800b\udc00"));
    assertEquals("\"\\ud83e\"", quoted("\ud83e"));
    assertEquals("\"\\ude93\\ud83e\"", quoted("\ude93\ud83e"));
  }

  @Test void anyStringReadsBackAsItWas() {
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        // Mostly the edges: controls, escapes, 2- and 3-byte chars, surrogates, emoji.
        switch (random.nextInt(6)) {
          case 0 -> text.append((char) random.nextInt(0x30));
          case 1 -> text.append((char) (0x7f + random.nextInt(0x790)));
          case 2 -> text.append((char) (0x800 + random.nextInt(0xf7ff)));
          case 3 -> text.append((char) (0xd800 + random.nextInt(0x800)));
          case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0xfffff));
          default -> text.append(random.nextBoolean() ? '"' : '\\');
        }
      }
      String original = text.toString();
      assertEquals(original, JsonParser.parseString(quoted(original)).getAsString(),
          () -> "for " + original.chars().mapToObj(Integer::toHexString).toList());
    }
  }

  @Test void deepTreesAreWrittenWithoutOverflowingTheStack() {
    int depth = 100_000;
    JsonArray root = new JsonArray();
    JsonArray level = root;
    for (int i = 1; i < depth; i++) {
      JsonArray inner = new JsonArray();
      level.add(inner);
      level = inner;
    }
    String json = write(root);
    assertEquals("[".repeat(depth) + "]".repeat(depth), json);
  }

  @Test void aClearedWriterIsReused() {
    JsonBytes json = new JsonBytes(4);
    json.string("first");
    json.clear().value(JsonParser.parseString("[1,{\"a\":2}]"));
    assertEquals("[1,{\"a\":2}]", new String(json.toByteArray(), StandardCharsets.UTF_8));
    assertEquals(11, json.size());
  }
}
