package io.hatchet.bench;

import com.google.gson.JsonElement;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * A publisher and its consumers, each on a connection of its own, as a user's code would have
 * them: {@link Hatchet} (against the hub or the Node baseline), or bare socket.io-client-java
 * (against {@link RawHub}); or the load generator's {@link RawFleet}, which costs the client side
 * least and so shows the server's share of latency. Consumers hand each event's {@code t} to a
 * sink.
 */
interface ClientStack extends AutoCloseable {
  /** Connects the publisher and {@code consumers} consumers watching {@code event}; waits. */
  void start(String url, int consumers, String event, LongConsumer sink) throws Exception;

  /** Publishes one event, without waiting for anything. */
  void publish(long seq, long t);

  /** Publishes refused or failed so far. */
  long failures();

  @Override void close();

  /** hatchet's client: a Contributor, and each Consumer on a Hatchet of its own. */
  final class HatchetClient implements ClientStack {
    private final List<Hatchet> hatchets = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private Contributor contributor;
    private String event;

    @Override public void start(String url, int consumers, String event, LongConsumer sink)
        throws Exception {
      this.event = event;
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int i = 0; i < consumers; i++) {
        Hatchet hatchet = Hatchet.connect(url);
        hatchets.add(hatchet);
        Consumer consumer = hatchet.consumer(Payload.APP, Payload.CONSUMER_KEY);
        ready.add(consumer.watch(event, (JsonElement data) ->
            sink.accept(data.getAsJsonObject().get("t").getAsLong())));
      }
      Hatchet publisher = Hatchet.connect(url);
      hatchets.add(publisher);
      contributor = publisher.contributor(Payload.APP, Payload.CONTRIBUTOR_KEY);
      ready.add(contributor.ready());
      CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    }

    @Override public void publish(long seq, long t) {
      contributor.broadcast(event, Payload.event(seq, t)).whenComplete((routed, error) -> {
        if (error != null) failures.incrementAndGet();
      });
    }

    @Override public long failures() {
      return failures.get();
    }

    @Override public void close() {
      hatchets.forEach(Hatchet::close);
    }
  }

  /**
   * Bare socket.io-client-java 2.1.2 on OkHttp 4.12, set up as close to hatchet's client as it
   * goes (WebSocket only, one OkHttp client per connection, no reconnection): the difference is
   * what hatchet's client costs over the plain Java client. Listeners run on socket.io's EventThread, as they would
   * in an application using it directly.
   */
  final class SocketIoClient implements ClientStack {
    private final List<Socket> sockets = new ArrayList<>();
    private final List<OkHttpClient> clients = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private Socket publisher;
    private String event;

    @Override public void start(String url, int consumers, String event, LongConsumer sink)
        throws Exception {
      this.event = event;
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int i = 0; i < consumers; i++) {
        Socket socket = socket(url);
        socket.on("deliver", args ->
            sink.accept(((JSONObject) args[0]).getJSONObject("data").getLong("t")));
        CompletableFuture<Void> watching = new CompletableFuture<>();
        socket.on(Socket.EVENT_CONNECT, args -> socket.emit("watch",
            new Object[] {new JSONObject().put("events", List.of(event))},
            (Ack) answer -> watching.complete(null)));
        ready.add(watching);
        socket.connect();
      }
      publisher = socket(url);
      CompletableFuture<Void> connected = new CompletableFuture<>();
      publisher.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
      ready.add(connected);
      publisher.connect();
      CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    }

    private Socket socket(String url) {
      OkHttpClient http = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();
      clients.add(http);
      IO.Options options = new IO.Options();
      options.forceNew = true;
      options.reconnection = false;
      options.transports = new String[] {WebSocket.NAME};
      options.callFactory = http;
      options.webSocketFactory = http;
      Socket socket = IO.socket(URI.create(url), options);
      sockets.add(socket);
      return socket;
    }

    @Override public void publish(long seq, long t) {
      JSONObject data = new JSONObject().put("seq", seq).put("t", t).put("user", Payload.USER)
          .put("action", Payload.ACTION).put("page", Payload.PAGE);
      publisher.emit("publish", new Object[] {new JSONObject().put("event", event).put("data", data)},
          (Ack) answer -> {
            if (!(answer.length > 0 && answer[0] instanceof JSONObject a && a.optBoolean("ok"))) {
              failures.incrementAndGet();
            }
          });
    }

    @Override public long failures() {
      return failures.get();
    }

    @Override public void close() {
      sockets.forEach(Socket::close);
      for (OkHttpClient http : clients) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    }
  }

  /** The raw load generator's connections, speaking hatchet's protocol (hub or Node). */
  final class Raw implements ClientStack {
    private final RawFleet fleet;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong ackIds = new AtomicLong(100);
    private List<RawConnection> consumers = List.of();
    private RawConnection publisher;
    private String event;

    Raw(RawFleet fleet) {
      this.fleet = fleet;
    }

    @Override public void start(String url, int consumers, String event, LongConsumer sink)
        throws Exception {
      this.event = event;
      this.consumers = fleet.openMany(url, consumers, Payload.consumerSetup(event),
          new RawConnection.Listener() {
            @Override public void onDeliver(io.netty.buffer.ByteBuf delivery) {
              sink.accept(RawConnection.timestamp(delivery));
            }
          }, 30);
      publisher = fleet.open(url, Payload.contributorSetup(), new RawConnection.Listener() {
        @Override public void onAck(boolean ok) {
          if (!ok) failures.incrementAndGet();
        }
      }).get(30, TimeUnit.SECONDS);
    }

    @Override public void publish(long seq, long t) {
      publisher.send(Payload.publishFrame(ackIds.getAndIncrement(), event, seq, t));
    }

    @Override public long failures() {
      return failures.get();
    }

    @Override public void close() {
      if (publisher != null) publisher.close();
      RawFleet.closeAll(consumers);
    }
  }
}
