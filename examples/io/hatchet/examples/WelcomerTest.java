package io.hatchet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.HatchetHub;
import io.hatchet.testing.EventRecorder;
import io.hatchet.testing.FaultProxy;
import io.hatchet.testing.HatchetHubTest;
import io.hatchet.testing.TestApp;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests an application ({@link Welcomer}) with the test kit: a hub per test, a recorder in the
 * shoes of the user's browser, and a proxy that breaks the application's network.
 */
// README: Testing your application
@HatchetHubTest(apps = @TestApp(name = DemoApp.NAME, consumerKeys = DemoApp.CONSUMER_KEY,
    contributorKeys = DemoApp.CONTRIBUTOR_KEY))
class WelcomerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final EventRecorder frederick = new EventRecorder();
  private Contributor signups;

  @BeforeEach
  void frederickIsOnline(Hatchet hatchet) throws Exception {
    Consumer browser = hatchet.consumer(DemoApp.NAME, DemoApp.CONSUMER_KEY);
    browser.alias("frederick");
    frederick.watch(browser, "welcome").get(10, TimeUnit.SECONDS);
    signups = hatchet.contributor(DemoApp.NAME, DemoApp.CONTRIBUTOR_KEY);
  }

  @Test
  void welcomesTheNewUserOnly(Hatchet hatchet) throws Exception {
    try (Welcomer welcomer = new Welcomer(hatchet)) {
      welcomer.ready().get(10, TimeUnit.SECONDS);

      signups.broadcast("signup", new Signup("Frederick", "Hull", "2024-05-01"));
      signups.broadcast("signup", new Signup("Ben", "Hull", "2024-05-02"));

      assertEquals("{\"text\":\"Welcome, Frederick!\"}", frederick.takeEvent(TIMEOUT).json());
      frederick.assertNoMoreEvents(Duration.ofMillis(200)); // Ben's welcome is not for him
    }
  }

  @Test
  void welcomesWhoSignedUpWhileItsNetworkWasDown(HatchetHub hub) throws Exception {
    try (FaultProxy network = FaultProxy.to(hub);
        Hatchet welcomerSide = Hatchet.builder(network.url())
            .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100))
            .build();
        Welcomer welcomer = new Welcomer(welcomerSide)) {
      welcomer.ready().get(10, TimeUnit.SECONDS);

      network.stall(); // the welcomer's reconnects hang too, until resume()
      network.cut();
      signups.broadcast("signup", new Signup("Frederick", "Hull", "2024-05-01"))
          .get(10, TimeUnit.SECONDS);
      network.resume();

      // The hub kept the signup for the welcomer, which gets it once it is back.
      Welcome welcome = frederick.takeEvent(Welcome.class, TIMEOUT);
      assertEquals("Welcome, Frederick!", welcome.text());
    }
  }

  record Welcome(String text) {}
}
// README end
