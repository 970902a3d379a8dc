package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonElement;
import io.hatchet.Await;
import io.hatchet.server.AdminClient.Answer;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pushinator's seed, against the jar: its README's admin calls register a user and send to it,
 * and its browser example's calls, made here with socket.io's Java client, receive them:
 * {@code socket.on('connect', () => socket.emit('auth', userId, hash))}, then
 * {@code socket.on('message', ...)}. The config names the transports, as pushinator's did.
 *
 * <p>Each client keeps to one transport: socket.io's Java client may lose an event that arrives
 * while it upgrades from polling to a WebSocket, which is not the hub's to test.
 */
class PushinatorIT {
  private HubProcess hub;
  private AdminClient admin;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(Socket::close);
  }

  /** A page of the seed's example: what {@code message} brings, and why it was disconnected. */
  private record Page(Socket socket, BlockingQueue<Object> messages,
      BlockingQueue<Object> disconnects) {
  }

  /** The seed's example: authenticates on every connect, queues what {@code message} brings. */
  private Page page(String transport, Object userId, String hash) {
    IO.Options options = IO.Options.builder().setTransports(new String[] {transport}).build();
    Socket socket = IO.socket(URI.create(hub.clientUrl()), options);
    sockets.add(socket);
    Page page = new Page(socket, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
    socket.on(Socket.EVENT_CONNECT, args -> socket.emit("auth", userId, hash));
    socket.on("message", args -> page.messages.add(args[0]));
    socket.on(Socket.EVENT_DISCONNECT, args -> page.disconnects.add(args[0]));
    socket.connect();
    return page;
  }

  private static Object next(BlockingQueue<Object> queue) throws InterruptedException {
    Object value = queue.poll(30, TimeUnit.SECONDS);
    assertNotNull(value, "nothing within 30 s");
    return value;
  }

  private static void ok(Answer answer) {
    assertEquals(200, answer.status(), answer.toString());
  }

  /** How many sockets of user 5 have authenticated. */
  private int connected() {
    Answer answer;
    try {
      answer = admin.get("/apps/demo/users/5/consumers");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    ok(answer);
    int connected = 0;
    for (JsonElement consumer : answer.json().getAsJsonObject().getAsJsonArray("consumers")) {
      if (consumer.getAsJsonObject().get("connected").getAsBoolean()) connected++;
    }
    return connected;
  }

  private void send(String text, int routed) throws Exception {
    Answer sent = admin.post("/user/send", "{\"userId\":5,\"message\":\"" + text + "\"}");
    ok(sent);
    assertEquals(routed, sent.json().getAsJsonObject().get("routed").getAsInt(), sent.toString());
  }

  @Test
  void theSeedsExampleReceivesWhatTheAdminCallsSend(@TempDir Path dir) throws Exception {
    Path config = new TestConfig()
        .with("client", "client: {host: 127.0.0.1, port: 0, transports: [websocket, polling]}")
        .with("defaultApp", "defaultApp: demo")
        .write(dir);
    try (HubProcess hub = HubProcess.run(config)) {
      this.hub = hub;
      admin = new AdminClient(hub.adminUrl());
      ok(admin.post("/user/register", "{\"userId\":5,\"hash\":\"xxx1234\"}"));
      List<Page> pages = List.of(page("websocket", 5, "xxx1234"), page("polling", 5, "xxx1234"));
      // The example emits its auth and waits for no answer: nothing tells when it has landed.
      Await.until(() -> connected() == 2, "both pages authenticated");
      send("example message", 2);
      for (Page page : pages) assertEquals("example message", next(page.messages));

      // The hub lets the user go; each page connects again, authenticates again, and is reached:
      // the registration outlives its user's disconnects, which pushinator's did not.
      ok(admin.post("/apps/demo/users/5/disconnect", ""));
      for (Page page : pages) {
        assertEquals("io server disconnect", next(page.disconnects));
        page.socket.connect();
      }
      Await.until(() -> connected() == 2, "both pages authenticated again");
      send("welcome back", 2);
      for (Page page : pages) assertEquals("welcome back", next(page.messages));

      // Removed, the user is let go and refused from then on.
      ok(admin.post("/user/unregister", "{\"userId\":5}"));
      for (Page page : pages) assertEquals("io server disconnect", next(page.disconnects));
      Answer afterwards = admin.post("/user/send", "{\"userId\":5,\"message\":\"gone\"}");
      assertEquals(404, afterwards.status(), afterwards.toString());
      for (Page page : pages) assertNull(page.messages.poll(), "nothing more arrived");
      assertEquals(0, hub.terminate(), hub.output());
    }
  }
}
