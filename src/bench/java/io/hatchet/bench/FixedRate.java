package io.hatchet.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a fixed publish rate, with the schedule kept honestly: event i is due at
 * {@code start + i / rate}, carries that due time as {@code t}, and its latency is measured from
 * it to the consumer's callback. A publisher that falls behind sends at once to catch up (it never
 * skips), so its delay is counted in every late event's latency instead of hidden (no
 * "coordinated omission"); how late it was is reported too. The first {@code warmSeconds} are
 * not recorded. Also measures the CPU time the load generator and the server spent per delivery.
 */
final class FixedRate {
  record Result(Samples latency, long published, long expected, long received, long failures,
      Samples lateness, long lateOver1ms, double loadMicrosPerDelivery,
      double serverMicrosPerDelivery, double otherCores, double loadKernelShare,
      double serverKernelShare, double threadStartsPerSecond) {}

  private FixedRate() {}

  static Result run(ServerProcess server, ClientStack stack, int consumers, int rate,
      double warmSeconds, double measureSeconds) throws Exception {
    long warmEvents = (long) (rate * warmSeconds);
    long measuredEvents = (long) (rate * measureSeconds);
    long total = warmEvents + measuredEvents; // the bound on the loop below
    Samples latency = new Samples((int) (measuredEvents * consumers));
    Samples lateness = new Samples((int) measuredEvents);
    AtomicLong received = new AtomicLong();
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE); // set once connected
    try {
      stack.start(server.url, consumers, "lat", t -> {
        long now = Payload.now();
        if (t >= measureFrom.get()) {
          latency.add(now - t);
          received.incrementAndGet();
        }
      });
      long start = Payload.now() + TimeUnit.MILLISECONDS.toNanos(50);
      measureFrom.set(start + warmEvents * period);
      ServerProcess.Stats serverFrom = null;
      long ownFrom = 0;
      long machineFrom = 0;
      long kernelFrom = 0;
      long threadsFrom = 0;
      long timeFrom = 0;
      long lateOver1ms = 0;
      for (long i = 0; i < total; i++) {
        long due = start + i * period;
        if (i == warmEvents) {
          serverFrom = server.stats();
          ownFrom = Machine.ownCpuNanos();
          machineFrom = Machine.machineCpuNanos();
          kernelFrom = Machine.ownKernelCpuNanos();
          threadsFrom = Machine.threadsStarted();
          timeFrom = System.nanoTime();
        }
        for (long wait = due - Payload.now(); wait > 0; wait = due - Payload.now()) {
          LockSupport.parkNanos(wait);
        }
        if (i >= warmEvents) {
          long late = Payload.now() - due;
          lateness.add(late);
          if (late > 1_000_000) lateOver1ms++;
        }
        stack.publish(i, due);
      }
      // Wait for the last deliveries (bounded), then read the CPU counters.
      long expected = measuredEvents * consumers;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (received.get() < expected && System.nanoTime() < deadline) Thread.sleep(5);
      ServerProcess.Stats serverTo = server.stats();
      long ownTo = Machine.ownCpuNanos();
      long machine = Machine.machineCpuNanos() - machineFrom;
      long kernel = Machine.ownKernelCpuNanos() - kernelFrom;
      long threads = Machine.threadsStarted() - threadsFrom;
      long serverCpu = serverTo.cpuNanos() - serverFrom.cpuNanos();
      double seconds = (System.nanoTime() - timeFrom) / 1e9;
      long deliveries = Math.max(1, received.get());
      return new Result(latency, total, expected, received.get(), stack.failures(), lateness,
          lateOver1ms, (ownTo - ownFrom) / 1e3 / deliveries, serverCpu / 1e3 / deliveries,
          Math.max(0, machine - serverCpu - (ownTo - ownFrom)) / 1e9 / seconds,
          (double) kernel / (ownTo - ownFrom),
          (double) (serverTo.kernelNanos() - serverFrom.kernelNanos()) / serverCpu,
          threads / seconds);
    } finally {
      stack.close();
      server.awaitConnections(0);
    }
  }
}
