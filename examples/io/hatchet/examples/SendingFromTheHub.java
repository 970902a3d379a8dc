package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.HubException;
import io.hatchet.hub.HubStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Sending from the hub", as it is printed there: the application that embeds the
 * hub sends to its consumers itself, puts one into a room, reads the hub's figures, and closes it
 * gracefully.
 *
 * <pre>java io.hatchet.examples.SendingFromTheHub</pre>
 */
public final class SendingFromTheHub {
  private SendingFromTheHub() {}

  public static void main(String[] args) throws Exception {
    // README: Sending from the hub
    HatchetHub hub = HatchetHub.builder()
        .app(App.named("demo").consumerKey("I6mMbTSOq4rCdM"))
        .start();
    Hatchet hatchet = Hatchet.connect(hub.url());
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Consumer consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
    consumer.watch("notice", data -> received.add(data.toString()));
    consumer.alias("frederick");
    consumer.ready().get(10, TimeUnit.SECONDS);

    // No contributor and no round trip: each call is routed before it returns.
    int routed = hub.broadcast("demo", "notice", Map.of("text", "maintenance at 22:00"));
    hub.send("demo", "notice", Map.of("text", "hello Frederick"), List.of("frederick"));
    hub.join("demo", consumer.id(), "ops");                 // false if it already was in
    hub.sendToRooms("demo", "notice", Map.of("text", "for ops only"), List.of("ops"));
    System.out.println("the broadcast reached " + routed + " consumer(s); "
        + hub.roomSize("demo", "ops") + " in ops");
    for (int i = 0; i < 3; i++) System.out.println(received.poll(10, TimeUnit.SECONDS));

    try {
      hub.broadcast("demo", "notice", "x".repeat(2_000_000)); // over maxMessageBytes
    } catch (HubException e) {
      System.out.println("refused: " + e.code());            // too_large; nothing was sent
    }
    HubStats stats = hub.stats();
    System.out.println(stats.publishes() + " publishes, " + stats.deliveries() + " deliveries, "
        + stats.apps().get("demo").consumers() + " consumer(s) connected");

    // Refuses new clients, tells each to go once what waits for it is written, then closes.
    boolean written = hub.closeGracefully(Duration.ofSeconds(10));
    System.out.println("closed, everything written: " + written);
    hatchet.close();
    // README end
  }
}
