package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import java.util.concurrent.CountDownLatch;

/**
 * Receiving messages: watches "log" and "signup" events and stops watching "log" after a while.
 *
 * <pre>java io.hatchet.examples.ConsumerExample http://127.0.0.1:7800 [seconds-until-unwatch]</pre>
 *
 * <p>Start {@link HubExample} first, or point it at your own hub.
 */
public final class ConsumerExample {
  /** Watches both events, answering to the user name "frederick". */
  public static Consumer watch(Hatchet hatchet) {
    Consumer consumer = hatchet.consumer(DemoApp.NAME, DemoApp.CONSUMER_KEY);
    consumer.watch("log", data -> System.out.println("log " + data));
    consumer.watch("signup", Signup.class, signup ->
        System.out.println("signup " + signup.firstName() + " " + signup.lastName()));
    consumer.alias("frederick"); // contributors may send to this user by name
    return consumer;
  }

  public static void main(String[] args) throws InterruptedException {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:7800";
    long unwatchAfterSeconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
    try (Hatchet hatchet = Hatchet.builder(url).log(true).build()) {
      Consumer consumer = watch(hatchet);
      consumer.ready().exceptionally(error -> {
        System.err.println("refused: " + error.getMessage());
        return null;
      });
      // You can also stop listening to an event.
      Thread.sleep(unwatchAfterSeconds * 1000);
      consumer.unwatch("log");
      new CountDownLatch(1).await(); // run until killed
    }
  }
}
