package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: ws:// and wss:// URLs were once accepted, then failed on the connection's thread and left
 * the Hatchet CONNECTING for good; and a URL with a path had its path silently replaced by
 * /socket.io/. Both schemes now work, and a path is refused with a pointer to Builder.path.
 */
/** The hub URLs a Hatchet accepts, and what it makes of them. */
class UrlTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aWsUrlConnectsAndWorksLikeHttp() {
    Hatchet hatchet = fixture.track(Hatchet.connect("ws://127.0.0.1:" + fixture.hub.port()));
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    ready(consumer);
    Await.get(consumer.watch("log", data -> received.add(data.getAsInt())));
    assertEquals(1, Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("log", 7)));
    assertEquals(7, poll(received));
    assertTrue(hatchet.isConnected());
  }

  @Test
  void aWssUrlToAPlainHubFailsAndIsTriedAgain() {
    ConnectionEvents events = new ConnectionEvents();
    Hatchet hatchet = fixture.track(Hatchet.builder("wss://127.0.0.1:" + fixture.hub.port())
        .connectTimeout(Duration.ofSeconds(2))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .listener(events)
        .build());
    // TLS to a hub that speaks plain HTTP: each attempt fails, is reported and made again.
    for (String attempt : new String[] {"first", "second"}) {
      String event = next(events);
      assertTrue(event.startsWith("disconnected"), "the " + attempt + " attempt: " + event);
    }
    assertFalse(hatchet.isConnected());
  }

  @Test
  void aUrlWithAPathIsRefusedAndTheMessageSaysToUsePath() {
    String base = "http://127.0.0.1:" + fixture.hub.port();
    Hatchet.builder(base + "/"); // no path but the root: accepted
    for (String url : new String[] {base + "/prefix", base + "/prefix/", "ws://127.0.0.1:1/hub"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Hatchet.builder(url), url + " was accepted, and its path would be dropped");
      assertTrue(e.getMessage().contains(".path("), "the message does not point to "
          + "Hatchet.builder(url).path(...): " + e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> fixture.track(Hatchet.connect(base + "/prefix")));
  }

  /** The next connection event within 10 s; fails if there is none. */
  private static String next(ConnectionEvents events) {
    try {
      String event = events.events.poll(10, TimeUnit.SECONDS);
      if (event == null) fail("no attempt to connect was reported within 10 s");
      return event;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for {@code session} to be ready; fails with its state if it is not within 10 s. */
  private static void ready(Session session) {
    try {
      session.ready().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      fail(session + " not ready after 10 s: " + session.state());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
