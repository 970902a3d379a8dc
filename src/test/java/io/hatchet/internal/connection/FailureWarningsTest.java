package io.hatchet.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed attempts are warned of at once, then once a period, with the count left out. */
class FailureWarningsTest {
  @Test void theFirstAtOnceThenOneAPeriodWithTheCountLeftOut() {
    AtomicLong now = new AtomicLong(1_000);
    FailureWarnings warnings = new FailureWarnings(now::get, 60);
    assertEquals(0, warnings.next(), "the first failure is warned of, none left out");
    for (int i = 0; i < 5; i++) {
      now.addAndGet(10);
      assertEquals(-1, warnings.next(), "within the period: left out");
    }
    now.set(1_060);
    assertEquals(5, warnings.next(), "a period after the last warning: with the 5 left out");
    now.addAndGet(59);
    assertEquals(-1, warnings.next());
    now.addAndGet(1);
    assertEquals(1, warnings.next());
  }

  @Test void aFailureLongAfterTheLastWarningIsWarnedOfAtOnce() {
    AtomicLong now = new AtomicLong(Long.MAX_VALUE - 10); // nanoTime may be anywhere, even wrap
    FailureWarnings warnings = new FailureWarnings(now::get, 60);
    assertEquals(0, warnings.next());
    now.addAndGet(100);
    assertEquals(0, warnings.next());
  }
}
