package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The publishers' memory on its own (its timer not started: nobody is forgotten here). */
class PublisherLogTest {
  private final PublisherLog log = new PublisherLog(new HubLoops(), Ticker.SYSTEM,
      Long.MAX_VALUE / 2, 3);
  private final AtomicInteger routings = new AtomicInteger();

  private PublisherLog.Outcome publish(String publisher, long seq) throws RequestException {
    // Routed to seq % 7 consumers: each seq has a count of its own.
    return log.publish(publisher, seq, () -> {
      routings.incrementAndGet();
      return (int) (seq % 7);
    });
  }

  @Test void aNewPublisherPastTheLimitIsRefused() throws RequestException {
    for (String publisher : new String[] {"a", "b", "c"}) {
      publish(publisher, 1);
    }
    RequestException refused = assertThrows(RequestException.class, () -> publish("d", 1));
    assertEquals(io.hatchet.protocol.ErrorCode.TOO_MANY, refused.code);
    assertEquals(new PublisherLog.Outcome(2, false), publish("a", 2), "known ones go on");
  }

  @Test void remembersTheRoutedCountsOfTheLatestSeqs() throws RequestException {
    int count = 3 * PublisherLog.RECENT;
    for (long seq = 1; seq <= count; seq++) {
      PublisherLog.Outcome outcome = publish("p", seq);
      assertFalse(outcome.duplicate());
      assertEquals(seq % 7, outcome.routed());
    }
    assertEquals(count, routings.get());

    for (long seq = count; seq > count - PublisherLog.RECENT; seq--) {
      PublisherLog.Outcome retry = publish("p", seq);
      assertTrue(retry.duplicate());
      assertEquals(seq % 7, retry.routed(), "seq " + seq);
    }
    // Older ones are still recognised, with a count no longer known.
    assertEquals(new PublisherLog.Outcome(0, true), publish("p", count - PublisherLog.RECENT));
    assertEquals(new PublisherLog.Outcome(0, true), publish("p", 1));
    assertEquals(count, routings.get());
    assertEquals(1, log.size());
  }

  @Test void skippedSeqsAreRetriesWithNoCount() throws RequestException {
    assertEquals(new PublisherLog.Outcome(3, false), publish("p", 3));
    assertEquals(new PublisherLog.Outcome(3, false), publish("p", 10));
    assertEquals(new PublisherLog.Outcome(0, true), publish("p", 5));
    assertEquals(new PublisherLog.Outcome(3, true), publish("p", 3));
    assertEquals(new PublisherLog.Outcome(1, false), publish("q", 1));
    assertEquals(2, log.size());
  }
}
