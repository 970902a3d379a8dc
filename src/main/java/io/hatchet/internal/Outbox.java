package io.hatchet.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A session's requests waiting for the hub: {@code queue} (not yet sent) then {@code inFlight}
 * (sent, unanswered), both in call order. Bounded in count and characters for the user's
 * requests; in flight, bounded again so that a fast sender cannot overflow the socket's buffer.
 * Used on the transport's thread only; the two totals are also readable from any thread.
 */
final class Outbox {
  private static final int MAX_IN_FLIGHT = 1_000;
  private static final int MAX_IN_FLIGHT_CHARS = 4 << 20;

  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
  private int inFlightChars;
  private volatile int count;
  private volatile long chars;

  int count() {
    return count;
  }

  long chars() {
    return chars;
  }

  /** Whether one more user request of {@code size} characters stays within the bounds. */
  boolean hasRoom(int size, int maxCount, long maxChars) {
    return count < maxCount && chars + size <= maxChars;
  }

  void add(Request request) {
    queue.add(request);
    counted(request, 1);
  }

  /** Puts {@code requests} before everything queued, in their order. */
  void addFirst(List<Request> requests) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      queue.addFirst(requests.get(i));
      counted(requests.get(i), 1);
    }
  }

  /** The next request to send, if the in-flight bounds allow one more; it is then in flight. */
  Request nextToSend() {
    Request next = queue.peek();
    if (next == null || inFlight.size() >= MAX_IN_FLIGHT) return null;
    if (!inFlight.isEmpty() && inFlightChars + next.size() > MAX_IN_FLIGHT_CHARS) return null;
    queue.poll();
    inFlight.add(next);
    inFlightChars += next.size();
    return next;
  }

  /** Takes {@code request} out: answered, timed out or dropped. False if it was not in flight. */
  boolean removeInFlight(Request request) {
    if (!inFlight.remove(request)) return false;
    inFlightChars -= request.size();
    counted(request, -1);
    return true;
  }

  /**
   * The connection dropped: requests in flight go back to the head of the queue, to be sent again
   * (with their sequence numbers), except volatile ones, which are returned to be failed.
   */
  List<Request> requeueInFlight() {
    List<Request> dropped = new ArrayList<>();
    while (!inFlight.isEmpty()) {
      Request request = inFlight.pollLast();
      request.unsend();
      if (request.kind == Request.Kind.VOLATILE) {
        dropped.add(request);
        counted(request, -1);
      } else {
        queue.addFirst(request);
      }
    }
    inFlightChars = 0;
    return dropped;
  }

  /** Takes out the queued user requests that have waited since before {@code deadlineNanos}. */
  List<Request> expire(long deadlineNanos) {
    List<Request> expired = new ArrayList<>();
    for (Iterator<Request> it = queue.iterator(); it.hasNext(); ) {
      Request request = it.next();
      if (request.kind == Request.Kind.NORMAL && request.queuedAtNanos - deadlineNanos < 0) {
        it.remove();
        counted(request, -1);
        expired.add(request);
      }
    }
    return expired;
  }

  /** Empties the outbox, returning everything that waited: in flight first, then queued. */
  List<Request> drain() {
    List<Request> all = new ArrayList<>(inFlight);
    all.addAll(queue);
    inFlight.clear();
    queue.clear();
    inFlightChars = 0;
    count = 0;
    chars = 0;
    return all;
  }

  private void counted(Request request, int sign) {
    if (request.kind == Request.Kind.INTERNAL) return;
    count += sign;
    chars += sign * (long) request.size();
  }
}
