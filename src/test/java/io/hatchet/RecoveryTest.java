package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer that comes back learns whether it missed anything; it never sees a duplicate. */
class RecoveryTest {
  private HubFixture fixture;

  @AfterEach
  void close() throws Exception {
    if (fixture != null) fixture.close();
  }

  /** Everything a consumer's handler and state listener see, in the order they see it. */
  private static final class Journal implements StateListener {
    final BlockingQueue<String> entries = new LinkedBlockingQueue<>();

    @Override
    public void onRecovered(long replayed) {
      entries.add("recovered " + replayed);
    }

    @Override
    public void onGap(String reason) {
      entries.add("gap");
    }

    void expect(String... expected) throws InterruptedException {
      for (String entry : expected) {
        assertEquals(entry, entries.poll(Await.SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  private Consumer journaled(Hatchet hatchet, Journal journal) {
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    consumer.addStateListener(journal);
    Await.get(consumer.watch("n", data -> journal.entries.add("event " + data.getAsInt())));
    return consumer;
  }

  private Hatchet hatchet(String url) {
    return fixture.track(Hatchet.builder(url)
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build());
  }

  @Test
  void aConsumerBackWithinTheWindowGetsWhatItMissedInOrder() throws Exception {
    fixture = new HubFixture();
    FaultProxy proxy = fixture.proxy();
    Journal journal = new Journal();
    journaled(hatchet(proxy.url()), journal);
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.broadcast("n", 0));
    journal.expect("event 0");

    proxy.stall();
    proxy.cut();
    for (int i = 1; i <= 5; i++) {
      assertEquals(1, Await.get(contributor.broadcast("n", i)), "kept for the absent consumer");
    }
    proxy.resume();
    journal.expect("recovered 5", "event 1", "event 2", "event 3", "event 4", "event 5");
    Await.get(contributor.broadcast("n", 6));
    journal.expect("event 6");
  }

  @Test
  void aConsumerBackAfterTheWindowIsToldOfTheGap() throws Exception {
    fixture = new HubFixture(hub -> hub.recoveryWindow(3, Duration.ofMinutes(2)));
    FaultProxy proxy = fixture.proxy();
    Journal journal = new Journal();
    journaled(hatchet(proxy.url()), journal);
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);

    proxy.stall();
    proxy.cut();
    for (int i = 1; i <= 10; i++) Await.get(contributor.broadcast("n", i));
    proxy.resume();
    journal.expect("gap");
    Await.get(contributor.broadcast("n", 11));
    journal.expect("event 11");
  }

  @Test
  void aHubRestartDeliversOrFailsEverySendAndTellsTheConsumerOfTheGap() throws Exception {
    fixture = new HubFixture();
    int port = fixture.hub.port();
    Journal journal = new Journal();
    Consumer consumer = journaled(hatchet(fixture.hub.url()), journal);
    Contributor contributor = hatchet(fixture.hub.url()).contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.broadcast("n", 0));
    journal.expect("event 0");

    fixture.hub.close();
    List<CompletableFuture<Integer>> whileDown = new ArrayList<>();
    for (int i = 1; i <= 50; i++) whileDown.add(contributor.broadcast("n", i));
    HatchetHub restarted = fixture.track(HubFixture.builder().port(port).start());

    journal.expect("gap"); // the new hub knows nothing of the consumer: it must not pretend
    Await.get(consumer.watch("n", data -> {})); // restored and confirmed on the new hub
    for (CompletableFuture<Integer> future : whileDown) {
      Integer routed = future.handle((n, error) -> error == null ? n : -1)
          .get(Await.SECONDS, TimeUnit.SECONDS);
      assertTrue(routed == 0 || routed == 1 || routed == -1, "ended: " + routed);
    }
    Await.get(contributor.broadcast("n", 51));
    String last;
    do {
      last = journal.entries.poll(Await.SECONDS, TimeUnit.SECONDS);
    } while (last != null && !last.equals("event 51"));
    assertEquals("event 51", last, "the consumer works on the restarted hub: " + restarted);
  }
}
