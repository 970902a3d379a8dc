package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: a wrong URL, a hub that was down or https:// to a plain hub left ready() waiting in
 * CONNECTING with nothing logged unless log(true) was set, and a hub that closed was reported as
 * "transport error: EOFException".
 */
/**
 * The usual mistakes in reaching a hub, each told in words: on the log at WARN (the first failed
 * attempt, then one a minute at most), to the HatchetListener and to every session's
 * StateListener; and failIfNotConnectedWithin for those who would rather fail fast.
 */
class ConnectFailureTest {
  private final Closer closer = new Closer();

  @AfterEach
  void closeAll() {
    closer.close();
  }

  @Test void aClosedPortIsConnectionRefusedWarnedOnceAndToldToEveryListener() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    long mark = TestLog.mark();
    ConnectionEvents events = new ConnectionEvents();
    Hatchet hatchet = closer.add(quick(url).listener(events).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Reasons heard = new Reasons();
    consumer.addStateListener(heard);

    String expected = "cannot connect: connection refused";
    for (int attempt = 0; attempt < 3; attempt++) {
      String event = events.next();
      assertTrue(event.startsWith("disconnected: " + expected), event);
    }
    assertTrue(heard.next().startsWith(expected), "the StateListener heard another reason");
    assertEquals(State.CONNECTING, consumer.state(), "never connected: still connecting");
    assertFalse(consumer.ready().isDone());

    // Three failures within a minute: the first is logged at WARN, with the URL; not the others.
    List<String> warnings = TestLog.linesSince(mark, "cannot connect to " + url + ":");
    assertEquals(1, warnings.size(), () -> "warned " + warnings);
    assertTrue(warnings.get(0).contains("WARN"), warnings.get(0));
    assertTrue(warnings.get(0).contains("connection refused"), warnings.get(0));
  }

  @Test void anUnknownHostIsSaidSo() {
    ConnectionEvents events = new ConnectionEvents();
    closer.add(quick("http://no-such-host.invalid:7800").listener(events).build());
    String reason = Await.get(events.firstDisconnect);
    assertTrue(reason.startsWith("cannot connect: unknown host"), reason);
  }

  @Test void httpsToAPlainHubSaysTheServerDoesNotSpeakTls() {
    HubFixture fixture = closer.add(new HubFixture());
    ConnectionEvents events = new ConnectionEvents();
    closer.add(quick("https://127.0.0.1:" + fixture.hub.port()).listener(events).build());
    String reason = Await.get(events.firstDisconnect);
    assertTrue(reason.startsWith("cannot connect: TLS handshake failed: the server does not "
        + "speak TLS"), reason);
  }

  @Test void aWrongPathIsTheHttpStatus() {
    HubFixture fixture = closer.add(new HubFixture());
    ConnectionEvents events = new ConnectionEvents();
    closer.add(quick(fixture.hub.url()).path("/events/socket.io/").listener(events).build());
    String reason = Await.get(events.firstDisconnect);
    assertTrue(reason.startsWith("cannot connect: the server answered the WebSocket upgrade "
        + "with HTTP 404"), reason);
  }

  @Test void aServerThatNeverAnswersIsATimeout() throws Exception {
    BlackholeServer hole = closer.add(new BlackholeServer());
    ConnectionEvents events = new ConnectionEvents();
    closer.add(quick(hole.url()).connectTimeout(Duration.ofMillis(200)).listener(events).build());
    String reason = Await.get(events.firstDisconnect);
    assertEquals("cannot connect: timeout: no connection within 200 ms (connectTimeout)", reason);
  }

  @Test void failIfNotConnectedWithinFailsReadyAndWhatWasQueuedWithTheUrlAndTheReason()
      throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    Hatchet hatchet = closer.add(quick(url)
        .failIfNotConnectedWithin(Duration.ofMillis(300))
        .build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    CompletableFuture<Integer> queued = contributor.broadcast("log", Map.of("n", 1));

    NotConnectedException e = Await.failure(consumer.ready(), NotConnectedException.class);
    assertEquals(url, e.url());
    assertTrue(e.reason().startsWith("connection refused"), e.reason());
    assertTrue(e.getMessage().contains(url) && e.getMessage().contains("connection refused"),
        e.getMessage());
    assertEquals("not_connected", e.code());
    Await.failure(queued, NotConnectedException.class);
    assertEquals(State.FAILED, consumer.state());
    // Given up for good: later calls, and sessions made later, fail the same way.
    Await.failure(contributor.broadcast("log", 2), NotConnectedException.class);
    Await.failure(hatchet.consumer(APP, CONSUMER_KEY).ready(), NotConnectedException.class);
  }

  @Test void failIfNotConnectedWithinPlaysNoPartOnceConnected() {
    HubFixture fixture = closer.add(new HubFixture());
    // Long enough for a first connection on a loaded machine, which is not what this tests.
    Duration window = Duration.ofSeconds(3);
    long deadline = System.nanoTime() + window.toNanos();
    Hatchet hatchet = closer.add(quick(fixture.hub.url())
        .failIfNotConnectedWithin(window)
        .build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Reasons heard = new Reasons();
    consumer.addStateListener(heard);
    Await.get(consumer.watch("log", data -> {}));
    // Past the deadline, a drop is followed by a reconnect as always.
    Await.until(() -> System.nanoTime() - deadline > 0, "the deadline passed");
    assertEquals(State.CONNECTED, consumer.state());
    fixture.hub.disconnectAll();
    assertTrue(heard.next().startsWith("hub closed the connection"));
    Await.until(() -> consumer.state() == State.CONNECTED, "the consumer reconnected");
    assertEquals(1, Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("log", 1)));
  }

  @Test void aHubThatClosesIsHubClosedTheConnection() {
    HubFixture fixture = new HubFixture();
    ConnectionEvents events = new ConnectionEvents();
    Hatchet hatchet = closer.add(quick(fixture.hub.url()).listener(events).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Reasons heard = new Reasons();
    consumer.addStateListener(heard);
    Await.get(consumer.ready());
    assertEquals("connected", events.next());
    fixture.close();
    String event = events.next();
    assertTrue(event.startsWith("disconnected: hub closed the connection"), event);
    assertTrue(heard.next().startsWith("hub closed the connection"), "the StateListener heard "
        + "another reason");
  }

  private static Hatchet.Builder quick(String url) {
    return Hatchet.builder(url).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  /** A port on loopback where nothing listens: one that was free a moment ago. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The reasons a StateListener's onDisconnect hears, in order. */
  private static final class Reasons implements StateListener {
    final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();

    @Override public void onDisconnect(String reason) {
      reasons.add(reason);
    }

    String next() {
      return Queues.poll(reasons);
    }
  }
}
