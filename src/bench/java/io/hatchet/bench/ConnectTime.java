package io.hatchet.bench;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connect + authenticate + first event, as an application sees it with hatchet's client: from
 * {@code Hatchet.connect} to the consumer's watch confirmed ("ready"), and to its first event,
 * broadcast by an already connected contributor the moment the watch is confirmed ("first
 * event"). Sequential, a new Hatchet each time; the first {@link #UNRECORDED} are not recorded,
 * after the warm-up's own run of this (see {@link Parts#warmUp}): a connection's setup is
 * measured as in a server that has run for a while, whose JIT has compiled it.
 */
final class ConnectTime {
  private static final int UNRECORDED = 100;

  /**
   * {@code serverCpuNanos}: the server process's CPU time per recorded connect, on average;
   * {@code serverCompileNanos}: of which its JIT compilers' time, for a JVM (else NaN).
   */
  record Result(Samples ready, Samples firstEvent, double serverCpuNanos,
      double serverCompileNanos) {}

  private ConnectTime() {}

  static Result run(ServerProcess server, int iterations) throws Exception {
    Samples ready = new Samples(iterations);
    Samples first = new Samples(iterations);
    ServerProcess.Stats from = null;
    try (Hatchet publisher = Hatchet.connect(server.url)) {
      Contributor contributor = publisher.contributor(Payload.APP, Payload.CONTRIBUTOR_KEY);
      contributor.ready().get(10, TimeUnit.SECONDS);
      for (int i = 0; i < UNRECORDED + iterations; i++) {
        if (i == UNRECORDED) {
          from = server.stats();
        }
        long started = Payload.now();
        try (Hatchet hatchet = Hatchet.connect(server.url)) {
          Consumer consumer = hatchet.consumer(Payload.APP, Payload.CONSUMER_KEY);
          CompletableFuture<Long> received = new CompletableFuture<>();
          consumer.watch("first", data -> received.complete(Payload.now()))
              .get(10, TimeUnit.SECONDS);
          long watching = Payload.now();
          contributor.broadcast("first", Payload.event(i, watching));
          long arrived = received.get(10, TimeUnit.SECONDS);
          if (i >= UNRECORDED) {
            ready.add(watching - started);
            first.add(arrived - started);
          }
        }
      }
    } finally {
      server.awaitConnections(0);
    }
    ServerProcess.Stats to = server.stats();
    double cpu = (double) (to.cpuNanos() - from.cpuNanos()) / iterations;
    double compile = from.compileMillis() < 0 ? Double.NaN
        : (to.compileMillis() - from.compileMillis()) * 1e6 / iterations;
    return new Result(ready, first, cpu, compile);
  }
}
