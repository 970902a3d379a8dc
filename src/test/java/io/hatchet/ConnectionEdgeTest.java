package io.hatchet;

import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.hatchet.FakeHub.Connection;
import io.hatchet.FakeHub.Request;
import io.hatchet.testing.FaultProxy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's connection against hubs that misbehave as a real hub cannot be made to: a
 * handshake that hangs, a socket.io CONNECT refused or never answered, a connection dropped
 * mid-auth, garbage frames. The hubs are a {@link FakeHub}, a {@link BlackholeServer} or a bare
 * MockWebServer; {@link AckEdgeTest} has the hub's answers to requests.
 */
class ConnectionEdgeTest {
  private final Closer closer = new Closer();

  @AfterEach
  void closeAll() {
    closer.close();
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    return closer.add(closeable);
  }

  // 1. A handshake that never completes.

  @Test
  void handshakeThatNeverCompletesIsRetriedAndCloseFailsWhatWaits() throws Exception {
    MockWebServer server = new MockWebServer();
    for (int i = 0; i < 20; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    server.start(InetAddress.getLoopbackAddress(), 0);
    closeLater(server::shutdown);
    ConnectionEvents listener = new ConnectionEvents();
    Hatchet hatchet = closeLater(Hatchet.builder("http://127.0.0.1:" + server.getPort())
        .connectTimeout(Duration.ofMillis(300))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .listener(listener)
        .build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Contributor contributor = hatchet.contributor("demo", "kkey");
    CompletableFuture<Void> ready = consumer.ready();
    CompletableFuture<Integer> sent = contributor.broadcast("log", Map.of("n", 1));

    assertNotNull(server.takeRequest(Await.SECONDS, TimeUnit.SECONDS), "no first attempt");
    assertNotNull(server.takeRequest(Await.SECONDS, TimeUnit.SECONDS), "no retry");
    assertTrue(listener.next().startsWith("disconnected"), "the timed-out attempt is reported");

    // An attempt that timed out must neither fail nor send what waits for the connection.
    assertFalse(ready.isDone(), "ready() ended without a connection");
    assertFalse(sent.isDone(), "the queued broadcast ended without a connection");
    assertFalse(hatchet.isConnected());

    long start = System.nanoTime();
    hatchet.close();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 3_000, "close() took " + millis + " ms");
    Await.failure(ready, ClosedException.class);
    Await.failure(sent, ClosedException.class);
    Await.failure(contributor.ready(), ClosedException.class);
  }

  @Test
  void anAttemptThatTimedOutLetsGoOfItsConnection() throws Exception {
    BlackholeServer hole = closeLater(new BlackholeServer());
    closeLater(Hatchet.builder(hole.url())
        .connectTimeout(Duration.ofMillis(300))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .build());
    BlackholeServer.Peer first = hole.accepted();
    hole.accepted(); // the retry: the first attempt has timed out by now
    assertTrue(first.closedByClient(5), "the client still holds the connection of an attempt "
        + "that timed out (" + hole.openCount() + " of " + hole.acceptedCount() + " open)");
  }

  @Test
  void closeLetsGoOfAHangingHandshake() throws Exception {
    BlackholeServer hole = closeLater(new BlackholeServer());
    Hatchet hatchet = closeLater(Hatchet.builder(hole.url()).build()); // 10 s connect timeout
    BlackholeServer.Peer peer = hole.accepted();
    hatchet.close();
    assertTrue(peer.closedByClient(5), "close() left the hanging handshake's connection open");
  }

  // 2. A socket.io CONNECT refused or never answered.

  @Test
  void namespaceConnectRefusedIsRetried() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    // socket.io's CONNECT_ERROR, then a v2-style CONNECT without sid, then a proper one.
    hub.connectAnswer = index -> switch (index) {
      case 1 -> "44{\"message\":\"not now\"}";
      case 2 -> "40{}";
      default -> "40{\"sid\":\"def\"}";
    };
    ConnectionEvents listener = new ConnectionEvents();
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .listener(listener)
        .build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    Await.get(consumer.ready());
    assertEquals(3, hub.connectionCount());
    assertTrue(listener.next().contains("not now"), "the hub's reason is reported");
    assertTrue(listener.next().startsWith("disconnected"));
    assertEquals("connected", listener.next());
    Request auth = hub.next();
    assertEquals("auth", auth.event);
    assertEquals(3, auth.connection.index, "only a connected socket authenticates");
  }

  @Test
  void unansweredNamespaceConnectTimesOutAndTheConnectionIsClosed() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    // Connection 1 opens Engine.IO but never answers socket.io's CONNECT.
    hub.connectAnswer = index -> index == 1 ? null : "40{\"sid\":\"def\"}";
    // Connection 1 waits it out; connection 2's whole handshake must fit in it, or a third one
    // comes. A loaded machine can hold a handshake up for a few hundred ms.
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url())
        .connectTimeout(Duration.ofSeconds(1))
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .build());
    Contributor contributor = hatchet.contributor("demo", "kkey");
    CompletableFuture<Integer> sent = contributor.broadcast("log", Map.of("n", 1));
    assertEquals(1, Await.get(sent));
    assertEquals(2, hub.connectionCount());
    assertTrue(hub.connection(1).closed.await(5, TimeUnit.SECONDS),
        "the client did not close the connection it gave up on");
  }

  // 3. A connection that closes while a session authenticates.

  @Test
  void connectionDroppedMidAuthIsReopenedAndAuthenticatesAgain() throws Exception {
    closedMidAuth(proxy -> proxy.cut()); // TCP closed, no close frame
  }

  @Test
  void closeFrameMidAuthIsNoticedAtOnce() throws Exception {
    closedMidAuth(null); // the hub sends a close frame
  }

  /** The hub closes connection 1 when it gets the auth; connection 2 is a normal one. */
  private void closedMidAuth(java.util.function.Consumer<FaultProxy> drop) throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    FaultProxy proxy = closeLater(FaultProxy.to("127.0.0.1", hub.server.getPort()));
    hub.script = request -> {
      if (!request.event.equals("auth") || request.connection.index != 1) return false;
      if (drop != null) {
        drop.accept(proxy);
      } else {
        request.connection.webSocket.close(1001, "going away");
      }
      return true;
    };
    Hatchet hatchet = closeLater(Hatchet.builder(proxy.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .ackTimeout(Duration.ofSeconds(30))
        .build());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    BlockingQueue<JsonElement> received = new LinkedBlockingQueue<>();
    CompletableFuture<Void> watched = consumer.watch("log", received::add);

    Request auth1 = hub.next();
    assertEquals("auth", auth1.event);
    assertEquals(1, auth1.connection.index);
    // The reconnect delay is at most 50 ms: 5 s is plenty, and far below the 30 s ack timeout.
    Request auth2 = hub.unread.poll(5, TimeUnit.SECONDS);
    assertNotNull(auth2, "no second auth 5 s after the hub closed the connection");
    assertEquals("auth", auth2.event);
    assertEquals(2, auth2.connection.index, "the second auth must come on a new connection");
    assertEquals(auth1.session(), auth2.session());
    Await.get(consumer.ready());

    Request watch = hub.next();
    assertEquals("watch", watch.event, "the queued watch is sent after the second auth");
    assertEquals(2, watch.connection.index);
    assertEquals("[\"log\"]", watch.argument.get("events").toString());
    Await.get(watched);

    watch.connection.deliver("log", "{\"n\":1}", auth2.session());
    assertEquals("{\"n\":1}", poll(received).toString());
    assertEquals(2, hub.connectionCount());
    assertEquals(2, proxy.acceptedConnections());
  }

  // 4. Garbage from the hub.

  @Test
  void garbageFromTheHubIsIgnoredAndAnEngineParseErrorReconnects() throws Exception {
    FakeHub hub = closeLater(new FakeHub());
    ConnectionEvents listener = new ConnectionEvents();
    Hatchet hatchet = closeLater(Hatchet.builder(hub.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
        .listener(listener)
        .build());
    assertEquals("connected", listener.next());
    Consumer consumer = hatchet.consumer("demo", "ckey");
    BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("log",
        data -> received.add(data.getAsJsonObject().get("n").getAsInt())));
    Connection first = hub.connection(1);
    String session = hub.requests.get(0).session();

    first.send("42not json");
    first.send("4");
    first.send(ByteString.of((byte) 1, (byte) 2, (byte) 3)); // binary, no binary packet pending
    first.send("42[\"deliver\",\"not an object\"]");
    first.send("42[\"deliver\",{\"event\":\"log\"}]"); // no sessions
    first.send("42[\"deliver\",{\"sessions\":[\"" + session + "\"]}]"); // no event
    first.deliver("log", "{\"n\":-1}", "nobody"); // an unknown session
    first.deliver("unwatched", "{\"n\":-2}", session);
    first.send("43999[{\"ok\":true}]"); // an answer to nothing
    first.send("42[\"surprise\",{}]"); // an event the client does not know
    first.deliver("log", "{\"n\":1}", session);
    // Frames arrive in order: n=1 reaching the handler proves the garbage before it was survived.
    assertEquals(1, poll(received));
    assertEquals(1, hub.connectionCount(), "garbage above must not cost the connection");

    // A deliver packing several delivery objects: each is handled, in order; a bad one is skipped.
    String object = "{\"event\":\"log\",\"sessions\":[\"" + session + "\"],\"data\":";
    first.send("42[\"deliver\"," + object + "{\"n\":10}},\"garbage\"," + object + "{\"n\":11}},"
        + object + "{\"n\":12}}]");
    assertEquals(10, poll(received));
    assertEquals(11, poll(received));
    assertEquals(12, poll(received));

    // An Engine.IO packet type that does not exist is a parser error: engine.io-client closes the
    // transport ("transport error"), and the client reconnects, authenticates and watches again.
    first.send("9999");
    assertTrue(listener.next().startsWith("disconnected"));
    assertEquals("connected", listener.next());
    Request auth = hub.next(request -> request.connection.index == 2);
    assertEquals("auth", auth.event);
    Request rewatch = hub.next(request -> request.connection.index == 2);
    assertEquals("watch", rewatch.event);
    assertEquals("[\"log\"]", rewatch.argument.get("events").toString());
    hub.connection(2).deliver("log", "{\"n\":2}", session);
    assertEquals(2, poll(received));
    assertTrue(received.isEmpty(), "unexpected deliveries: " + received);
  }
}
