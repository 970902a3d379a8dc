package io.hatchet;

import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;

/**
 * A scripted hub made of MockWebServer, for what a real hub cannot be made to do: every request
 * is upgraded to a WebSocket that speaks Engine.IO 4 and socket.io 4, hands each request the
 * client sends to {@link #script}, and otherwise answers like a hub.
 */
final class FakeHub implements AutoCloseable {
  private static final String OPEN = "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,"
      + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

  final MockWebServer server = new MockWebServer();
  final List<Connection> connections = new CopyOnWriteArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final BlockingQueue<Request> unread = new LinkedBlockingQueue<>();
  volatile Script script = request -> false;
  /** What connection N answers to socket.io's CONNECT; null for no answer at all. */
  volatile IntFunction<String> connectAnswer = index -> "40{\"sid\":\"def\"}";

  FakeHub() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Connection connection = new Connection(FakeHub.this, connections.size() + 1);
        connections.add(connection);
        return new MockResponse().withWebSocketUpgrade(connection);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  int connectionCount() {
    return connections.size();
  }

  /** Connection {@code index}, counted from 1 in the order the client opened them. */
  Connection connection(int index) {
    return connections.get(index - 1);
  }

  /** The next request the client sent, in order. */
  Request next() {
    return poll(unread);
  }

  /** The next request that matches, skipping those that do not. */
  Request next(Predicate<Request> matches) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
    while (true) {
      Request request = unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (request == null) fail("no matching request; seen " + requests);
      if (matches.test(request)) return request;
    }
  }

  private void received(Request request) {
    requests.add(request);
    unread.add(request);
    if (script.handle(request)) return;
    switch (request.event) {
      case "auth" -> request.answer("{\"ok\":true,\"session\":\"" + request.session()
          + "\",\"role\":\"" + (request.session().startsWith("k") ? "contributor" : "consumer")
          + "\",\"events\":[\"*\"],\"maxMessageBytes\":1048576}");
      case "publish" -> request.answer("{\"ok\":true,\"routed\":1}");
      default -> request.answer("{\"ok\":true}");
    }
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  /** Decides how the fake hub treats one request; returns false to let it answer as a hub would. */
  interface Script {
    boolean handle(Request request);
  }

  /** A request the client sent: {@code 42<ack id>["event", {argument}]}. */
  static final class Request {
    final Connection connection;
    final int ackId;
    final String event;
    final JsonObject argument;

    Request(Connection connection, int ackId, String event, JsonObject argument) {
      this.connection = connection;
      this.ackId = ackId;
      this.event = event;
      this.argument = argument;
    }

    String session() {
      JsonElement session = argument.get("session");
      return session == null ? "" : session.getAsString();
    }

    void answer(String json) {
      connection.send("43" + ackId + "[" + json + "]");
    }

    @Override
    public String toString() {
      return event + "#" + ackId + "@" + connection.index + argument;
    }
  }

  /** One WebSocket connection of the fake hub. */
  static final class Connection extends WebSocketListener {
    final FakeHub hub;
    final int index;
    final CountDownLatch closed = new CountDownLatch(1);
    volatile WebSocket webSocket;

    Connection(FakeHub hub, int index) {
      this.hub = hub;
      this.index = index;
    }

    void send(String frame) {
      webSocket.send(frame);
    }

    void send(ByteString frame) {
      webSocket.send(frame);
    }

    void deliver(String event, String dataJson, String session) {
      send("42[\"deliver\",{\"event\":\"" + event + "\",\"data\":" + dataJson
          + ",\"sessions\":[\"" + session + "\"]}]");
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      this.webSocket = webSocket;
      webSocket.send(OPEN);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      if (text.startsWith("40")) {
        String answer = hub.connectAnswer.apply(index); // to socket.io's CONNECT to "/"
        if (answer != null) webSocket.send(answer);
      } else if (text.startsWith("42")) {
        int i = 2;
        while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
        int ackId = i > 2 ? Integer.parseInt(text.substring(2, i)) : -1;
        JsonArray args = JsonParser.parseString(text.substring(i)).getAsJsonArray();
        JsonObject argument = args.size() > 1 && args.get(1).isJsonObject()
            ? args.get(1).getAsJsonObject() : new JsonObject();
        hub.received(new Request(this, ackId, args.get(0).getAsString(), argument));
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      closed.countDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      closed.countDown();
    }
  }
}
