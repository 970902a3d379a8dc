package io.hatchet.internal.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A session's calls waiting for the hub: {@code queue} (not yet sent) then {@code inFlight}
 * (sent, unanswered), both in call order. Bounded in count and characters for the user's calls.
 * What may be in flight is bounded by the connection, over all its sessions. Used on the
 * connection's thread only; the two totals are also readable from any thread.
 */
final class Outbox {
  private final ArrayDeque<Call> queue = new ArrayDeque<>();
  private final ArrayDeque<Call> inFlight = new ArrayDeque<>();
  private volatile int count;
  private volatile long chars;

  int count() {
    return count;
  }

  long chars() {
    return chars;
  }

  /** Whether one more user call of {@code size} characters stays within the bounds. */
  boolean hasRoom(int size, int maxCount, long maxChars) {
    return count < maxCount && chars + size <= maxChars;
  }

  void add(Call call) {
    queue.add(call);
    counted(call, 1);
  }

  /** Puts {@code calls} before everything queued, in their order. */
  void addFirst(List<Call> calls) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      queue.addFirst(calls.get(i));
      counted(calls.get(i), 1);
    }
  }

  /** The calls queued and not yet sent that {@code which} selects, in call order. */
  List<Call> queued(Predicate<Call> which) {
    List<Call> selected = new ArrayList<>();
    for (Call call : queue) {
      if (which.test(call)) selected.add(call);
    }
    return selected;
  }

  /** The next call to send, or null. */
  Call peek() {
    return queue.peek();
  }

  /** Takes the next call to send; it is then in flight. */
  Call nextToSend() {
    Call next = queue.poll();
    if (next != null) inFlight.add(next);
    return next;
  }

  /** Takes {@code call} out: answered, timed out or dropped. False if it was not in flight. */
  boolean removeInFlight(Call call) {
    if (!inFlight.remove(call)) return false;
    counted(call, -1);
    return true;
  }

  /**
   * The connection dropped: calls in flight go back to the head of the queue, to be sent again
   * (with their sequence numbers), except volatile ones, which are returned to be failed.
   */
  List<Call> requeueInFlight() {
    List<Call> dropped = new ArrayList<>();
    while (!inFlight.isEmpty()) {
      Call call = inFlight.pollLast(); // from the last, so that addFirst keeps their order
      call.unsend();
      if (call.kind == Call.Kind.VOLATILE) {
        dropped.add(call);
        counted(call, -1);
      } else {
        queue.addFirst(call);
      }
    }
    Collections.reverse(dropped); // in call order, as their futures must fail
    return dropped;
  }

  /** Takes out the queued user calls that have waited since before {@code deadlineNanos}. */
  List<Call> expire(long deadlineNanos) {
    List<Call> expired = new ArrayList<>();
    for (Iterator<Call> it = queue.iterator(); it.hasNext(); ) {
      Call call = it.next();
      if (call.kind == Call.Kind.NORMAL && call.queuedAtNanos - deadlineNanos < 0) {
        it.remove();
        counted(call, -1);
        expired.add(call);
      }
    }
    return expired;
  }

  /** Empties the outbox, returning everything that waited: in flight first, then queued. */
  List<Call> drain() {
    List<Call> all = new ArrayList<>(inFlight);
    all.addAll(queue);
    inFlight.clear();
    queue.clear();
    count = 0;
    chars = 0;
    return all;
  }

  private void counted(Call call, int sign) {
    if (call.kind == Call.Kind.INTERNAL) return;
    count += sign;
    chars += sign * (long) call.size();
  }
}
