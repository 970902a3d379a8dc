package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.Queues.poll;
import static io.hatchet.TestThreads.daemonFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A watch and an unwatch of one event, called at once from two threads, end up in one order:
 * the handlers the consumer keeps agree with what the hub's last word was. (They once changed
 * the handler map on the caller's thread and took their order on the wire later, so that the two
 * could disagree.)
 */
class WatchOrderTest {
  private static final int ROUNDS = 100;
  /** Events raced in each round, one after the other, then checked together. */
  private static final int RACES = 20;
  /** Each racer spins up to this many times before its call, so that their starts vary. */
  private static final int MAX_SPINS = 200;

  private final HubFixture fixture = new HubFixture();
  private final ExecutorService racers = Executors.newFixedThreadPool(2, daemonFactory("test-race"));
  private final BlockingQueue<Integer> fences = new LinkedBlockingQueue<>();
  private int fenceCount;

  @AfterEach
  void close() throws Exception {
    racers.shutdownNow();
    fixture.close();
  }

  @Test
  void theHandlersAgreeWithTheHubWhicheverOrderAWatchAndAnUnwatchTake() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(consumer.watch("fence", data -> fences.add(data.getAsInt())));
    Await.get(contributor.ready());

    int races = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<String> events = new ArrayList<>();
      List<AtomicInteger> raced = new ArrayList<>();
      List<Supplier<CompletableFuture<Void>>> unwatches = new ArrayList<>();
      List<Supplier<CompletableFuture<Void>>> watches = new ArrayList<>();
      for (int i = 0; i < RACES; i++) {
        String event = "e" + ++races;
        AtomicInteger calledBack = new AtomicInteger();
        events.add(event);
        raced.add(calledBack);
        unwatches.add(() -> consumer.unwatch(event));
        watches.add(() -> consumer.watch(event, data -> calledBack.incrementAndGet()));
      }
      for (CompletableFuture<Void> call : race(random, unwatches, watches)) Await.get(call);

      // The hub's last word for each event: routed 1 if it was watch, 0 if unwatch.
      List<Integer> routed = Await.get(broadcastAll(contributor, events));
      fence(contributor);
      for (int i = 0; i < RACES; i++) {
        assertEquals(routed.get(i), raced.get(i).get(), "seed " + seed + ", " + events.get(i)
            + ": the hub routed " + routed.get(i) + " and the raced handler ran "
            + raced.get(i).get() + " times");
      }

      // A new watch of each event: the raced handler runs again iff it is still registered.
      List<CompletableFuture<Void>> again = new ArrayList<>();
      for (String event : events) again.add(consumer.watch(event, data -> {}));
      for (CompletableFuture<Void> watch : again) Await.get(watch);
      Await.get(broadcastAll(contributor, events));
      fence(contributor);
      for (int i = 0; i < RACES; i++) {
        assertEquals(routed.get(i) * 2, raced.get(i).get(), "seed " + seed + ", "
            + events.get(i) + ": after the hub's " + (routed.get(i) == 1 ? "watch" : "unwatch")
            + " won, the raced handler ran " + raced.get(i).get() + " times in all");
      }
      // The next round's events are new ones: the hub bounds how many one consumer watches.
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (String event : events) done.add(consumer.unwatch(event));
      for (CompletableFuture<Void> unwatch : done) Await.get(unwatch);
    }
  }

  /**
   * Makes the calls of {@code first} and {@code second} on two threads, the i-th of each at once
   * (each after a random spin of its own), one pair after the other; returns their futures.
   */
  private List<CompletableFuture<Void>> race(Random random,
      List<Supplier<CompletableFuture<Void>>> first,
      List<Supplier<CompletableFuture<Void>>> second) throws Exception {
    AtomicInteger arrivals = new AtomicInteger();
    Future<List<CompletableFuture<Void>>> a = racers.submit(racer(arrivals, first, random));
    Future<List<CompletableFuture<Void>>> b = racers.submit(racer(arrivals, second, random));
    List<CompletableFuture<Void>> futures = new ArrayList<>(a.get(Await.SECONDS, TimeUnit.SECONDS));
    futures.addAll(b.get(Await.SECONDS, TimeUnit.SECONDS));
    return futures;
  }

  private static Callable<List<CompletableFuture<Void>>> racer(AtomicInteger arrivals,
      List<Supplier<CompletableFuture<Void>>> calls, Random random) {
    int[] spins = random.ints(calls.size(), 0, MAX_SPINS).toArray();
    return () -> {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        arrivals.incrementAndGet();
        for (int waited = 0; arrivals.get() < 2 * (i + 1); waited++) {
          if (waited < 1_000) Thread.onSpinWait(); else Thread.yield(); // the other is not running
        }
        for (int n = 0; n < spins[i]; n++) Thread.onSpinWait();
        futures.add(calls.get(i).get());
      }
      return futures;
    };
  }

  private static CompletableFuture<List<Integer>> broadcastAll(Contributor contributor,
      List<String> events) {
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (String event : events) sent.add(contributor.broadcast(event, 1));
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .thenApply(done -> sent.stream().map(CompletableFuture::join).toList());
  }

  /** Returns once the consumer has handled every event published before. */
  private void fence(Contributor contributor) {
    int n = ++fenceCount;
    assertEquals(1, Await.get(contributor.broadcast("fence", n)));
    assertEquals(n, poll(fences));
  }
}
