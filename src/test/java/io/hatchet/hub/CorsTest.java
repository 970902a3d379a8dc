package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which browser origins the hub serves, and the CORS headers of its answers. */
class CorsTest {
  private final OkHttpClient http = new OkHttpClient();
  private HatchetHub hub;

  @AfterEach void tearDown() {
    if (hub != null) hub.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private Response handshake(String method, String origin) throws Exception {
    Request.Builder request = new Request.Builder()
        .url(hub.url() + "/socket.io/?EIO=4&transport=polling")
        .method(method, null);
    if (origin != null) request.header("Origin", origin);
    if (method.equals("OPTIONS")) request.header("Access-Control-Request-Headers", "content-type");
    return http.newCall(request.build()).execute();
  }

  @Test void byDefaultAnyOriginAndNeverCredentials() throws Exception {
    hub = TestApps.startHub();
    try (Response answer = handshake("GET", "https://a.example")) {
      assertEquals(200, answer.code());
      assertEquals("*", answer.header("Access-Control-Allow-Origin"));
      assertNull(answer.header("Access-Control-Allow-Credentials"));
    }
    try (Response preflight = handshake("OPTIONS", "https://a.example")) {
      assertEquals(204, preflight.code());
      assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
      assertEquals("content-type", preflight.header("Access-Control-Allow-Headers"));
      assertNull(preflight.header("Access-Control-Allow-Credentials"));
    }
  }

  @Test void withAListOnlyThoseOrigins() throws Exception {
    hub = HatchetHub.builder().app(TestApps.demo()).allowedOrigins("https://a.example").start();
    try (Response answer = handshake("GET", "https://a.example")) {
      assertEquals(200, answer.code());
      assertEquals("https://a.example", answer.header("Access-Control-Allow-Origin"));
      assertEquals("Origin", answer.header("Vary"));
    }
    try (Response refused = handshake("GET", "https://b.example")) {
      assertEquals(403, refused.code());
      assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", refused.body().string());
    }
    // Browsers send no preflight for WebSockets: the upgrade itself is refused.
    Request webSocket = new Request.Builder()
        .url(hub.url() + "/socket.io/?EIO=4&transport=websocket")
        .header("Origin", "https://b.example").header("Connection", "Upgrade")
        .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").build();
    try (Response refused = http.newCall(webSocket).execute()) {
      assertEquals(403, refused.code());
    }
    // Programs send no Origin: CORS does not concern them.
    try (Response answer = handshake("GET", null)) {
      assertEquals(200, answer.code());
    }
  }
}
