package io.hatchet.bench;

import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;

/**
 * The hatchet hub under benchmark, alone in its JVM: one app, {@code bench}, with the consumer
 * and contributor keys given as arguments. Everything else is the hub's default.
 *
 * <p>Usage: {@code BenchHub <consumerKey> <contributorKey>}; see {@link ServerControl}.
 */
public final class BenchHub {
  private BenchHub() {}

  public static void main(String[] args) throws Exception {
    HatchetHub hub = HatchetHub.builder()
        .port(0)
        .app(App.named("bench").consumerKey(args[0]).contributorKey(args[1]))
        .start();
    ServerControl.serve(hub.port(), hub::connectionCount, hub::close);
  }
}
