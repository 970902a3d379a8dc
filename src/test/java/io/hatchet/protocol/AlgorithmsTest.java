package io.hatchet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Algorithms: the nine of PROTOCOL.md and what each wants of a key (RFC 7518). */
class AlgorithmsTest {
  @Test void checkNamesTheAlgorithmsAndTheBadOne() {
    assertEquals("ES384", Algorithms.check("ES384"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Algorithms.check("PS256"));
    assertEquals("algorithm must be one of [ES256, ES384, ES512, HS256, HS384, HS512, RS256,"
        + " RS384, RS512]: PS256", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Algorithms.check("none"));
    assertThrows(IllegalArgumentException.class, () -> Algorithms.check(null));
  }

  @Test void keysOfEachAlgorithm() {
    assertTrue(Algorithms.isHmac("HS512"));
    assertFalse(Algorithms.isHmac("RS256"));
    assertNull(Algorithms.keyFamily("HS256"));
    assertEquals("RSA", Algorithms.keyFamily("RS384"));
    assertEquals("EC", Algorithms.keyFamily("ES256"));
  }

  @Test void secretsAsLongAsTheHash() {
    assertEquals(32, Algorithms.minSecretBytes("HS256"));
    assertEquals(48, Algorithms.minSecretBytes("HS384"));
    assertEquals(64, Algorithms.minSecretBytes("HS512"));
    assertThrows(IllegalArgumentException.class, () -> Algorithms.minSecretBytes("RS256"));
  }

  @Test void eachEcdsaAlgorithmHasItsCurve() {
    assertEquals(256, Algorithms.curveBits("ES256"));
    assertEquals(384, Algorithms.curveBits("ES384"));
    assertEquals(521, Algorithms.curveBits("ES512"));
    assertThrows(IllegalArgumentException.class, () -> Algorithms.curveBits("RS512"));
  }
}
