package io.hatchet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What StrictJson reads, what it refuses, and the reason it gives. */
class StrictJsonTest {
  private static final int LIMIT = 50;

  private static JsonElement assertRead(String json) {
    StrictJson.Result result = StrictJson.read(json, LIMIT);
    assertNull(result.why(), () -> "refused " + shortened(json));
    assertNotNull(result.value());
    return result.value();
  }

  private static void assertRefused(String why, String json) {
    StrictJson.Result result = StrictJson.read(json, LIMIT);
    assertEquals(why, result.why(), () -> "for " + shortened(json));
    assertNull(result.value());
    assertNull(StrictJson.parse(json, LIMIT));
  }

  private static String shortened(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + ")";
  }

  private static String nested(String open, String close, int depth) {
    return open.repeat(depth) + close.repeat(depth);
  }

  @Test void strictJsonIsRead() {
    String[] documents = {
      "{\"line\":100,\"file\":\"ben.txt\",\"ok\":true,\"none\":null,\"list\":[1,\"two\",[]]}",
      "[]", "{}", "0", "-1.5e-3", "\"text\"", "true", "false", "null",
      " \t\r\n[ 1 , 2 ]\n ", "\"zwölf 🪓 \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\"",
    };
    for (String json : documents) {
      assertEquals(JsonParser.parseString(json), assertRead(json), json);
    }
    assertEquals(JsonParser.parseString("[1,2]"), StrictJson.parse("[1,2]", LIMIT));
  }

  @Test void whatGsonOnlyTakesLenientlyIsNotJson() {
    String[] notJson = {
      "", " ", "{a:1}", "{'a':1}", "['a']", "[1,]", "{\"a\":1,}", "[1 2]", "NaN", "[Infinity]",
      "01", "1.", ".5", "+1", "[1] x", "[1][2]", "1 2", "// comment\n1", "/* c */ 1", "#1",
      "\"tab\there\"", "\"\\x\"", "\"open", "[", "]", "{\"a\"}", "tru", "nul", "=1",
    };
    for (String json : notJson) {
      assertRefused(StrictJson.NOT_JSON, json);
    }
    assertEquals("StrictJson.Result{refused: is not valid JSON}",
        StrictJson.read("x", LIMIT).toString());
    assertEquals("StrictJson.Result{read}", StrictJson.read("[\"not shown\"]", LIMIT).toString());
  }

  @Test void nestingUpToTheLimitIsReadAndOneLevelMoreIsNot() {
    String tooDeep = "is nested deeper than " + LIMIT;
    assertRead(nested("[", "]", LIMIT));
    assertRefused(tooDeep, nested("[", "]", LIMIT + 1));
    assertRead(nested("{\"a\":", "}", LIMIT - 1).replace("\"a\":}", "\"a\":{}}"));
    assertRefused(tooDeep, nested("{\"a\":", "}", LIMIT).replace("\"a\":}", "\"a\":{}}"));
    // Siblings do not add up: only what is open at once counts.
    String full = nested("[", "]", LIMIT - 1);
    assertRead("[" + full + "," + full + "," + full + "]");
    assertRefused(tooDeep, "[" + full + ",[" + full + "]]");

    assertEquals("is nested deeper than 0", StrictJson.read("[]", 0).why());
    assertNotNull(StrictJson.parse("1", 0));
    assertThrows(IllegalArgumentException.class, () -> StrictJson.read("1", -1));
  }

  @Test void deepInputIsReadWithoutOverflowingTheStack() {
    int depth = 200_000;
    assertNotNull(StrictJson.parse(nested("[", "]", depth), depth));
    assertNull(StrictJson.parse("[".repeat(depth), depth));
    assertEquals("is nested deeper than 1100",
        StrictJson.read(nested("{\"a\":[", "]}", depth), 1100).why());
  }

  @Test void numbersKeepTheirText() {
    String json = "[1e400,1.10,-0.0,1E+2,123456789012345678901234567890,0.000001,-5]";
    assertEquals(json, assertRead(json).toString());
    // The scale, 490 digits after the point less the exponent, is the largest an int holds.
    String longLiteral = "9".repeat(500) + "." + "1".repeat(490) + "e-2147483157";
    assertEquals(longLiteral, assertRead(longLiteral).toString());
    assertRefused(StrictJson.NUMBER_OUT_OF_RANGE, longLiteral.replace("157", "158"));
  }

  /** Gson's reader takes numbers of up to 1,023 characters; a longer one is no JSON to it. */
  @Test void numbersLongerThanGsonReadsAreNotJson() {
    String longest = "1".repeat(1023);
    assertEquals(longest, assertRead("[" + longest + "]").getAsJsonArray().get(0).toString());
    assertRefused(StrictJson.NOT_JSON, "[" + longest + "1]");
  }

  @Test void numbersBigDecimalCannotHoldAreOutOfRange() {
    assertRefused(StrictJson.NUMBER_OUT_OF_RANGE, "1e99999999999");
    assertRefused(StrictJson.NUMBER_OUT_OF_RANGE, "{\"seq\":[1,-2E-99999999999]}");
    assertRefused(StrictJson.NUMBER_OUT_OF_RANGE, "1" + "2".repeat(900) + "e99999999999");
    assertRefused(StrictJson.NUMBER_OUT_OF_RANGE, "1e" + "9".repeat(1000));
  }

  /** Accepted exactly when BigDecimal takes the literal, at the edges of its int scale. */
  @Test void theRangeIsBigDecimals() {
    String[] literals = {
      "1e2147483647", "1e2147483648", "1e-2147483648", "1e-2147483649", "1e+2147483647",
      "0e-2147483648", "0.5e-2147483647", "0.5e-2147483646", "10e-2147483647", "1.5e2147483647",
      "1.5e-2147483647", "12.25e-2147483646", "1e0000000000000000002147483647", "1e00000000000",
      "-1E-0", "1e9999999999", "1e-9999999999", "0.1e4294967296", "1e4294967295",
    };
    for (String literal : literals) {
      boolean held;
      try {
        new BigDecimal(literal);
        held = true;
      } catch (NumberFormatException e) {
        held = false;
      }
      assertEquals(held, StrictJson.parse(literal, LIMIT) != null, literal);
    }
  }

  @Test void loneSurrogatesAreRefusedEscapedOrRaw() {
    String[] lone = {
      "\"\\ud800\"", "\"\\udbff\"", "\"\\udc00\"", "\"\\udfff\"", // escaped high and low
      "\"\ud800\"", "\"\udc00\"", // raw high and low
      "\"a\\ud83ez\"", "\"\\ude93\\ud83e\"", "\"\ude93\ud83e\"", "\"end \\ud83e\"",
      "\"\\ud83e\\ud83e\\ude93\"", "[1,{\"a\":[\"\\ud800\"]}]",
      "{\"\\ud800\":1}", "{\"\udc00\":1}", "{\"a\":{\"key \\udfff\":null}}", // names
    };
    for (String json : lone) {
      assertRefused(StrictJson.LONE_SURROGATE, json);
    }
  }

  @Test void surrogatePairsAreRead() {
    String axe = "\ud83e\ude93";
    String[] pairs = {"\"\\ud83e\\ude93\"", "\"" + axe + "\"", "\"\\ud83e\ude93\"",
        "{\"\\ud83e\\ude93\":\"\\uD83E\\uDE93\"}", "\"\\udbff\\udfff\""};
    for (String json : pairs) {
      assertEquals(JsonParser.parseString(json), assertRead(json), json);
    }
    assertEquals(axe, assertRead("\"\\ud83e\\ude93\"").getAsString());
  }
}
