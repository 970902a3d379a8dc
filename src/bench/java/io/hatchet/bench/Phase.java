package io.hatchet.bench;

import java.util.function.LongSupplier;

/**
 * What one measured phase did, from a {@link Mark} taken at its start to one at its end: every
 * figure of a run (its count of events, the server's CPU time, the load generator's, the rest of
 * the machine's) covers the same interval, and nothing of the setup, the ramp or the draining.
 * The server's CPU is its own process accounting ({@link ServerProcess#stats}); the load
 * generator's is this JVM's, every thread, read the same way ({@link Machine#ownCpuNanos}).
 */
record Phase(double seconds, long count, long serverCpuNanos, long serverKernelNanos,
    long ownCpuNanos, long machineCpuNanos, long segments) {

  /** Counters at one moment: the server's, this process's, the machine's, and the run's own. */
  record Mark(long atNanos, long count, long ownCpuNanos, long machineCpuNanos, long segments,
      ServerProcess.Stats server) {
    static Mark take(ServerProcess server, LongSupplier count) throws Exception {
      ServerProcess.Stats stats = server.stats();
      return new Mark(System.nanoTime(), count.getAsLong(), Machine.ownCpuNanos(),
          Machine.machineCpuNanos(), Machine.tcpSegmentsSent(), stats);
    }
  }

  static Phase between(Mark from, Mark to) {
    return new Phase((to.atNanos - from.atNanos) / 1e9, to.count - from.count,
        to.server.cpuNanos() - from.server.cpuNanos(),
        to.server.kernelNanos() - from.server.kernelNanos(), to.ownCpuNanos - from.ownCpuNanos,
        to.machineCpuNanos - from.machineCpuNanos, to.segments - from.segments);
  }

  /** Counted events per second. */
  double perSecond() {
    return count / seconds;
  }

  /** The server process's CPU time per counted event, in microseconds. */
  double serverMicrosEach() {
    return serverCpuNanos / 1e3 / count;
  }

  /** The load generator's (this JVM's) CPU time per counted event, in microseconds. */
  double ownMicrosEach() {
    return ownCpuNanos / 1e3 / count;
  }

  /** TCP segments the machine sent per counted event, both directions (loopback). */
  double segmentsEach() {
    return (double) segments / count;
  }

  /** CPU used meanwhile by every other process of the machine, in cores. */
  double otherCores() {
    return Math.max(0, machineCpuNanos - serverCpuNanos - ownCpuNanos) / 1e9 / seconds;
  }

  /** Where the CPU went, for a round's detail line: the server, this JVM, everything else. */
  String cpu() {
    return Report.fmt("CPU: server %.2f cores (%.0f%% in the kernel), load generator %.2f,"
        + " other processes %.2f", serverCpuNanos / 1e9 / seconds,
        100.0 * serverKernelNanos / serverCpuNanos, ownCpuNanos / 1e9 / seconds, otherCores());
  }
}
