package io.hatchet;

import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real hub on a free loopback port with the apps the tests use, and the Hatchets made against
 * it; {@link #close()} closes them all.
 */
final class HubFixture implements AutoCloseable {
  static final String APP = "demo";
  static final String CONSUMER_KEY = "consumer-key";
  static final String CONTRIBUTOR_KEY = "contributor-key";
  /** Keys that allow only the event "log". */
  static final String LOG_CONSUMER_KEY = "log-consumer-key";
  static final String LOG_CONTRIBUTOR_KEY = "log-contributor-key";
  static final String OTHER_APP = "other";

  final HatchetHub hub;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  HubFixture() {
    this(builder -> builder);
  }

  HubFixture(UnaryOperator<HatchetHub.Builder> configure) {
    hub = configure.apply(builder()).start();
  }

  /** A hub builder with the apps the tests use, for a hub of a test's own (a restart, say). */
  static HatchetHub.Builder builder() {
    return HatchetHub.builder()
        .app(App.named(APP)
            .consumerKey(CONSUMER_KEY)
            .contributorKey(CONTRIBUTOR_KEY)
            .consumerKey(LOG_CONSUMER_KEY, "log")
            .contributorKey(LOG_CONTRIBUTOR_KEY, "log"))
        .app(App.named(OTHER_APP).consumerKey("other-consumer").contributorKey("other-contributor"));
  }

  Hatchet hatchet() {
    return hatchet(hub.url());
  }

  /** A Hatchet with quick reconnects, closed with the fixture. */
  Hatchet hatchet(String url) {
    return track(Hatchet.builder(url)
        .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
        .connectTimeout(Duration.ofSeconds(5))
        .build());
  }

  /** A {@link FaultProxy} to the hub, for faults: closed with the fixture. */
  FaultProxy proxy() {
    return track(FaultProxy.to(hub));
  }

  <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  @Override
  public void close() {
    try {
      for (AutoCloseable closeable : closeables) closeable.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing a test's client failed", e);
    } finally {
      hub.close();
    }
  }
}
