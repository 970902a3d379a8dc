package io.hatchet;

import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link CloseTest}: a hub and a client exchange one event, both are
 * closed, and main returns without System.exit. The JVM must then exit by itself.
 *
 * <p>Argument {@code hub-first} closes the hub before the client, so the client is reconnecting
 * when it is closed; otherwise the client is closed first.
 */
public final class ExitProbe {
  private ExitProbe() {}

  public static void main(String[] args) throws Exception {
    boolean hubFirst = args.length > 0 && args[0].equals("hub-first");
    HatchetHub hub = HatchetHub.builder().port(0)
        .app(App.named("demo").consumerKey("ckey").contributorKey("kkey"))
        .start();
    Hatchet hatchet = Hatchet.connect(hub.url());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    CountDownLatch received = new CountDownLatch(1);
    consumer.watch("ping", data -> received.countDown()).get(15, TimeUnit.SECONDS);
    Contributor contributor = hatchet.contributor("demo", "kkey");
    int routed = contributor.broadcast("ping", Map.of("n", 1)).get(15, TimeUnit.SECONDS);
    if (routed != 1 || !received.await(15, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the event did not arrive (routed " + routed + ")");
    }
    System.out.println("received");
    if (hubFirst) {
      hub.close();
      hatchet.close();
    } else {
      hatchet.close();
      hub.close();
    }
    System.out.println("closed");
  }
}
