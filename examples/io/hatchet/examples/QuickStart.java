package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's Quick start, as it is printed there: a hub in this JVM, a consumer and a
 * contributor on one connection to it, two events, and an exit.
 *
 * <pre>java io.hatchet.examples.QuickStart</pre>
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    // README: Quick start
    record Signup(String firstName, String lastName) {}   // any POJO or record Gson can encode

    HatchetHub hub = HatchetHub.builder()
        .port(0)                                            // 0 = any free port
        .app(App.named("demo")
            .consumerKey("I6mMbTSOq4rCdM")                  // .consumerKey(k, "log", "signup") allows only those events
            .contributorKey("iYkrswPZVIrUMv"))
        .start();

    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
      consumer.watch("log", data -> received.add("log " + data));               // data: a Gson JsonElement
      consumer.watch("signup", Signup.class, s -> received.add("signup " + s));  // decoded to a POJO or record
      consumer.alias("frederick");                                               // the user name senders address
      consumer.ready().get(10, TimeUnit.SECONDS);           // authenticated, its watches and alias in effect

      Contributor contributor = hatchet.contributor("demo", "iYkrswPZVIrUMv");
      contributor.broadcast("log", Map.of("line", 100, "file", "ben.txt"));    // every consumer watching "log"
      int routed = contributor.send("signup", new Signup("Frederick", "Gustaveerson"), "frederick", "ben")
          .get(10, TimeUnit.SECONDS);                       // only these users; routed: how many consumers
      System.out.println("the signup reached " + routed + " consumer(s)");

      System.out.println(received.poll(10, TimeUnit.SECONDS));   // log {"line":100,"file":"ben.txt"}
      System.out.println(received.poll(10, TimeUnit.SECONDS));   // signup Signup[firstName=Frederick, ...]
      consumer.unwatch("log").get(10, TimeUnit.SECONDS);
    }   // close() fails what is still waiting with ClosedException: wait for what matters first
    hub.close();
    // README end
  }
}
