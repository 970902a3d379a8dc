package io.hatchet.internal.session;

import static io.hatchet.internal.session.Calls.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.internal.session.Call.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's outbox alone: its order, its bounds and what it gives back. */
class OutboxTest {
  private final Calls calls = new Calls();
  private final Outbox outbox = new Outbox();

  private Call add(String name, Kind kind) {
    Call call = calls.call(name, "{\"n\":\"" + name + "\"}", kind);
    outbox.add(call);
    return call;
  }

  private Call add(String name) {
    return add(name, Kind.NORMAL);
  }

  /** Sends every queued call, returning their names in the order sent. */
  private List<String> sendOrder() {
    List<Call> sent = new ArrayList<>();
    for (Call call = outbox.nextToSend(); call != null; call = outbox.nextToSend()) sent.add(call);
    return events(sent);
  }

  /** A call created strictly after every call before it, by the clock the outbox reads. */
  private Call addLater(String name, Kind kind, Call before) {
    while (System.nanoTime() == before.queuedAtNanos) {
      Thread.onSpinWait(); // the clock has not moved on yet
    }
    return add(name, kind);
  }

  @Test void anEmptyOutboxHasNothing() {
    assertEquals(0, outbox.count());
    assertEquals(0, outbox.chars());
    assertNull(outbox.peek());
    assertNull(outbox.nextToSend());
    assertEquals(List.of(), outbox.drain());
    assertEquals(List.of(), outbox.requeueInFlight());
  }

  @Test void userCallsAreCountedByNumberAndCharacters() {
    Call a = add("a");
    Call b = add("b", Kind.VOLATILE);
    assertEquals(2, outbox.count());
    assertEquals(a.size() + b.size(), outbox.chars());
    assertEquals("{\"n\":\"a\"}".length(), a.size());
  }

  @Test void internalCallsAreNotCounted() {
    add("auth", Kind.INTERNAL);
    assertEquals(0, outbox.count());
    assertEquals(0, outbox.chars());
    Call a = add("a");
    outbox.addFirst(List.of(calls.call("watch", "{}", Kind.INTERNAL)));
    assertEquals(1, outbox.count());
    assertEquals(a.size(), outbox.chars());
    assertEquals(List.of("watch", "auth", "a"), sendOrder());
    assertEquals(1, outbox.count(), "sending changes no count");
  }

  @Test void hasRoomBoundsTheCount() {
    assertTrue(outbox.hasRoom(1, 2, 1_000));
    add("a");
    assertTrue(outbox.hasRoom(1, 2, 1_000));
    add("b");
    assertFalse(outbox.hasRoom(1, 2, 1_000));
    assertFalse(outbox.hasRoom(0, 2, 1_000));
    assertFalse(outbox.hasRoom(1, 0, 1_000), "no room at all");
  }

  @Test void hasRoomBoundsTheCharacters() {
    Call a = add("a");
    long used = a.size();
    assertTrue(outbox.hasRoom(10, 100, used + 10), "up to the last character");
    assertFalse(outbox.hasRoom(11, 100, used + 10));
    assertFalse(outbox.hasRoom(Integer.MAX_VALUE, 100, Integer.MAX_VALUE));
    assertTrue(new Outbox().hasRoom(Integer.MAX_VALUE, 1, Integer.MAX_VALUE));
  }

  @Test void internalCallsTakeNoRoom() {
    for (int i = 0; i < 10; i++) add("watch" + i, Kind.INTERNAL);
    assertTrue(outbox.hasRoom(5, 1, 5));
  }

  @Test void callsAreSentInTheOrderAdded() {
    add("a");
    add("b", Kind.VOLATILE);
    add("c", Kind.INTERNAL);
    add("d");
    assertEquals("a", outbox.peek().event);
    assertSame(outbox.peek(), outbox.peek(), "peek takes nothing");
    assertEquals(List.of("a", "b", "c", "d"), sendOrder());
    assertNull(outbox.peek());
  }

  @Test void addFirstPutsCallsBeforeTheQueueInTheirOrder() {
    add("c");
    add("d");
    outbox.addFirst(List.of(calls.call("a", "{}", Kind.NORMAL),
        calls.call("b", "{}", Kind.NORMAL)));
    assertEquals(4, outbox.count());
    assertEquals(List.of("a", "b", "c", "d"), sendOrder());
  }

  @Test void removeInFlightTakesOnlyWhatIsInFlight() {
    Call a = add("a");
    Call b = add("b");
    assertFalse(outbox.removeInFlight(a), "a is queued, not sent");
    assertEquals(2, outbox.count());
    assertSame(a, outbox.nextToSend());
    assertTrue(outbox.removeInFlight(a));
    assertFalse(outbox.removeInFlight(a), "only once");
    assertEquals(1, outbox.count());
    assertEquals(b.size(), outbox.chars());
    assertSame(b, outbox.peek());
  }

  @Test void removeInFlightOfAnInternalCallLeavesTheCounts() {
    Call auth = add("auth", Kind.INTERNAL);
    Call a = add("a");
    sendOrder();
    assertTrue(outbox.removeInFlight(auth));
    assertEquals(1, outbox.count());
    assertEquals(a.size(), outbox.chars());
  }

  @Test void requeueInFlightPutsCallsBackAtTheHeadInTheirOrder() {
    add("a");
    add("b", Kind.INTERNAL);
    add("c");
    outbox.nextToSend();
    outbox.nextToSend();
    outbox.nextToSend();
    add("d");
    add("e");
    long chars = outbox.chars();
    assertEquals(List.of(), outbox.requeueInFlight());
    assertEquals(4, outbox.count());
    assertEquals(chars, outbox.chars());
    assertEquals(List.of("a", "b", "c", "d", "e"), sendOrder());
  }

  @Test void requeueInFlightForgetsTheEmissions() {
    Call a = add("a");
    Call v = add("v", Kind.VOLATILE);
    sendOrder();
    Calls.Emission first = new Calls.Emission();
    Calls.Emission second = new Calls.Emission();
    a.sent = first;
    v.sent = second;
    outbox.requeueInFlight();
    assertEquals(1, first.cancels);
    assertEquals(1, second.cancels);
    assertNull(a.sent);
    assertNull(v.sent);
  }

  @Test void requeueInFlightReturnsVolatileCallsToBeFailed() {
    Call a = add("a");
    Call v = add("v", Kind.VOLATILE);
    Call b = add("b");
    sendOrder();
    Call w = add("w", Kind.VOLATILE); // queued, not in flight: stays
    assertEquals(List.of(v), outbox.requeueInFlight());
    assertEquals(3, outbox.count());
    assertEquals(a.size() + b.size() + w.size(), outbox.chars());
    assertEquals(List.of("a", "b", "w"), sendOrder());
    assertEquals(List.of(), calls.outcomes, "the outbox fails nothing itself");
  }

  /**
   * The session fails what is returned in the order returned, and a contributor's futures
   * complete in call order (Contributor's documentation).
   */
  @Test void requeueInFlightReturnsVolatileCallsInCallOrder() {
    add("v1", Kind.VOLATILE);
    add("a");
    add("v2", Kind.VOLATILE);
    add("v3", Kind.VOLATILE);
    sendOrder();
    assertEquals(List.of("v1", "v2", "v3"), events(outbox.requeueInFlight()));
  }

  @Test void expireTakesOnlyNormalQueuedCallsOlderThanTheDeadline() {
    Call a = add("a");
    add("internal", Kind.INTERNAL);
    add("volatile", Kind.VOLATILE);
    Call b = addLater("b", Kind.NORMAL, a);
    Call c = addLater("c", Kind.NORMAL, b);
    assertEquals(List.of(), outbox.expire(a.queuedAtNanos), "none is older than the first");
    assertEquals(List.of(a, b), outbox.expire(c.queuedAtNanos));
    assertEquals(2, outbox.count(), "the volatile call and c; the internal one is not counted");
    assertEquals(List.of("internal", "volatile", "c"), sendOrder());
  }

  @Test void expireLeavesCallsInFlight() {
    Call a = add("a");
    outbox.nextToSend();
    Call b = add("b");
    assertEquals(List.of(b), outbox.expire(b.queuedAtNanos + 1));
    assertEquals(1, outbox.count());
    assertEquals(a.size(), outbox.chars());
    assertTrue(outbox.removeInFlight(a));
  }

  @Test void expireCountsWhatItTakes() {
    add("a");
    add("b");
    Call c = add("c");
    assertEquals(List.of("a", "b", "c"), events(outbox.expire(c.queuedAtNanos + 1)));
    assertEquals(0, outbox.count());
    assertEquals(0, outbox.chars());
  }

  @Test void drainReturnsInFlightThenQueuedAndZeroesTheCounts() {
    add("a");
    add("b", Kind.INTERNAL);
    add("c", Kind.VOLATILE);
    outbox.nextToSend();
    outbox.nextToSend();
    add("d");
    outbox.addFirst(List.of(calls.call("z", "{}", Kind.NORMAL)));
    assertEquals(List.of("a", "b", "z", "c", "d"), events(outbox.drain()));
    assertEquals(0, outbox.count());
    assertEquals(0, outbox.chars());
    assertNull(outbox.peek());
    assertEquals(List.of(), outbox.drain());
    assertEquals(List.of(), outbox.requeueInFlight());
  }
}
