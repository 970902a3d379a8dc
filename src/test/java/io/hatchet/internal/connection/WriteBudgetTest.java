package io.hatchet.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The connection's one budget of unanswered requests. */
class WriteBudgetTest {
  private final WriteBudget budget = new WriteBudget();

  @Test void anEmptyBudgetHasNothingInFlight() {
    assertEquals(0, budget.requests());
    assertEquals(0, budget.bytes());
    assertTrue(budget.fits(1));
  }

  @Test void takeAndGiveCountRequestsAndBytes() {
    budget.take(100);
    budget.take(250);
    assertEquals(2, budget.requests());
    assertEquals(350, budget.bytes());
    budget.give(100);
    assertEquals(1, budget.requests());
    assertEquals(250, budget.bytes());
    budget.give(250);
    assertEquals(0, budget.requests());
    assertEquals(0, budget.bytes());
  }

  @Test void aRequestFitsUpToTheLastByte() {
    budget.take(1_000);
    long room = WriteBudget.MAX_BYTES - 1_000;
    assertTrue(budget.fits((int) room));
    assertFalse(budget.fits((int) room + 1));
  }

  @Test void aFullBudgetFitsAgainOnceAnswered() {
    budget.take((int) WriteBudget.MAX_BYTES);
    assertFalse(budget.fits(1));
    budget.give((int) WriteBudget.MAX_BYTES);
    assertTrue(budget.fits(1));
  }

  @Test void aRequestLargerThanTheBudgetFitsWhenNothingIsInFlight() {
    assertTrue(budget.fits((int) WriteBudget.MAX_BYTES + 1));
    assertTrue(budget.fits(Integer.MAX_VALUE));
    budget.take(Integer.MAX_VALUE);
    assertEquals(Integer.MAX_VALUE, budget.bytes());
    assertFalse(budget.fits(0), "nothing more while it is in flight");
    budget.give(Integer.MAX_VALUE);
    assertTrue(budget.fits(Integer.MAX_VALUE));
  }

  @Test void aLargeRequestWaitsWhileAnythingIsInFlight() {
    budget.take(1);
    assertFalse(budget.fits((int) WriteBudget.MAX_BYTES));
    assertFalse(budget.fits(Integer.MAX_VALUE), "no overflow past 2^31 bytes");
  }

  @Test void atMostMaxRequestsAreInFlight() {
    for (int i = 0; i < WriteBudget.MAX_REQUESTS - 1; i++) budget.take(0);
    assertTrue(budget.fits(0));
    budget.take(0);
    assertEquals(WriteBudget.MAX_REQUESTS, budget.requests());
    assertFalse(budget.fits(0));
    assertFalse(budget.fits(1));
    budget.give(0);
    assertTrue(budget.fits(1));
  }

  @Test void resetEmptiesTheBudget() {
    for (int i = 0; i < WriteBudget.MAX_REQUESTS; i++) budget.take(2_048);
    assertFalse(budget.fits(1));
    budget.reset();
    assertEquals(0, budget.requests());
    assertEquals(0, budget.bytes());
    assertTrue(budget.fits((int) WriteBudget.MAX_BYTES));
    budget.take(10);
    assertEquals(1, budget.requests());
    assertEquals(10, budget.bytes());
  }
}
