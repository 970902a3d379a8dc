package io.hatchet.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service ({@code io.hatchet.server.Main run -c FILE}, what {@code target/hatchet-hub.jar}
 * runs) in a process of its own: events published over its admin API, one per request and in
 * batches, as fast as answered on {@code window} keep-alive connections, one request in
 * flight on each, nobody watching; and how long it takes from starting the process to accepting
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
    AtomicLong events = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong seqs = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < window; i++) {
      Thread sender = new Thread(() -> {
        try (KeepAlive connection = new KeepAlive(adminPort)) {
          while (!stop.get() && seqs.get() < FanOut.MAX_EVENTS) {
            long seq = seqs.getAndAdd(batch);
            StringBuilder body = new StringBuilder(batch == 1 ? "" : "[");
            for (int e = 0; e < batch; e++) {
              if (e > 0) body.append(',');
              body.append("{\"event\":\"http\",\"data\":")
                  .append(Payload.json(seq + e, Payload.now())).append('}');
            }
            if (batch > 1) body.append(']');
            String answer = connection.post("/apps/" + Payload.APP + "/publish", body.toString());
            if (answer == null) {
              events.addAndGet(batch);
            } else {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, answer);
            }
          }
        } catch (IOException e) {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, e.toString());
        }
      }, "bench-http-sender-" + i);
      sender.setDaemon(true);
      sender.start();
      senders.add(sender);
    }
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
      for (Thread sender : senders) sender.join(15_000); // the last answers, bounded
    }
  }

  /**
   * One keep-alive HTTP/1.1 connection to the admin API, one request at a time, written by hand:
   * the JDK's HttpClient spent 270 us of CPU per request here and OkHttp 34, more than the server
   * they measure on the same 2 cores; this costs a few. It reads only what the admin API answers:
   * a status line, headers with Content-Length, a body.
   */
  private static final class KeepAlive implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    KeepAlive(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    /** Posts {@code json}; null if answered 200, else what was answered. */
    String post(String path, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = line();
      int length = -1;
      for (String header = line(); !header.isEmpty(); header = line()) {
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      if (length < 0) throw new IOException("an answer without Content-Length: " + status);
      byte[] answer = new byte[length];
      in.readFully(answer);
      return status.startsWith("HTTP/1.1 200 ") ? null
          : status + " " + new String(answer, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) throw new IOException("the admin API closed the connection");
        if (b != '\r') line.append((char) b);
      }
      return line.toString();
    }

    @Override public void close() throws IOException {
      socket.close();
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
