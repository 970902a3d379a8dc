package io.hatchet.bench;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service ({@code io.hatchet.server.Main run -c FILE}, what {@code target/hatchet-hub.jar}
 * runs) in a process of its own: events published over its admin API, one per request and in
 * batches, as fast as answered with {@code window} requests in flight on keep-alive
 * connections, nobody watching; and how long it takes from starting the process to accepting
 * its first connection. The server's CPU time is its process's own, from /proc.
 */
final class ServiceBench implements AutoCloseable {
  static final String TOKEN = "bench-admin-token-0123456789abcdef";

  private final File logDir;
  private final String heap;
  private Process process;
  private int clientPort;
  private int adminPort;

  ServiceBench(File logDir, String heap) {
    this.logDir = logDir;
    this.heap = heap;
  }

  /** One publish run: its measured phase, and the requests that failed in the whole run. */
  record Result(Phase measured, long failed) {
  }

  /** Starts the service on free ports and returns how long until it accepted a connection. */
  double start() throws Exception {
    clientPort = freePort();
    adminPort = freePort();
    Path config = new File(logDir, "service.yaml").toPath();
    Files.writeString(config, String.join("\n",
        "client: {host: 127.0.0.1, port: " + clientPort + "}",
        "admin: {host: 127.0.0.1, port: " + adminPort + ", token: " + TOKEN + "}",
        "apps:",
        "  " + Payload.APP + ":",
        "    consumerKeys: [" + Payload.CONSUMER_KEY + "]",
        "    contributorKeys: [" + Payload.CONTRIBUTOR_KEY + "]",
        "pidfile: " + new File(logDir, "service.pid").getAbsolutePath(),
        "logging: {level: warn}", ""));
    List<String> command = List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-Xmx" + heap,
        // The build's class path holds slf4j-simple too: the service's own backend, Logback.
        "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
        "-Dslf4j.internal.verbosity=WARN",
        "-cp", System.getProperty("java.class.path"), "io.hatchet.server.Main",
        "run", "-c", config.toString());
    long begun = System.nanoTime();
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logDir, "service.log"))).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest handshake = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort
        + "/socket.io/?EIO=4&transport=polling")).timeout(Duration.ofSeconds(10)).build();
    long deadline = begun + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        HttpResponse<String> answer = http.send(handshake, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().startsWith("0{")) {
          return (System.nanoTime() - begun) / 1e6;
        }
        throw new IllegalStateException("the handshake was answered " + answer.statusCode());
      } catch (ConnectException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the service did not start; see "
              + new File(logDir, "service.log"));
        }
        Thread.sleep(2);
      }
    }
  }

  /**
   * Publishes for {@code rampSeconds}, then measures for {@code measureSeconds}: each request
   * {@code batch} events ({@code 1}: one object; more: an array of them).
   */
  Result publish(int batch, int window, double rampSeconds, double measureSeconds)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + adminPort + "/apps/" + Payload.APP + "/publish");
    Semaphore permits = new Semaphore(window);
    AtomicLong events = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    Thread sender = new Thread(() -> {
      long seq = 0;
      try {
        while (!stop.get() && seq < FanOut.MAX_EVENTS) {
          if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) continue;
          StringBuilder body = new StringBuilder(batch == 1 ? "" : "[");
          for (int i = 0; i < batch; i++) {
            if (i > 0) body.append(',');
            body.append("{\"event\":\"http\",\"data\":").append(Payload.json(seq++, Payload.now()))
                .append('}');
          }
          if (batch > 1) body.append(']');
          HttpRequest request = HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete((answer, error) -> {
                if (error == null && answer.statusCode() == 200) {
                  events.addAndGet(batch);
                } else {
                  failed.incrementAndGet();
                  firstFailure.compareAndSet(null, error != null ? error.toString()
                      : answer.statusCode() + " " + answer.body());
                }
                permits.release();
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-http-sender");
    sender.setDaemon(true);
    sender.start();
    try {
      Thread.sleep((long) (rampSeconds * 1000));
      long pid = process.pid();
      long[] from = {System.nanoTime(), events.get(), Machine.cpuNanos(pid),
          Machine.kernelCpuNanos("/proc/" + pid + "/stat"), Machine.ownCpuNanos(),
          Machine.machineCpuNanos(), Machine.tcpSegmentsSent()};
      Thread.sleep((long) (measureSeconds * 1000));
      Phase measured = new Phase((System.nanoTime() - from[0]) / 1e9, events.get() - from[1],
          Machine.cpuNanos(pid) - from[2],
          Machine.kernelCpuNanos("/proc/" + pid + "/stat") - from[3],
          Machine.ownCpuNanos() - from[4], Machine.machineCpuNanos() - from[5],
          Machine.tcpSegmentsSent() - from[6]);
      Result result = new Result(measured, failed.get());
      if (firstFailure.get() != null) Parts.log("an HTTP publish failed: " + firstFailure.get());
      return result;
    } finally {
      stop.set(true);
      sender.join(10_000);
      permits.tryAcquire(window, 15, TimeUnit.SECONDS); // the last answers, bounded
    }
  }

  /** Stops the service (SIGTERM) and waits for it to end. */
  @Override public void close() throws InterruptedException {
    if (process == null) return;
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    process = null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
