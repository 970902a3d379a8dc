package io.hatchet.bench;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out: one contributor broadcasts as fast as the server takes it to N consumers, on N
 * connections of the {@link RawFleet} or as N consumers sharing one {@link Hatchet}.
 *
 * <p>"As fast as it takes it" is bounded two ways, so that the figure is a rate the server
 * sustains and not a queue filling up: at most {@link #ACK_WINDOW} publishes unanswered, and at
 * most {@code max(window, 16 N)} deliveries published but not yet received (window: 32768 by
 * default, {@code --window}). The publisher parks when either is full and the consumers wake it
 * at half. Deliveries/s and the CPU time per delivery of the server and of the load generator
 * are taken over the measured phase only ({@link Phase}), after a ramp.
 */
final class FanOut {
  static final int ACK_WINDOW = 256;
  /** A bound on any run's publishes, whatever the time says (5 minutes at 150k/s). */
  static final long MAX_EVENTS = 50_000_000;
  static final String EVENT = "fan";

  /**
   * {@code measured}: the measured phase, counting deliveries; {@code liveHeap}: the server's
   * after a full GC, once everything arrived; {@code published}: events of the whole run,
   * {@code lost} of their deliveries.
   */
  record Result(Phase measured, long liveHeap, long published, long lost) {}

  private final RawFleet fleet;
  private final int deliveriesInFlight;

  FanOut(RawFleet fleet, int window) {
    this.fleet = fleet;
    this.deliveriesInFlight = window;
  }

  /** Called around the measured phase, e.g. to profile just that. */
  interface Hooks {
    Hooks NONE = new Hooks() {};

    default void measuring() throws Exception {}

    default void measured() throws Exception {}
  }

  Result run(ServerProcess server, int n, boolean shared, double rampSeconds,
      double measureSeconds) throws Exception {
    return run(server, n, shared, rampSeconds, measureSeconds, Hooks.NONE);
  }

  Result run(ServerProcess server, int n, boolean shared, double rampSeconds,
      double measureSeconds, Hooks hooks) throws Exception {
    Window window = new Window();
    List<RawConnection> consumers = List.of();
    Hatchet hatchet = null;
    RawConnection publisher = null;
    try {
      if (shared) {
        hatchet = Hatchet.builder(server.url).build();
        List<CompletableFuture<Void>> watching = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          Consumer consumer = hatchet.consumer(Payload.APP, Payload.CONSUMER_KEY);
          watching.add(consumer.watch(EVENT, data -> window.delivered(1)));
        }
        CompletableFuture.allOf(watching.toArray(new CompletableFuture<?>[0]))
            .get(60, TimeUnit.SECONDS);
      } else {
        consumers = fleet.openMany(server.url, n, Payload.consumerSetup(EVENT),
            new RawConnection.Listener() {
              @Override public void onDeliver(io.netty.buffer.ByteBuf delivery) {
                window.delivered(1);
              }
            }, 120);
      }
      publisher = fleet.open(server.url, Payload.contributorSetup(), new RawConnection.Listener() {
        @Override public void onAck(boolean ok) {
          window.acked(ok);
        }
      }).get(20, TimeUnit.SECONDS);

      long deliveryWindow = Math.max(deliveriesInFlight, 16L * n);
      RawConnection sender = publisher;
      Thread thread =
          new Thread(() -> window.publish(sender, n, deliveryWindow), "bench-publisher");
      window.publisher = thread;
      thread.start();

      Thread.sleep((long) (rampSeconds * 1000));
      hooks.measuring();
      Phase.Mark from = Phase.Mark.take(server, window.delivered::get);
      Thread.sleep((long) (measureSeconds * 1000));
      Phase.Mark to = Phase.Mark.take(server, window.delivered::get);
      hooks.measured();
      window.stop = true;
      LockSupport.unpark(thread);
      thread.join(10_000);

      // Everything published must arrive: otherwise the rate would count undelivered events.
      long expected = window.sent * n;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (window.delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(10);
      if (window.failedAcks.get() > 0) {
        throw new IllegalStateException(window.failedAcks.get() + " publishes were refused");
      }
      long liveHeap = server.gc().heapUsed();
      return new Result(Phase.between(from, to), liveHeap, window.sent,
          expected - window.delivered.get());
    } finally {
      if (publisher != null) publisher.close();
      RawFleet.closeAll(consumers);
      if (hatchet != null) hatchet.close();
      server.awaitConnections(0);
    }
  }

  /** The publisher and its two flow-control windows. */
  private static final class Window {
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failedAcks = new AtomicLong();
    volatile long wakeAtDelivered = Long.MAX_VALUE;
    volatile long wakeAtAcked = Long.MAX_VALUE;
    volatile Thread publisher;
    volatile boolean stop;
    volatile long sent;

    void delivered(int count) {
      if (delivered.addAndGet(count) >= wakeAtDelivered) {
        wakeAtDelivered = Long.MAX_VALUE;
        LockSupport.unpark(publisher);
      }
    }

    void acked(boolean ok) {
      if (!ok) failedAcks.incrementAndGet();
      if (acked.incrementAndGet() >= wakeAtAcked) {
        wakeAtAcked = Long.MAX_VALUE;
        LockSupport.unpark(publisher);
      }
    }

    /** Publishes until stopped; bounded by the two windows (and by time, through stop). */
    void publish(RawConnection connection, int n, long deliveryWindow) {
      long count = 0;
      long ackId = 100; // after the setup requests' ids
      while (!stop && count < MAX_EVENTS) {
        if (count - acked.get() >= ACK_WINDOW) {
          wakeAtAcked = count - ACK_WINDOW / 2;
          if (count - acked.get() >= ACK_WINDOW) LockSupport.parkNanos(1_000_000);
          continue;
        }
        if (count * n - delivered.get() >= deliveryWindow) {
          wakeAtDelivered = count * n - deliveryWindow / 2;
          if (count * n - delivered.get() >= deliveryWindow) LockSupport.parkNanos(1_000_000);
          continue;
        }
        connection.send(Payload.publishFrame(ackId++, EVENT, count, Payload.now()));
        sent = ++count;
      }
    }
  }
}
