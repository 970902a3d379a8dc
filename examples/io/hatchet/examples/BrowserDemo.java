package io.hatchet.examples;

import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.hub.HatchetHub;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live page: a hub on port 7800 (or the port given) that serves examples/browser, and a Java
 * contributor that sends it a log line every second and a signup every three, until the process is
 * stopped. Open the printed address in a browser.
 *
 * <p>From the project's directory: {@code mvn -q test-compile exec:exec@browser}.
 */
public final class BrowserDemo {
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7800;
    HatchetHub hub = HatchetHub.builder()
        .port(port)
        .app(DemoApp.app())
        .serveFiles(Path.of("examples", "browser"))
        .start();
    Hatchet hatchet = Hatchet.connect(hub.url());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "browser-demo-timer");
      thread.setDaemon(true);
      return thread;
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      timer.shutdownNow();
      hatchet.close();
      hub.close();
    }, "browser-demo-shutdown"));

    Contributor contributor = hatchet.contributor(DemoApp.NAME, DemoApp.CONTRIBUTOR_KEY);
    AtomicInteger line = new AtomicInteger();
    timer.scheduleAtFixedRate(() -> contributor.broadcast("log",
        Map.of("line", line.incrementAndGet(), "file", "ben.txt", "at", LocalTime.now().toString())),
        1, 1, TimeUnit.SECONDS);
    timer.scheduleAtFixedRate(() -> contributor.send("signup",
        Map.of("firstName", "Frederick", "lastName", "Gustaveerson"), "frederick"),
        3, 3, TimeUnit.SECONDS);

    Producer producer = hatchet.producer(DemoApp.NAME,
        ProducerOptions.builder().secretKeys(DemoApp.PRODUCER_SECRET).build());
    String token = producer.signAuth(Map.of("userId", "ben"));
    System.out.println("the live page, a consumer with the demo's key, as frederick:");
    System.out.println("  " + hub.url() + "/?alias=frederick");
    System.out.println("the same with a token a producer signed for the user ben:");
    System.out.println("  " + hub.url() + "/?token=" + token + "&events=log,signup,message");
    System.out.println("a log line every second, a signup for frederick every 3 s; stop with Ctrl-C");
    new CountDownLatch(1).await();
  }
}
