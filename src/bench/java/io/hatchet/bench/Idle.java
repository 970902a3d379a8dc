package io.hatchet.bench;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections: N idle consumers (authenticated, watching one event) on one server. Memory per
 * connection is the growth of the server's live heap, measured after a full GC in the server
 * before and after connecting; and the growth of what its runtime holds outside the heap (Netty's
 * and the JDK's direct buffers; Node's "external"). RSS growth goes to the details only: a JVM's
 * RSS moves with the heap it chooses to commit, which says little about one connection. "Held"
 * is proven, not assumed: after connecting, one event is broadcast and every consumer must
 * receive it.
 */
final class Idle {
  record Result(int consumers, long held, long liveHeap, double heapPerConnection,
      double offHeapPerConnection, double rssPerConnection, double connectsPerSecond) {}

  private final RawFleet fleet;

  Idle(RawFleet fleet) {
    this.fleet = fleet;
  }

  Result run(ServerProcess server, int n) throws Exception {
    ServerProcess.Stats before = server.gc();
    AtomicLong delivered = new AtomicLong();
    long started = System.nanoTime();
    List<RawConnection> consumers = fleet.openMany(server.url, n, Payload.consumerSetup("idle"),
        new RawConnection.Listener() {
          @Override public void onDeliver(ByteBuf delivery) {
            delivered.incrementAndGet();
          }
        }, 600);
    RawConnection publisher = null;
    try {
      double connectSeconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(1000); // let the last handshakes' garbage become garbage
      ServerProcess.Stats after = server.gc();

      publisher = fleet.open(server.url, Payload.contributorSetup(), new RawConnection.Listener() {})
          .get(20, TimeUnit.SECONDS);
      publisher.send(Payload.publishFrame(100, "idle", 0, Payload.now()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (delivered.get() < n && System.nanoTime() < deadline) Thread.sleep(10);

      return new Result(n, delivered.get(), after.heapUsed(),
          (double) (after.heapUsed() - before.heapUsed()) / n,
          (double) (after.offHeap() - before.offHeap()) / n,
          (double) (after.rss() - before.rss()) / n, n / connectSeconds);
    } finally {
      if (publisher != null) publisher.close();
      RawFleet.closeAll(consumers);
      server.awaitConnections(0);
    }
  }
}
