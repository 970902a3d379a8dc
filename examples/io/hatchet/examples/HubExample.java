package io.hatchet.examples;

import io.hatchet.hub.HatchetHub;
import java.util.concurrent.CountDownLatch;

/**
 * A hub for the other examples, on port 7800 (or the port given), until the process is stopped.
 *
 * <pre>java io.hatchet.examples.HubExample [port]</pre>
 *
 * <p>From the project's directory: {@code mvn -q test-compile exec:exec@hub}.
 */
public final class HubExample {
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7800;
    HatchetHub hub = HatchetHub.builder().port(port).app(DemoApp.app()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "hub-shutdown"));
    System.out.println("hub listening on " + hub.url() + "; stop it with Ctrl-C");
    new CountDownLatch(1).await();
  }
}
