package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /health} on the client port, for load balancers: no credentials. */
class HealthCheckTest {
  private final HatchetHub hub = HatchetHub.builder().app(App.named("demo").consumerKey("k"))
      .allowedOrigins("https://app.example.com").start();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    hub.close();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(hub.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersOkWithoutCredentials() throws Exception {
    HttpResponse<String> health = call("GET", "/health");
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"ok\"}", health.body());
    assertEquals("application/json", health.headers().firstValue("content-type").orElse(""));
    assertEquals("no-store", health.headers().firstValue("cache-control").orElse(""));
    assertEquals(200, call("GET", "/health?probe=1").statusCode());
    HttpResponse<String> head = call("HEAD", "/health");
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> post = call("POST", "/health");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));
    assertTrue(post.body().contains("\"code\":\"method_not_allowed\""), post.body());
    assertEquals(404, call("GET", "/healthz").statusCode());
    assertEquals(404, call("GET", "/health/more").statusCode());
  }
}
