package io.hatchet.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the table says about where it ran, and the load generator's own CPU time. */
final class Machine {
  private Machine() {}

  /** CPU time of this process (the load generator), every thread, in nanoseconds. */
  static long ownCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Threads this JVM has started since it began: socket.io-client-java's EventThread ends when
   * its queue empties and is started again for the next event, which this makes visible.
   */
  static long threadsStarted() {
    return ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
  }

  /**
   * The part of this process's CPU time spent in the kernel (syscalls, and the loopback TCP
   * work done on their behalf), from /proc/self/stat; -1 where there is none.
   */
  static long ownKernelCpuNanos() {
    return kernelCpuNanos("/proc/self/stat");
  }

  /**
   * CPU time of process {@code pid} (user and kernel, every thread), from /proc/PID/stat, in
   * nanoseconds; -1 where there is none.
   */
  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    } catch (Exception e) {
      return -1;
    }
  }

  /** Field 15 (stime, in clock ticks of 10 ms) of a /proc/.../stat file, in nanoseconds. */
  static long kernelCpuNanos(String statFile) {
    try {
      String stat = Files.readString(Path.of(statFile));
      // The command name, field 2, may hold spaces: count fields after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) * 10_000_000L;
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * CPU time every process of the machine has used since boot (from /proc/stat), in nanoseconds;
   * -1 where there is no /proc. Less the servers' and the load generator's own, it tells how much
   * else ran during a measurement: on a shared 2-core machine, that is the first suspect.
   */
  static long machineCpuNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // all but idle and iowait
      }
      return busy * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * TCP segments sent by the whole machine since boot (OutSegs in /proc/net/snmp); -1 where
   * there is none. On loopback every segment a server sends is one the load generator reads: per
   * delivery, it shows how well a server packs frames into writes.
   */
  static long tcpSegmentsSent() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("Tcp:") && lines.get(i + 1).startsWith("Tcp:")) {
          List<String> names = List.of(lines.get(i).split("\\s+"));
          return Long.parseLong(lines.get(i + 1).split("\\s+")[names.indexOf("OutSegs")]);
        }
      }
    } catch (Exception e) {
      // Not Linux.
    }
    return -1;
  }

  /**
   * Waits, at most {@code maxSeconds}, until the machine has been quiet for a second: less than
   * 0.25 cores busy while the benchmark itself idles between runs. Returns the cores that were
   * busy in the last second looked at.
   */
  static double awaitQuiet(double maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
    double busy;
    do {
      long from = machineCpuNanos();
      Thread.sleep(1000);
      busy = (machineCpuNanos() - from) / 1e9;
    } while (busy >= 0.25 && System.nanoTime() < deadline);
    return busy;
  }

  /** "2 cores (AMD EPYC), 23.4 GiB RAM, Linux 6.1" from /proc where there is one. */
  static String describe() {
    int cores = Runtime.getRuntime().availableProcessors();
    String model = firstValue("/proc/cpuinfo", "model name");
    String memKb = firstValue("/proc/meminfo", "MemTotal");
    String memory = memKb == null ? "?" : String.format("%.1f GiB RAM",
        Long.parseLong(memKb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    return cores + " cores (" + (model == null ? "?" : model) + "), " + memory + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  static String jvm() {
    return "Java " + System.getProperty("java.runtime.version");
  }

  /** The first line of {@code command}'s output, e.g. "v20.20.2" for node --version. */
  static String version(File dir, String... command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
          .start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      process.waitFor(10, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("?");
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  /** The 1-minute load average: other work on the machine disturbs every figure. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private static String firstValue(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String line : lines) {
        if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).trim();
      }
    } catch (Exception e) {
      // Not Linux.
    }
    return null;
  }
}
