package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed of random tests: given, drawn, and named by every failure. */
class SeedTest {
  private final String before = System.getProperty(Seed.PROPERTY);

  @AfterEach void restore() {
    if (before == null) {
      System.clearProperty(Seed.PROPERTY);
    } else {
      System.setProperty(Seed.PROPERTY, before);
    }
  }

  @Test void aGivenSeedIsUsed() {
    System.setProperty(Seed.PROPERTY, " -42 ");
    assertEquals(-42, Seed.fromProperty().value());
    assertEquals("replay with -Dhatchet.seed=-42", Seed.fromProperty().replay());
  }

  @Test void withoutOneEachRunDrawsItsOwn() {
    System.clearProperty(Seed.PROPERTY);
    long first = Seed.fromProperty().value();
    for (int i = 0; i < 5; i++) {
      if (Seed.fromProperty().value() != first) return;
    }
    throw new AssertionError("six draws gave " + first);
  }

  @Test void aSeedThatIsNotANumberIsRefused() {
    System.setProperty(Seed.PROPERTY, "forty-two");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, Seed::fromProperty);
    assertTrue(e.getMessage().contains("forty-two"), e.getMessage());
  }

  @Test void aFailedAssertionNamesTheSeed() {
    System.setProperty(Seed.PROPERTY, "7");
    Seed seed = Seed.fromProperty();
    AssertionError failure = assertThrows(AssertionError.class,
        () -> seed.run(() -> assertEquals(1, 2, "one is two")));
    assertTrue(failure.getMessage().contains("one is two"), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("(replay with -Dhatchet.seed=7)"),
        failure.getMessage());
  }

  @Test void aMessageThatNamesTheSeedIsKept() {
    System.setProperty(Seed.PROPERTY, "7");
    Seed seed = Seed.fromProperty();
    AssertionError thrown = new AssertionError(seed.say("lost an event"));
    assertSame(thrown, assertThrows(AssertionError.class, () -> seed.run(() -> {
      throw thrown;
    })));
  }

  @Test void anExceptionNamesTheSeedToo() {
    System.setProperty(Seed.PROPERTY, "7");
    Seed seed = Seed.fromProperty();
    TimeoutException timeout = new TimeoutException("no answer");
    AssertionError failure = assertThrows(AssertionError.class, () -> seed.run(() -> {
      throw timeout;
    }));
    assertSame(timeout, failure.getCause());
    assertEquals("TimeoutException: no answer (replay with -Dhatchet.seed=7)",
        failure.getMessage());
  }
}
