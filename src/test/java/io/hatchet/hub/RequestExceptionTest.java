package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How error messages quote what a client sent. */
class RequestExceptionTest {
  @Test void shortTextIsQuotedWhole() {
    assertEquals("'subscribe'", RequestException.quote("subscribe"));
    assertEquals("''", RequestException.quote(""));
    String longest = "n".repeat(RequestException.MAX_QUOTED);
    assertEquals("'" + longest + "'", RequestException.quote(longest));
  }

  @Test void longerTextIsCut() {
    String kept = "n".repeat(RequestException.MAX_QUOTED);
    assertEquals("'" + kept + "…'", RequestException.quote(kept + "x"));
    assertEquals("'" + kept + "…'", RequestException.quote(kept + "x".repeat(1_000_000)));
  }

  @Test void codePointsCountAndPairsStayWhole() {
    String axe = "\ud83e\ude93";
    String axes = axe.repeat(RequestException.MAX_QUOTED);
    assertEquals("'" + axes + "'", RequestException.quote(axes));
    assertEquals("'" + axes + "…'", RequestException.quote(axes + axe));
    String odd = "a" + axe.repeat(RequestException.MAX_QUOTED);
    assertEquals("'a" + axe.repeat(RequestException.MAX_QUOTED - 1) + "…'",
        RequestException.quote(odd));
  }
}
