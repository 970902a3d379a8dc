package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window on its own, with made-up clocks. */
class RecoveryWindowTest {
  private static final long SECOND = 1_000_000_000L;

  private static Message at(long nanos) {
    return new Message("e", new byte[] {'1'}, nanos);
  }

  private static List<Long> after(RecoveryWindow window, long last) {
    List<Long> seqs = new ArrayList<>();
    window.forEachAfter(last, (seq, message) -> seqs.add(seq));
    return seqs;
  }

  @Test void numbersFromOneAndKeepsTheNewestByCount() {
    RecoveryWindow window = new RecoveryWindow(3, Long.MAX_VALUE, 60 * SECOND);
    assertEquals(0, window.newest());
    assertTrue(window.holdsAfter(0));
    assertFalse(window.holdsAfter(1));
    Message first = at(0);
    assertEquals(1, window.append(first));
    window.forEachAfter(0, (seq, message) -> assertSame(first, message));
    for (int i = 2; i <= 5; i++) {
      assertEquals(i, window.append(at(0)));
    }
    assertEquals(3, window.size());
    assertEquals(3, window.oldest());
    assertEquals(List.of(3L, 4L, 5L), after(window, 0));
    assertEquals(List.of(5L), after(window, 4));
    assertFalse(window.holdsAfter(1));
    assertTrue(window.holdsAfter(2));
    assertTrue(window.holdsAfter(5));
    assertFalse(window.holdsAfter(6));
  }

  @Test void dropsByAgeOnAppendAndWhenAsked() {
    RecoveryWindow window = new RecoveryWindow(100, Long.MAX_VALUE, 10 * SECOND);
    window.append(at(0));
    window.append(at(5 * SECOND));
    window.append(at(12 * SECOND)); // 0 is now 12 s old
    assertEquals(List.of(2L, 3L), after(window, 0));
    window.pruneAge(15 * SECOND);
    assertEquals(2, window.size());
    window.pruneAge(16 * SECOND);
    assertEquals(List.of(3L), after(window, 0));
    window.pruneAge(30 * SECOND);
    assertEquals(0, window.size());
    assertEquals(3, window.newest());
    assertTrue(window.holdsAfter(3));
    assertFalse(window.holdsAfter(2));
  }

  @Test void pinnedEntriesOutliveTheLimits() {
    RecoveryWindow window = new RecoveryWindow(2, Long.MAX_VALUE, 10 * SECOND);
    window.append(at(0));
    window.append(at(0));
    window.pin(1);
    window.append(at(0)); // 1 may go, 2 may not
    window.append(at(20 * SECOND));
    window.pruneAge(40 * SECOND);
    assertEquals(List.of(2L, 3L, 4L), after(window, 0));
    window.pin(Long.MAX_VALUE);
    window.pruneAge(20 * SECOND);
    assertEquals(List.of(4L), after(window, 0));
  }

  @Test void keepsTheNewestByBytesAndAlwaysTheNewestOne() {
    int size = at(0).size();
    RecoveryWindow window = new RecoveryWindow(100, 3L * size, 60 * SECOND);
    for (int i = 1; i <= 5; i++) {
      window.append(at(0));
    }
    assertEquals(3, window.size());
    assertEquals(3L * size, window.bytes());
    assertEquals(List.of(3L, 4L, 5L), after(window, 0));

    Message large = new Message("e", new byte[10 * size], 0);
    assertEquals(6, window.append(large));
    assertEquals(1, window.size(), "a message over the byte limit is still kept, alone");
    assertEquals(large.size(), window.bytes());
    assertTrue(window.holdsAfter(5));
    assertFalse(window.holdsAfter(4));
  }
}
