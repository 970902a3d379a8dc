package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code transports(...)}: the hub refuses the transports it is not given. */
class TransportsTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> get(HatchetHub hub, String transport) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/socket.io/?EIO=4&transport="
        + transport)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HatchetHub.Builder hub() {
    return HatchetHub.builder().app(App.named("demo").consumerKey("consumer-key"));
  }

  @Test
  void bothByDefaultWithTheUpgradeOffered() throws Exception {
    try (HatchetHub hub = hub().start()) {
      HttpResponse<String> polling = get(hub, "polling");
      assertEquals(200, polling.statusCode());
      assertTrue(polling.body().contains("\"upgrades\":[\"websocket\"]"), polling.body());
    }
  }

  @Test
  void webSocketOnlyRefusesPollingAndTakesHatchetsClient() throws Exception {
    try (HatchetHub hub = hub().transports("websocket").start();
        Hatchet hatchet = Hatchet.connect(hub.url())) {
      HttpResponse<String> polling = get(hub, "polling");
      assertEquals(400, polling.statusCode());
      assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", polling.body());
      Consumer consumer = hatchet.consumer("demo", "consumer-key");
      consumer.ready().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void pollingOnlyOffersNoUpgradeAndRefusesWebSocket() throws Exception {
    try (HatchetHub hub = hub().transports("polling").start()) {
      HttpResponse<String> polling = get(hub, "polling");
      assertEquals(200, polling.statusCode());
      assertTrue(polling.body().contains("\"upgrades\":[]"), polling.body());
      HttpResponse<String> webSocket = get(hub, "websocket");
      assertEquals(400, webSocket.statusCode());
      assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", webSocket.body());
    }
  }

  @Test
  void onlyTheTwoTransportsOnceEach() {
    assertThrows(IllegalArgumentException.class, () -> hub().transports());
    assertThrows(IllegalArgumentException.class, () -> hub().transports("flashsocket"));
    assertThrows(IllegalArgumentException.class, () -> hub().transports("polling", "polling"));
  }
}
