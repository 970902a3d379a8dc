package io.hatchet.hub.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.socket.client.Ack;
import io.socket.client.IO;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket layer alone, under a handler that answers every event with its own payload: what
 * a socket.io client of each transport sees of it.
 */
class SocketServerTest {
  private final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
  private SocketServer server;
  private String url;

  @BeforeEach void setUp() {
    ServerConfig config = new ServerConfig("127.0.0.1", 0, "/socket.io/", "hatchet-hub-test",
        25_000, 20_000, 1 << 20, 1 << 20, 5_000, 0, 0, CorsPolicy.ANY_ORIGIN, HttpRoutes.NONE);
    server = SocketServer.create(config, new SocketHandler() {
      @Override public void connected(Socket socket) {
      }

      @Override public void event(Socket socket, String packet, int payloadStart, long ackId) {
        if (ackId >= 0) {
          String args = packet.substring(payloadStart);
          socket.send(ByteBufUtil.writeUtf8(io.netty.buffer.ByteBufAllocator.DEFAULT,
              "43" + ackId + "[" + args.substring(args.indexOf(',') + 1)));
        }
      }

      @Override public void limited(Socket socket, long ackId) {
      }

      @Override public void refused(Socket socket, String why) {
      }

      @Override public void writable(Socket socket) {
      }

      @Override public void closed(Socket socket, String reason) {
        closed.add(reason);
      }
    });
    server.bind();
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach void tearDown() {
    server.close();
  }

  @Test void socketIoClientOverWebSocket() throws Exception {
    roundTrip(new String[] {"websocket"});
  }

  @Test void socketIoClientPollingThenUpgrading() throws Exception {
    roundTrip(new String[] {"polling", "websocket"});
  }

  @Test void socketIoClientPollingOnly() throws Exception {
    roundTrip(new String[] {"polling"});
  }

  private void roundTrip(String[] transports) throws Exception {
    IO.Options options = IO.Options.builder().setTransports(transports).setReconnection(false)
        .build();
    io.socket.client.Socket client = IO.socket(URI.create(url), options);
    BlockingQueue<Object> answers = new ArrayBlockingQueue<>(10);
    client.on(io.socket.client.Socket.EVENT_CONNECT, args -> {
      for (int i = 0; i < 3; i++) {
        client.emit("echo", new Object[] {new JSONObject().put("n", i)},
            (Ack) reply -> answers.add(reply[0]));
      }
    });
    client.connect();
    try {
      for (int i = 0; i < 3; i++) {
        Object answer = answers.poll(10, TimeUnit.SECONDS);
        assertNotNull(answer, "answer " + i);
        assertEquals(i, ((JSONObject) answer).getInt("n"));
      }
    } finally {
      client.close();
    }
    assertNotNull(closed.poll(10, TimeUnit.SECONDS), "the server saw the client go");
  }

  @Test void rawWebSocketGetsTheOpenPacketAndConnect() throws Exception {
    OkHttpClient http = new OkHttpClient();
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket webSocket = http.newWebSocket(new Request.Builder()
        .url(url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket").build(),
        new WebSocketListener() {
          @Override public void onMessage(WebSocket webSocket, String text) {
            frames.add(text);
          }

          @Override public void onClosed(WebSocket webSocket, int code, String reason) {
            frames.add("closed " + code);
          }

          @Override public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            frames.add("failure " + t);
          }
        });
    String open = frames.poll(5, TimeUnit.SECONDS);
    assertTrue(open.startsWith("0{\"sid\":\""), open);
    assertTrue(open.contains("\"upgrades\":[]"), open);
    webSocket.send("40");
    String connect = frames.poll(5, TimeUnit.SECONDS);
    assertTrue(connect.startsWith("40{\"sid\":\""), connect);
    webSocket.send("4212[\"x\",{\"a\":1}]");
    assertEquals("4312[{\"a\":1}]", frames.poll(5, TimeUnit.SECONDS));
    webSocket.send("41");
    assertNotNull(closed.poll(5, TimeUnit.SECONDS));
    webSocket.cancel();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
