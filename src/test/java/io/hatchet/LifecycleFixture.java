package io.hatchet;

import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For the client's lifecycle tests ({@link CloseTest}, {@link CallbackThreadTest}): a real hub on a
 * free port with app "demo" (keys "ckey" and "kkey", messages up to 1 KiB), and the clients and
 * proxies a test makes against it. {@link #close()} closes those, last made first, then the hub.
 */
final class LifecycleFixture implements AutoCloseable {
  final HatchetHub hub;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  LifecycleFixture() {
    hub = HatchetHub.builder().port(0)
        .app(App.named("demo").consumerKey("ckey").contributorKey("kkey"))
        .maxMessageBytes(1024)
        .start();
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  /** A builder for a client with quick reconnects. */
  Hatchet.Builder client(String url) {
    return Hatchet.builder(url).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100));
  }

  /** A client with quick reconnects, closed with the fixture. */
  Hatchet connect(String url) {
    return closeLater(client(url).build());
  }

  @Override
  public void close() {
    Collections.reverse(toClose); // clients before proxies
    for (AutoCloseable closeable : toClose) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // cleanup only
      }
    }
    hub.close();
  }
}
