package io.hatchet.bench;

import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send path alone: contributors on one {@link Hatchet} broadcast as fast as the server
 * acknowledges, and nobody watches, so the figure is what it costs to move an acknowledged event
 * from user code to the server and its answer back, with no delivery to pay for.
 *
 * <p>Each contributor sends from a thread of its own, as an application's threads would. All of
 * them share one window of at most {@code window} broadcasts unacknowledged: a sender takes a
 * permit before each broadcast and the future's completion gives it back. The window is the same
 * whatever the number of contributors, so that a run with more of them differs only in that, and
 * it stays below the Hatchet's {@code maxQueuedSends} (10,000 per contributor): a refusal for a
 * full queue would count the client's queue, not the path. Acknowledged events/s (futures
 * completed with a routed count) and the CPU time of the server and of the load generator per
 * acknowledged event are taken over the measured phase only, after a ramp.
 */
final class SendPath {
  static final String EVENT = "send";

  /**
   * {@code measured}: the measured phase, counting acknowledged broadcasts; {@code sent} and
   * {@code failed}: broadcasts of the whole run, and those whose futures failed.
   */
  record Result(Phase measured, long sent, long failed) {}

  private final int window;

  SendPath(int window) {
    this.window = window;
  }

  Result run(ServerProcess server, int contributors, double rampSeconds, double measureSeconds)
      throws Exception {
    Semaphore permits = new Semaphore(window);
    AtomicLong sent = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> senders = new ArrayList<>();
    Hatchet hatchet = Hatchet.connect(server.url);
    try {
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      List<Contributor> all = new ArrayList<>();
      for (int i = 0; i < contributors; i++) {
        Contributor contributor = hatchet.contributor(Payload.APP, Payload.CONTRIBUTOR_KEY);
        all.add(contributor);
        ready.add(contributor.ready());
      }
      CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0]))
          .get(30, TimeUnit.SECONDS);

      for (Contributor contributor : all) {
        Thread thread = new Thread(() -> {
          try {
            // Bounded by count as well as by time. A flag and not an interrupt ends it, so that
            // no interrupt ever lands inside the client's code.
            while (!stop.get() && sent.get() < FanOut.MAX_EVENTS) {
              if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) continue;
              long seq = sent.getAndIncrement();
              contributor.broadcast(EVENT, Payload.event(seq, Payload.now()))
                  .whenComplete((routed, error) -> {
                    (error == null ? acked : failed).incrementAndGet();
                    permits.release();
                  });
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; ends if someone does
          }
        }, "bench-sender-" + senders.size());
        thread.setDaemon(true); // a run that fails leaves no sender holding the JVM
        senders.add(thread);
        thread.start();
      }

      Thread.sleep((long) (rampSeconds * 1000));
      Phase.Mark from = Phase.Mark.take(server, acked::get);
      Thread.sleep((long) (measureSeconds * 1000));
      Phase.Mark to = Phase.Mark.take(server, acked::get);
      stop.set(true);
      for (Thread thread : senders) thread.join(10_000);
      // Let the last answers come in before closing fails their futures (bounded).
      permits.tryAcquire(window, 15, TimeUnit.SECONDS);
      return new Result(Phase.between(from, to), sent.get(), failed.get());
    } finally {
      stop.set(true);
      hatchet.close();
      server.awaitConnections(0);
    }
  }
}
