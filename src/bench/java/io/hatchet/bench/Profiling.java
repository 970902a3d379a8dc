package io.hatchet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Flight Recorder profiles of a server JVM, for {@code --profile}: recorded over one measured
 * phase, then summed up by category and as the methods most often on top of the stack (self) and
 * anywhere on it (total), Java and native samples alike, leaving out threads that wait (epoll,
 * the control line). Native samples of a syscall count as CPU: JFR cannot tell a thread blocked
 * in a write from one copying bytes, but loopback writes do not block. Enough to see where a
 * delivery's CPU goes; not a replacement for a real profiler (no GC or kernel detail).
 */
final class Profiling {
  private Profiling() {}

  static Object start() {
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      // Java and native samples at the same period, so their counts add up as CPU time.
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
      recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(2));
      recording.start();
      return recording;
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start Flight Recorder", e);
    }
  }

  static void stop(Object recording, Path file) throws IOException {
    Recording r = (Recording) recording;
    r.stop();
    r.dump(file);
    r.close();
  }

  /**
   * Native methods where a thread waits rather than works: not CPU time. SocketDispatcher.read0
   * is OkHttp's blocking read (the client's reader threads sit there); Netty's non-blocking reads
   * are FileDispatcherImpl.read0 and stay counted.
   */
  private static final Set<String> WAITING = Set.of("sun.nio.ch.EPoll.wait",
      "java.io.FileInputStream.readBytes", "java.lang.Object.wait", "java.lang.Thread.sleep",
      "sun.nio.ch.SocketDispatcher.read0", "sun.nio.ch.Net.poll",
      "java.lang.ProcessHandleImpl.waitForProcessExit0");

  /** Where samples go, first match wins: what the stack shows the thread doing. */
  private static String category(List<RecordedFrame> frames) {
    String top = name(frames.get(0));
    if (top.startsWith("sun.nio.ch.") && top.contains("write")) return "socket write syscalls";
    if (top.startsWith("sun.nio.ch.") && top.contains("read")) return "socket read syscalls";
    if (top.startsWith("sun.nio.ch.")) return "other NIO syscalls (wakeups, epoll_ctl)";
    String stack = frames.stream().map(Profiling::name).reduce("", (a, b) -> a + " " + b);
    if (stack.contains("EncoderHandler")) return "netty-socketio encoding + writing (per client)";
    if (stack.contains("io.hatchet.hub.")) return "hub request handling + routing";
    if (stack.contains("com.corundumstudio")) return "netty-socketio decoding + dispatch";
    // A client's stacks (the load generator profiling itself).
    if (stack.contains("org.json.")) return "client: org.json (socket.io-client's JSON)";
    if (stack.contains("com.google.gson.")) return "client: Gson (hatchet's JSON)";
    if (stack.contains("io.hatchet.internal.")) return "client: hatchet's own code";
    if (stack.contains("okhttp3.") || stack.contains("okio.")) return "client: OkHttp WebSocket";
    if (stack.contains("io.socket.")) return "client: socket.io-client / engine.io-client";
    if (stack.contains("java.lang.Thread.start")) return "thread starts";
    if (stack.contains("io.netty.")) return "other Netty (event loop, tasks, buffers)";
    return "other (GC, JIT, JVM)";
  }

  /** Where the CPU went, by category and by method (self and total), as text. */
  static String summary(Path file, int limit) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> categories = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) continue;
      if (event.getStackTrace() == null) continue;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty() || WAITING.contains(name(frames.get(0)))) continue;
      samples++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      categories.merge(category(frames), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        if (seen.add(name(frame))) total.merge(name(frame), 1, Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder(samples + " samples of threads working (Java and"
        + " native, every 2 ms) in " + file + "\n\nby category:\n");
    top(categories, samples, limit, out);
    out.append("\nself:\n");
    top(self, samples, limit, out);
    out.append("\ntotal (on the stack):\n");
    top(total, samples, limit, out);
    return out.toString();
  }

  private static void top(Map<String, Integer> counts, int samples, int limit,
      StringBuilder out) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(limit, entries.size()))) {
      out.append(Report.fmt("  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
