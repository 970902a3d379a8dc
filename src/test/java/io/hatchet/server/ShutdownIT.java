package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.StateListener;
import io.hatchet.server.AdminClient.Answer;
import io.hatchet.testing.FaultProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the jar gracefully: what it had queued for its clients is written before it
 * tells them to go, and it exits 0. The events (8 MB) are more than loopback's socket buffers
 * hold (about 5 MB here): a hub that merely closed would lose the rest, as this test finds.
 */
class ShutdownIT {
  private static final int EVENTS = 8_000;
  @TempDir Path dir;

  @Test
  void sigtermDeliversWhatIsQueuedThenExitsZero() throws Exception {
    Path config = new TestConfig().with("shutdown", "shutdown: {timeout: 30s}").write(dir);
    try (HubProcess hub = HubProcess.run(config)) {
      URI client = URI.create(hub.clientUrl());
      // A link to the consumer that is held while the hub stops: what it writes then waits in
      // its queue, more than the network's buffers hold, until the link goes on.
      try (FaultProxy slow = FaultProxy.to(client.getHost(), client.getPort());
          Hatchet hatchet = Hatchet.builder(slow.url())
              .reconnectDelay(Duration.ofSeconds(30), Duration.ofSeconds(30)).build()) {
        List<Integer> received = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(EVENTS);
        CountDownLatch toldToGo = new CountDownLatch(1);
        Consumer consumer = hatchet.consumer(TestConfig.APP, TestConfig.CONSUMER_KEY);
        consumer.watch("burst", data -> {
          received.add(data.getAsJsonObject().get("n").getAsInt());
          all.countDown();
        });
        consumer.addStateListener(new StateListener() {
          @Override public void onDisconnect(String reason) {
            toldToGo.countDown();
          }
        });
        consumer.ready().get(30, TimeUnit.SECONDS);
        slow.stall();

        StringBuilder batch = new StringBuilder("[");
        String padding = "p".repeat(1000);
        for (int n = 0; n < EVENTS; n++) {
          if (batch.length() > 1) batch.append(',');
          batch.append("{\"event\":\"burst\",\"data\":{\"n\":").append(n)
              .append(",\"pad\":\"").append(padding).append("\"}}");
          if (n % 500 == 499) { // a batch holds at most 1,000
            batch.append(']');
            Answer answer = new AdminClient(hub.adminUrl()).post("/apps/demo/publish", batch.toString());
            assertEquals(200, answer.status(), answer::toString);
            batch = new StringBuilder("[");
          }
        }
        int before = received.size();
        long signalled = System.nanoTime();
        hub.signal();
        hub.awaitOutput("Service: stopping: at most");
        slow.resume();
        assertEquals(0, hub.awaitExit(), "exit status after SIGTERM:\n" + hub.output());
        assertTrue(before < EVENTS / 2, "the test must signal while events are queued: "
            + before + " had arrived");
        io.hatchet.Await.latch(all);
        io.hatchet.Await.latch(toldToGo);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) expected.add(n);
        assertEquals(expected, received, "every event, in order, once");
        String output = hub.output();
        assertTrue(output.contains("Service: stopping: a signal asked the hub to stop"), output);
        assertTrue(output.contains("Service: stopped"), output);
        assertFalse(output.contains("without waiting longer"), output);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled) < 30);
      }
    }
  }
}
