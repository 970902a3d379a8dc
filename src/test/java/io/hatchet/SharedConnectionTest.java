package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Consumers on one connection that are routed the same events share one recovery window in the
 * hub, and part when an event reaches only some of them. Whatever the mix, each must get exactly
 * its own events: broadcasts and sends to its alias, from the moment it watches, in order,
 * exactly once, through cuts of the connection they share, with consumers made before the
 * events and while they flow.
 *
 * <p>The sends and cuts follow a random seed: {@code -Dhatchet.seed=N} replays them.
 */
class SharedConnectionTest {
  private static final int EVENTS = 3_000;
  private static final int BATCH = 100;
  private static final int FIRST = 8;
  private static final int LATER = 4;

  private final HubFixture fixture =
      new HubFixture(hub -> hub.recoveryWindow(EVENTS, Duration.ofMinutes(2)));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void eachConsumerGetsExactlyItsOwnEvents(TestReporter reporter) {
    Seed seed = Seed.fromProperty();
    reporter.publishEntry(Seed.PROPERTY, Long.toString(seed.value()));
    seed.run(() -> deliver(seed, reporter));
  }

  /** One consumer: its alias (or none), what it must get, and what it got. */
  private static final class Watcher {
    final String alias;
    final List<Integer> expected = new ArrayList<>();
    final List<Integer> received = Collections.synchronizedList(new ArrayList<>());

    Watcher(String alias) {
      this.alias = alias;
    }
  }

  private Watcher watch(Hatchet hatchet, String alias) {
    Watcher watcher = new Watcher(alias);
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    if (alias != null) {
      Await.get(consumer.alias(alias));
    }
    Await.get(consumer.watch("e", data -> watcher.received.add(data.getAsInt())));
    return watcher;
  }

  private void deliver(Seed seed, TestReporter reporter) throws Exception {
    Random random = new Random(seed.value());
    FaultProxy link = fixture.proxy();
    Hatchet shared = fixture.track(Hatchet.builder(link.url())
        .reconnectDelay(Duration.ofMillis(5), Duration.ofMillis(50))
        .build());
    List<Watcher> watchers = new ArrayList<>();
    for (int i = 0; i < FIRST; i++) {
      watchers.add(watch(shared, i < FIRST - 2 ? "a" + i : null)); // two without an alias
    }
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());

    AtomicInteger cuts = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    long chaosSeed = random.nextLong();
    Thread chaos = new Thread(() -> {
      Random pauses = new Random(chaosSeed);
      while (sending.get()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + pauses.nextInt(60)));
        link.cut();
        cuts.incrementAndGet();
      }
    }, "test-chaos");
    chaos.setDaemon(true);
    chaos.start();

    List<CompletableFuture<Integer>> routed = new ArrayList<>();
    List<Integer> expectedRouted = new ArrayList<>();
    for (int batch = 0; batch < EVENTS; batch += BATCH) {
      if (batch == EVENTS / 3) {
        // Newcomers while events flow: their numbers start at their own first event.
        for (int i = 0; i < LATER; i++) {
          watchers.add(watch(shared, i < LATER - 1 ? "b" + i : null));
        }
      }
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int event = batch; event < batch + BATCH; event++) {
        futures.add(send(random, contributor, watchers, event, expectedRouted));
      }
      routed.addAll(futures);
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(Await.SECONDS, TimeUnit.SECONDS);
    }
    sending.set(false);
    chaos.join(TimeUnit.SECONDS.toMillis(Await.SECONDS));

    String run = "cuts " + cuts.get();
    reporter.publishEntry("run", run);
    for (int i = 0; i < routed.size(); i++) {
      int event = i;
      assertEquals(expectedRouted.get(i), routed.get(i).getNow(-1),
          () -> seed.say("consumers reached by event " + event));
    }
    for (int i = 0; i < watchers.size(); i++) {
      Watcher watcher = watchers.get(i);
      int index = i;
      Await.until(() -> watcher.received.size() >= watcher.expected.size(),
          seed.say("consumer " + index + " getting its " + watcher.expected.size()
              + " events (" + run + ")"));
      synchronized (watcher.received) {
        assertEquals(watcher.expected, watcher.received,
            () -> seed.say("consumer " + index + " (alias " + watcher.alias + "): its own events,"
                + " in order, exactly once; " + firstDifference(watcher) + " (" + run + ")"));
      }
    }
    assertTrue(cuts.get() > 0, seed.say("the connection was cut"));
  }

  private static String firstDifference(Watcher watcher) {
    List<Integer> expected = watcher.expected;
    List<Integer> received = watcher.received;
    int i = 0;
    while (i < expected.size() && i < received.size() && expected.get(i).equals(received.get(i))) {
      i++;
    }
    return "expected " + expected.size() + " events, got " + received.size() + "; the first"
        + " difference at " + i + ": expected " + (i < expected.size() ? expected.get(i) : "none")
        + ", got " + (i < received.size() ? received.get(i) : "none");
  }

  /** A broadcast, or a send to one to three aliases, of {@code event}; notes who must get it. */
  private static CompletableFuture<Integer> send(Random random, Contributor contributor,
      List<Watcher> watchers, int event, List<Integer> expectedRouted) {
    List<Watcher> to = new ArrayList<>();
    CompletableFuture<Integer> result;
    if (random.nextBoolean()) {
      to.addAll(watchers);
      result = contributor.broadcast("e", event);
    } else {
      List<Watcher> aliased = new ArrayList<>();
      for (Watcher watcher : watchers) {
        if (watcher.alias != null) aliased.add(watcher);
      }
      List<String> aliases = new ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        Watcher watcher = aliased.get(random.nextInt(aliased.size()));
        if (!aliases.contains(watcher.alias)) {
          aliases.add(watcher.alias);
          to.add(watcher);
        }
      }
      result = contributor.send("e", event, aliases);
    }
    for (Watcher watcher : to) {
      watcher.expected.add(event);
    }
    expectedRouted.add(to.size());
    return result;
  }
}
