package io.hatchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.App;
import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer with a token provider outlives its tokens. */
class TokenProviderTest {
  private static final String SECRET = TestKeys.secret("HS256", 't');
  private final HubFixture fixture = new HubFixture(hub -> hub.clockSkew(Duration.ZERO)
      .app(App.named("tokens").producerSecrets(SECRET)));

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aReconnectAfterTheTokenExpiredAsksTheProviderAgain() throws Exception {
    Producer producer = fixture.hatchet().producer("tokens", ProducerOptions.builder()
        .secretKeys(SECRET).expiresIn(Duration.ofSeconds(2)).build());
    AtomicInteger calls = new AtomicInteger();
    long[] expires = new long[1];
    TokenProvider provider = () -> {
      calls.incrementAndGet();
      expires[0] = System.currentTimeMillis() + 2_000;
      return producer.signAuth(Map.of("userId", "ben"));
    };
    FaultProxy proxy = fixture.proxy();
    Hatchet hatchet = fixture.hatchet(proxy.url());
    Consumer consumer = hatchet.consumer("tokens", provider);
    Await.get(consumer.ready());
    assertEquals(1, calls.get());

    long firstExpiry = expires[0];
    Await.until(() -> System.currentTimeMillis() > firstExpiry + 100, "the first token expired");
    proxy.cut();
    Await.until(() -> calls.get() >= 2 && consumer.state() == State.CONNECTED,
        "authenticated again with a new token");
    Await.get(consumer.watch("message", data -> {}));
    assertEquals(1, Await.get(producer.sendMessage("user:ben", "still here")));
  }

  @Test
  void aFailingProviderIsAskedAgainAndOtherSessionsCarryOn() {
    Producer producer = fixture.hatchet().producer("tokens", ProducerOptions.builder()
        .secretKeys(SECRET).build());
    AtomicInteger calls = new AtomicInteger();
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer("tokens", () -> {
      if (calls.incrementAndGet() < 3) throw new IllegalStateException("backend down");
      return producer.signAuth(Map.of("userId", "ben"));
    });
    Contributor other = hatchet.contributor(HubFixture.APP, HubFixture.CONTRIBUTOR_KEY);
    assertEquals(0, Await.get(other.broadcast("log", 1)), "the connection is not disturbed");
    Await.get(consumer.ready());
    assertTrue(calls.get() >= 3, "calls: " + calls.get());
  }

  @Test
  void whenTheProviderFailsAtAReconnectTheLastGoodTokenServes() {
    Producer producer = fixture.hatchet().producer("tokens", ProducerOptions.builder()
        .secretKeys(SECRET).expiresIn(Duration.ofHours(1)).build());
    AtomicInteger calls = new AtomicInteger();
    FaultProxy proxy = fixture.proxy();
    Consumer consumer = fixture.hatchet(proxy.url()).consumer("tokens", () -> {
      if (calls.incrementAndGet() > 1) throw new IllegalStateException("backend down");
      return producer.signAuth(Map.of("userId", "ben"));
    });
    Await.get(consumer.ready());
    proxy.cut();
    Await.until(() -> calls.get() >= 2, "asked again at the reconnect");
    Await.until(() -> consumer.state() == State.CONNECTED, "connected with the last good token");
  }
}
