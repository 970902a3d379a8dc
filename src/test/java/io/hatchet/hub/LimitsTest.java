package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each of the hub's bounds, reached: refused with its code, the connection that reached it
 * still served within the bound, and the other clients not affected.
 */
class LimitsTest {
  private final HubClients clients = new HubClients();

  @AfterEach void tearDown() {
    clients.close();
  }

  private HatchetHub start(HatchetHub.Builder builder) {
    return clients.startHub(builder.app(TestTokens.app())).hub();
  }

  /** Another client, which must be served as if nothing happened. */
  private void assertOthersServed() throws Exception {
    RawClient other = clients.connect();
    other.authOk("k9", TestApps.CONTRIBUTOR_KEY);
    assertOk(other.call("publish", json("session", "k9", "event", "log", "data", 1)));
  }

  private static void assertTooMany(JSONObject answer, String bound) {
    assertError("too_many", answer);
    String message = answer.getJSONObject("error").getString("message");
    assertTrue(message.contains(bound), message);
  }

  @Test void sessionsPerConnection() throws Exception {
    start(HatchetHub.builder().maxSessionsPerConnection(3));
    RawClient client = clients.connect();
    for (String session : new String[] {"c1", "c2", "c3"}) {
      client.authOk(session, TestApps.CONSUMER_KEY);
    }
    assertTooMany(client.authWith("c4", TestApps.CONSUMER_KEY), "sessions on one connection");
    assertOk(client.call("end", json("session", "c3")));
    client.authOk("c4", TestApps.CONSUMER_KEY);
    assertOthersServed();
  }

  @Test void watchesPerConsumer() throws Exception {
    start(HatchetHub.builder().maxWatchesPerConsumer(2));
    RawClient client = clients.connect();
    client.authOk("c1", TestApps.CONSUMER_KEY);
    assertOk(client.call("watch", json("session", "c1", "events", new String[] {"a", "b"})));
    assertTooMany(client.call("watch", json("session", "c1", "events", new String[] {"c"})),
        "events watched by one consumer");
    // Watching again what it watches adds nothing; after an unwatch there is room again.
    assertOk(client.call("watch", json("session", "c1", "events", new String[] {"a"})));
    assertOk(client.call("unwatch", json("session", "c1", "events", new String[] {"b"})));
    assertOk(client.call("watch", json("session", "c1", "events", new String[] {"c"})));
    assertOthersServed();
  }

  @Test void roomsPerConsumer() throws Exception {
    start(HatchetHub.builder().maxRoomsPerConsumer(2));
    RawClient consumer = clients.connect();
    consumer.keyConsumer("c1", "x", "log");
    RawClient producer = clients.producer("p1");
    assertOk(producer.room("join", "p1", "r1", "x"));
    assertOk(producer.room("join", "p1", "r2", "x"));
    assertTooMany(producer.room("join", "p1", "r3", "x"), "rooms of one consumer");
    assertOk(producer.room("join", "p1", "r2", "x")); // already in it
    assertEquals(1, producer.publishToRooms("p1", "log", "hi", "r2"));
    assertEquals("hi", consumer.nextDeliver().getString("data"));
    assertOthersServed();
  }

  @Test void publishersPerApp() throws Exception {
    start(HatchetHub.builder().maxPublishersPerApp(2));
    RawClient client = clients.contributor("k1");
    for (String publisher : new String[] {"p1", "p2"}) {
      assertOk(client.call("publish", publish(publisher, 1)));
    }
    assertTooMany(client.call("publish", publish("p3", 1)), "publisher ids of one app");
    assertOk(client.call("publish", publish("p1", 2)));
    // Without a publisher id, a publish is remembered by nobody: never refused for this.
    assertOk(client.call("publish", json("session", "k1", "event", "log", "data", 0)));
  }

  private static JSONObject publish(String publisher, long seq) {
    return json("session", "k1", "event", "log", "data", seq, "publisher", publisher, "seq", seq);
  }

  @Test void targetsPerPublish() throws Exception {
    start(HatchetHub.builder().maxTargetsPerPublish(2));
    RawClient client = clients.contributor("k1");
    assertOk(client.call("publish", json("session", "k1", "event", "log", "data", 1,
        "to", new String[] {"a", "b"})));
    assertTooMany(client.call("publish", json("session", "k1", "event", "log", "data", 1,
        "to", new String[] {"a", "b", "c"})), "aliases in 'to' of one publish");
    RawClient producer = clients.producer("p1");
    assertTooMany(producer.call("publish", json("session", "p1", "event", "log", "data", 1,
        "rooms", new String[] {"a", "b", "c"})), "rooms in 'rooms' of one publish");
    assertOthersServed();
  }

  @Test void connectionsPerIp() throws Exception {
    HatchetHub hub = start(HatchetHub.builder().maxConnectionsPerIp(2));
    RawClient first = clients.connect();
    clients.connect();
    OkHttpClient http = new OkHttpClient();
    try {
      String handshake = hub.url() + "/socket.io/?EIO=4&transport=polling";
      try (Response refused = http.newCall(new Request.Builder().url(handshake).build())
          .execute()) {
        assertEquals(429, refused.code());
      }
      clients.close(first);
      LifecycleTest.await(() -> hub.connectionCount() == 1, () -> "still "
          + hub.connectionCount());
      try (Response admitted = http.newCall(new Request.Builder().url(handshake).build())
          .execute()) {
        assertEquals(200, admitted.code());
        assertTrue(admitted.body().string().startsWith("0{"));
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test void requestsPerSecond() throws Exception {
    HatchetHub hub = start(HatchetHub.builder().maxRequestsPerSecond(5));
    try (RawEngineIo raw = new RawEngineIo(hub.url())) {
      // A burst of one second's worth is served; the rest of a burst is refused, unread.
      int requests = 8;
      for (int id = 1; id <= requests; id++) {
        raw.send("42" + id + "[\"ping\",{}]");
      }
      int served = 0;
      int limited = 0;
      for (int id = 1; id <= requests; id++) {
        JSONObject answer = raw.ack(id).getJSONObject(0);
        if (answer.getBoolean("ok")) {
          served++;
        } else {
          assertEquals("rate_limited", answer.getJSONObject("error").getString("code"));
          limited++;
        }
      }
      assertTrue(served >= 5 && limited >= 1, served + " served, " + limited + " limited");
      // Going on at many times the rate: the hub closes the connection.
      int id = 100;
      while (id < 150 && raw.trySend("42" + id + "[\"ping\",{}]")) {
        id++; // until the hub has closed it, or 50 more
      }
      String end = null;
      for (int frames = 0; frames < 100 && end == null; frames++) {
        String frame = raw.next();
        if (frame.startsWith("closed") || frame.startsWith("failure")) {
          end = frame;
        }
      }
      assertTrue(end != null, "the connection was not closed");
    }
    assertOthersServed();
  }

  @Test void handshakeTimeout() throws Exception {
    HatchetHub hub = start(HatchetHub.builder().handshakeTimeout(Duration.ofMillis(300)));
    // A connection that never sends a request, and one that opens Engine.IO but never joins.
    try (Socket silent = new Socket("127.0.0.1", hub.port())) {
      silent.setSoTimeout(5_000);
      assertEquals(-1, silent.getInputStream().read(), "closed by the hub");
    }
    try (WireSocket ws = WireSocket.upgrade(hub, 0)) {
      assertTrue(ws.closedWithin(Duration.ofSeconds(5)), "a WebSocket that never joined");
    }
    assertOthersServed();
  }
}
