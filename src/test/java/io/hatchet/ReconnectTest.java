package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After the connection drops and comes back, every session carries on where it was. */
class ReconnectTest {
  private final HubFixture fixture = new HubFixture();
  private final BlockingQueue<String> connections = new LinkedBlockingQueue<>();
  private final HatchetListener listener = new HatchetListener() {
    @Override
    public void onConnected(String url) {
      connections.add("connected");
    }

    @Override
    public void onDisconnected(String url, String reason) {
      connections.add("disconnected");
    }
  };

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  private Hatchet hatchet(String url) {
    return fixture.track(Hatchet.builder(url)
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100))
        .listener(listener)
        .build());
  }

  private void expect(String what) throws InterruptedException {
    assertEquals(what, connections.poll(Await.SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void sessionsComeBackAfterTheHubDropsTheConnection() throws Exception {
    Hatchet hatchet = hatchet(fixture.hub.url());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("log", data -> received.add(data.getAsInt())));
    Await.get(consumer.alias("frederick"));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    expect("connected");

    fixture.hub.disconnectAll(); // a server-side disconnect: socket.io would not reconnect by itself
    expect("disconnected");
    expect("connected");

    assertEquals(1, Await.get(contributor.send("log", 7, "frederick")), "watch and alias restored");
    assertEquals(7, received.poll(Await.SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void sendsQueuedWhileDisconnectedArriveInOrderAfterTheCut() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Hatchet consumerSide = hatchet(fixture.hub.url());
    Hatchet contributorSide = hatchet(proxy.url());
    Consumer consumer = consumerSide.consumer(APP, CONSUMER_KEY);
    List<Integer> received = Collections.synchronizedList(new ArrayList<>());
    int count = 300;
    CountDownLatch done = new CountDownLatch(count);
    Await.get(consumer.watch("seq", data -> {
      received.add(data.getAsInt());
      done.countDown();
    }));
    Contributor contributor = contributorSide.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    expect("connected");
    expect("connected");

    proxy.stall();
    proxy.cut();
    expect("disconnected");
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) sent.add(contributor.broadcast("seq", i));
    proxy.resume();

    Await.latch(done);
    assertEquals(count, received.size());
    for (int i = 0; i < count; i++) {
      assertEquals(i, received.get(i));
      assertEquals(1, Await.get(sent.get(i)));
    }
  }

  @Test
  void sendsInFlightWhenTheConnectionIsCutAreSentAgain() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Consumer consumer = hatchet(fixture.hub.url()).consumer(APP, CONSUMER_KEY);
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("seq", data -> received.add(data.getAsInt())));
    expect("connected");
    Contributor contributor = hatchet(proxy.url()).contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    expect("connected");

    proxy.stall(); // what the contributor sends now leaves it but never reaches the hub
    long before = proxy.bytesFromClients();
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) sent.add(contributor.broadcast("seq", i));
    // The proxy holds what it read; the first send at least is now sent and unanswered.
    Await.until(() -> proxy.bytesFromClients() > before, "the sends are on the wire");
    proxy.cut();
    expect("disconnected");
    proxy.resume();

    for (int i = 0; i < 50; i++) {
      assertEquals(1, Await.get(sent.get(i)));
      assertEquals(i, received.poll(Await.SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void closeDuringReconnectEndsEveryFutureOnceAndLeavesNoThread() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Hatchet hatchet = hatchet(proxy.url());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(contributor.ready());
    expect("connected");

    proxy.stall(); // reconnect attempts hang from now on
    proxy.cut();
    expect("disconnected");
    Await.until(() -> contributor.state() == State.RECONNECTING, "reconnecting");
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 300; i++) queued.add(contributor.broadcast("log", i));
    AtomicInteger endings = new AtomicInteger();
    for (CompletableFuture<Integer> future : queued) {
      future.whenComplete((n, e) -> endings.incrementAndGet());
    }

    hatchet.close();
    for (CompletableFuture<Integer> future : queued) Await.failure(future, ClosedException.class);
    Await.until(() -> endings.get() == 300, "every future ended: " + endings.get());
    fixture.close();
    Await.until(() -> Await.hatchetThreads().isEmpty(), "no thread left: " + Await.hatchetThreads());
  }

  @Test
  void changesMadeWhileDisconnectedTakeEffectAfterTheCut() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Hatchet hatchet = hatchet(proxy.url());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("log", data -> {}));
    Await.get(consumer.alias("before"));
    expect("connected");

    proxy.stall();
    proxy.cut();
    expect("disconnected");
    CompletableFuture<Void> unwatched = consumer.unwatch("log");
    CompletableFuture<Void> watched = consumer.watch("signup", data -> {});
    CompletableFuture<Void> renamed = consumer.alias("after");
    proxy.resume();
    Await.get(unwatched);
    Await.get(watched);
    Await.get(renamed);

    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(0, Await.get(contributor.broadcast("log", 1)));
    assertEquals(1, Await.get(contributor.broadcast("signup", 1)));
    assertEquals(0, Await.get(contributor.send("signup", 1, "before")));
    assertEquals(1, Await.get(contributor.send("signup", 1, "after")));
  }
}
