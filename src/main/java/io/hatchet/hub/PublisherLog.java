package io.hatchet.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;

/**
 * What the hub remembers of one app's publishers, to recognise a {@code publish} sent again
 * after a cut: for each {@code publisher} id, the highest {@code seq} accepted and the
 * {@code routed} counts of the most recent ones.
 *
 * <p>Bounded: a publisher costs at most {@link #RECENT} remembered counts (12 bytes each, grown on
 * demand), and is forgotten once it has not published for the forget period (the consumer grace
 * period): a timer task per publisher, rescheduled while it keeps publishing.
 *
 * <p>A publisher's check and its routing happen under its own lock, so two connections sending
 * the same retry at once route it once. Publishers do not wait on each other.
 */
final class PublisherLog {
  /** How many of a publisher's latest accepted seqs keep their routed count. */
  static final int RECENT = 1024;

  private final ConcurrentMap<String, Publisher> byId = new ConcurrentHashMap<>();
  private final HubLoops timer;
  private final Ticker ticker;
  private final long forgetNanos;
  private final int maxPublishers;

  PublisherLog(HubLoops timer, Ticker ticker, long forgetNanos, int maxPublishers) {
    this.maxPublishers = maxPublishers;
    this.timer = timer;
    this.ticker = ticker;
    this.forgetNanos = forgetNanos;
  }

  /**
   * Routes with {@code route} unless {@code publisher} had {@code seq} accepted already: then
   * answers the remembered routed count (0 if too old to remember) without routing.
   *
   * @throws RequestException {@code too_many} for a new publisher once the app remembers as
   *     many as the hub allows
   */
  Outcome publish(String publisher, long seq, IntSupplier route) throws RequestException {
    while (true) {
      Publisher p = byId.get(publisher);
      if (p == null) {
        if (byId.size() >= maxPublishers) {
          throw HubLimits.reached("publisher ids of one app (each is remembered for the consumer"
              + " grace period after its last publish)", maxPublishers);
        }
        Publisher fresh = new Publisher(publisher, ticker.nanoTime());
        p = byId.putIfAbsent(publisher, fresh);
        if (p == null) {
          p = fresh;
          scheduleCheck(fresh, forgetNanos);
        }
      }
      synchronized (p) {
        if (p.forgotten) {
          continue; // forgotten between the lookup and the lock: start afresh
        }
        p.lastPublish = ticker.nanoTime();
        if (seq <= p.highest) {
          return new Outcome(p.routedOf(seq), true);
        }
        int routed = route.getAsInt();
        p.accepted(seq, routed);
        return new Outcome(routed, false);
      }
    }
  }

  /**
   * What a retry of {@code publisher}'s {@code seq} is answered, if that seq was accepted
   * already; else null. Routes nothing and remembers nothing: for a publish that must wait for
   * a hook before {@link #publish}, so that a retry is not asked about again.
   */
  Outcome accepted(String publisher, long seq) {
    Publisher p = byId.get(publisher);
    if (p == null) {
      return null;
    }
    synchronized (p) {
      return p.forgotten || seq > p.highest ? null : new Outcome(p.routedOf(seq), true);
    }
  }

  /** Publishers remembered now. For tests. */
  int size() {
    return byId.size();
  }

  private void scheduleCheck(Publisher p, long delayNanos) {
    // Null when the hub is stopping: the publisher then goes with the hub.
    timer.schedule(() -> check(p), delayNanos);
  }

  /**
   * Forgets {@code p} if it has been idle the forget period, else looks again when it will be.
   * Idle by the {@link Ticker}: it, not the timer, says how much time has passed.
   */
  private void check(Publisher p) {
    synchronized (p) {
      long idle = ticker.nanoTime() - p.lastPublish;
      if (idle < forgetNanos) {
        scheduleCheck(p, forgetNanos - idle);
        return;
      }
      p.forgotten = true;
      byId.remove(p.id, p);
    }
  }

  /** The answer to a publish with {@code publisher} and {@code seq}. */
  record Outcome(int routed, boolean duplicate) {
  }

  /** One publisher: guarded by its own lock. */
  private static final class Publisher {
    final String id;
    long lastPublish;
    long highest;
    boolean forgotten;
    /** A ring of the latest accepted seqs (ascending from head) and their routed counts. */
    long[] seqs = new long[16];
    int[] routed = new int[16];
    int head;
    int count;

    Publisher(String id, long now) {
      this.id = id;
      this.lastPublish = now;
    }

    void accepted(long seq, int routedCount) {
      highest = seq;
      if (count == seqs.length && count < RECENT) {
        grow();
      }
      int slot = (head + count) % seqs.length;
      if (count == seqs.length) {
        head = (head + 1) % seqs.length; // full: the oldest makes room
      } else {
        count++;
      }
      seqs[slot] = seq;
      routed[slot] = routedCount;
    }

    /** The routed count of accepted {@code seq}, or 0 if it is not remembered. */
    int routedOf(long seq) {
      // Newest first: a retry is most often of the latest publishes. Seqs ascend, so stop early.
      for (int i = count - 1; i >= 0; i--) {
        int slot = (head + i) % seqs.length;
        if (seqs[slot] == seq) {
          return routed[slot];
        }
        if (seqs[slot] < seq) {
          break;
        }
      }
      return 0;
    }

    private void grow() {
      int size = Math.min(RECENT, seqs.length * 2);
      long[] newSeqs = new long[size];
      int[] newRouted = new int[size];
      for (int i = 0; i < count; i++) {
        int slot = (head + i) % seqs.length;
        newSeqs[i] = seqs[slot];
        newRouted[i] = routed[slot];
      }
      seqs = newSeqs;
      routed = newRouted;
      head = 0;
    }
  }
}
