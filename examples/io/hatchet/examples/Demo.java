package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a hub in this JVM, then a consumer and a contributor that share one connection to it,
 * runs them for a few seconds, then a producer that signs a token for a consumer and sends to its
 * room, and exits.
 */
public final class Demo {
  public static void main(String[] args) throws Exception {
    HatchetHub hub = HatchetHub.builder()
        .port(0)
        .app(App.named("demo")
            .consumerKey("I6mMbTSOq4rCdM")
            .contributorKey("iYkrswPZVIrUMv")
            .producerSecrets(DemoApp.PRODUCER_SECRET))
        .start();
    System.out.println("hub listening on " + hub.url());

    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      Consumer consumer = ConsumerExample.watch(hatchet);
      consumer.ready().get(10, TimeUnit.SECONDS);
      System.out.println("consumer ready: watching log and signup as frederick");

      Contributor contributor = hatchet.contributor(DemoApp.NAME, DemoApp.CONTRIBUTOR_KEY);
      ContributorExample.contribute(contributor, timer, Duration.ofMillis(400),
          Duration.ofMillis(200));

      TimeUnit.SECONDS.sleep(2); // the demo's timeline, not synchronization
      consumer.unwatch("log").get(10, TimeUnit.SECONDS);
      System.out.println("consumer stopped watching log");
      TimeUnit.SECONDS.sleep(1);
      int routed = contributor.broadcast("log", "nobody watches this").get(10, TimeUnit.SECONDS);
      System.out.println("a last log event reached " + routed + " consumers");

      System.out.println("now a producer, a token consumer and a room:");
      ProducerExample.run(hatchet);
    } finally {
      timer.shutdownNow();
      hub.close();
    }
    System.out.println("done");
  }
}
