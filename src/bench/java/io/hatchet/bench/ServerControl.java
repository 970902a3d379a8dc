package io.hatchet.bench;

import com.sun.management.OperatingSystemMXBean;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * The control line of a server process under benchmark (the hub, or raw netty-socketio): the
 * benchmark writes {@code stats} or {@code gc} on its stdin, and it answers on stdout with
 * {@code STATS {json}}: its own CPU time (every thread: event loops, GC, JIT), its heap and its
 * resident memory. The Node server answers the same line with the same fields. A JVM server also
 * takes {@code jfr-start} and {@code jfr-stop <file>}, to profile one phase with Flight Recorder.
 *
 * <p>Measured by the server itself, so the figures hold whatever else runs on the machine (the
 * load generator shares the two cores). End of stdin ends the process: a benchmark that dies
 * never leaves a server behind.
 */
final class ServerControl {
  private ServerControl() {}

  /** Prints {@code READY port}, then answers control lines until stdin ends; then exits. */
  static void serve(int port, IntSupplier connections, Runnable close) throws IOException {
    System.out.println("READY " + port);
    System.out.flush();
    Object recording = null;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.trim();
      if (command.equals("quit")) break;
      if (command.equals("gc")) fullGc();
      if (command.equals("jfr-start")) recording = Profiling.start();
      if (command.startsWith("jfr-stop ") && recording != null) {
        Profiling.stop(recording, Path.of(command.substring(9)));
        recording = null;
      }
      if (command.equals("gc") || command.equals("stats") || command.startsWith("jfr-")) {
        System.out.println("STATS " + stats(connections.getAsInt()));
        System.out.flush();
      }
    }
    close.run();
    System.exit(0);
  }

  private static void fullGc() {
    // Twice: the first may leave objects with finalizers or references for the second.
    System.gc();
    System.gc();
  }

  private static String stats(int connections) {
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // Outside the heap: Netty's pooled buffers, and the JDK's direct buffers (NIO's own).
    long offHeap = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) offHeap += pool.getMemoryUsed();
    }
    return "{\"cpuNanos\":" + os.getProcessCpuTime()
        + ",\"kernelNanos\":" + Machine.kernelCpuNanos("/proc/self/stat")
        + ",\"heapUsed\":" + memory.getHeapMemoryUsage().getUsed()
        + ",\"offHeap\":" + offHeap
        + ",\"rss\":" + rss()
        + ",\"connections\":" + connections
        + ",\"compileMillis\":" + ManagementFactory.getCompilationMXBean().getTotalCompilationTime()
        + "}";
  }

  /** VmRSS from /proc, in bytes; -1 where there is no /proc. */
  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no RSS figure.
    }
    return -1;
  }
}
