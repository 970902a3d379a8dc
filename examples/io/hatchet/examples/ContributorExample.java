package io.hatchet.examples;

import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sending messages: broadcasts a "log" event every 2 seconds, and sends a "signup" event to the user
 * "frederick" every second.
 *
 * <pre>java io.hatchet.examples.ContributorExample http://127.0.0.1:7800</pre>
 */
public final class ContributorExample {
  /** Starts both schedules on {@code timer}; they stop when the timer is shut down. */
  public static void contribute(Contributor contributor, ScheduledExecutorService timer,
      Duration logEvery, Duration signupEvery) {
    timer.scheduleAtFixedRate(() -> report("log",
        contributor.broadcast("log", Map.of("line", 100, "file", "ben.txt"))),
        0, logEvery.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(() -> report("signup",
        contributor.send("signup",
            new Signup("Frederick", "Gustaveerson", Instant.now().toString()), "frederick")),
        0, signupEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void report(String event, CompletableFuture<Integer> sent) {
    sent.whenComplete((routed, error) -> {
      if (error != null) System.err.println(event + " not sent: " + error.getMessage());
    });
  }

  public static void main(String[] args) throws InterruptedException {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:7800";
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (Hatchet hatchet = Hatchet.builder(url).log(true).build()) {
      Contributor contributor = hatchet.contributor(DemoApp.NAME, DemoApp.CONTRIBUTOR_KEY);
      contribute(contributor, timer, Duration.ofSeconds(2), Duration.ofSeconds(1));
      timer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS); // run until killed
    } finally {
      timer.shutdownNow();
    }
  }
}
