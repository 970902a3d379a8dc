package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is sent before authentication is queued, bounded, and flushed in order or failed. */
class QueueTest {
  private final HubFixture fixture = new HubFixture();
  private final FaultProxy proxy = fixture.proxy();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void hundredsOfSendsMadeBeforeReadyArriveInCallOrder() {
    int count = 500;
    proxy.stall(); // nothing reaches the hub until every send below is queued
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    List<Integer> received = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(count);
    CompletableFuture<Void> watched = consumer.watch("seq", data -> {
      received.add(data.getAsInt());
      done.countDown();
    });
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) sent.add(contributor.broadcast("seq", i));
    assertFalse(contributor.ready().isDone());

    proxy.resume();
    Await.get(watched);
    Await.latch(done);
    for (int i = 0; i < count; i++) {
      assertEquals(i, received.get(i));
      assertEquals(1, Await.get(sent.get(i)));
    }
  }

  @Test
  void aFullQueueRefusesTheNewSendAndKeepsTheOthers() {
    proxy.stall();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url()).maxQueuedSends(10).build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) queued.add(contributor.broadcast("log", i));

    Await.failure(contributor.broadcast("log", 10), QueueFullException.class);
    proxy.resume();
    for (CompletableFuture<Integer> future : queued) assertEquals(0, Await.get(future));
    assertEquals(0, Await.get(contributor.broadcast("log", 11)), "room again once answered");
  }

  @Test
  void aRejectionFailsEveryQueuedSendNamingTheApp() {
    proxy.stall();
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Contributor contributor = hatchet.contributor(APP, "wrong-key");
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 200; i++) queued.add(contributor.broadcast("log", i));
    proxy.resume();
    for (CompletableFuture<Integer> future : queued) {
      AuthenticationException e = Await.failure(future, AuthenticationException.class);
      assertEquals(APP, e.app());
      assertEquals("bad_key", e.code());
    }
    Await.failure(contributor.broadcast("log", 1), AuthenticationException.class);
  }

  @Test
  void anUnwatchMadeBeforeAuthenticationIsKept() {
    proxy.stall();
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    List<Object> received = Collections.synchronizedList(new ArrayList<>());
    consumer.watch("log", received::add);
    consumer.watch("signup", received::add);
    CompletableFuture<Void> unwatched = consumer.unwatch("log");
    proxy.resume();
    Await.get(unwatched);
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(0, Await.get(contributor.broadcast("log", 1)));
    assertEquals(1, Await.get(contributor.broadcast("signup", 1)));
  }

  @Test
  void sendsWaitForAConnectionThatComesLate() {
    proxy.stall();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .connectTimeout(Duration.ofMillis(200))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    CompletableFuture<Integer> sent = contributor.broadcast("log", 1);
    Await.until(() -> proxy.acceptedConnections() >= 3, "several connection attempts");
    assertFalse(sent.isDone(), "a send waits through failed attempts");
    proxy.resume();
    assertEquals(0, Await.get(sent));
  }
}
