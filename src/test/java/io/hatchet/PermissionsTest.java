package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.HubFixture.LOG_CONSUMER_KEY;
import static io.hatchet.HubFixture.LOG_CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aWrongKeyFailsThatObjectOnly() {
    Hatchet hatchet = fixture.hatchet();
    Consumer wrong = hatchet.consumer(APP, "not-a-key");
    Consumer right = hatchet.consumer(APP, CONSUMER_KEY);

    AuthenticationException e = Await.failure(wrong.ready(), AuthenticationException.class);
    assertEquals(APP, e.app());
    assertEquals("bad_key", e.code());
    assertTrue(e.getMessage().contains("'" + APP + "'"), e.getMessage());
    Await.get(right.ready());
    Await.get(right.watch("log", data -> {}));
    assertEquals(1, Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("log", 1)));
  }

  @Test
  void anUnknownAppIsNamed() {
    Contributor contributor = fixture.hatchet().contributor("nope", CONTRIBUTOR_KEY);
    AuthenticationException e = Await.failure(contributor.ready(), AuthenticationException.class);
    assertEquals("unknown_app", e.code());
    assertEquals("nope", e.app());
  }

  @Test
  void aConsumerKeyCannotSend() {
    Contributor contributor = fixture.hatchet().contributor(APP, CONSUMER_KEY);
    AuthenticationException e = Await.failure(contributor.ready(), AuthenticationException.class);
    assertEquals("wrong_role", e.code());
    Await.failure(contributor.broadcast("log", 1), AuthenticationException.class);
  }

  @Test
  void aContributorKeyCannotWatch() {
    Consumer consumer = fixture.hatchet().consumer(APP, CONTRIBUTOR_KEY);
    Await.failure(consumer.watch("log", data -> {}), AuthenticationException.class);
    assertEquals("wrong_role",
        Await.failure(consumer.ready(), AuthenticationException.class).code());
  }

  @Test
  void aKeyWithAllowedEventsWatchesOnlyThose() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, LOG_CONSUMER_KEY);
    RejectedException e = Await.failure(consumer.watch("signup", data -> {}),
        RejectedException.class);
    assertEquals("not_permitted", e.code());
    Await.get(consumer.watch("log", data -> {}));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(0, Await.get(contributor.broadcast("signup", 1)), "the refused watch is not kept");
    assertEquals(1, Await.get(contributor.broadcast("log", 1)));
  }

  @Test
  void aKeyWithAllowedEventsSendsOnlyThose() {
    Contributor contributor = fixture.hatchet().contributor(APP, LOG_CONTRIBUTOR_KEY);
    assertEquals("not_permitted",
        Await.failure(contributor.broadcast("signup", 1), RejectedException.class).code());
    assertEquals("not_permitted",
        Await.failure(contributor.send("signup", 1, "ben"), RejectedException.class).code());
    assertEquals(0, Await.get(contributor.broadcast("log", 1)), "refusals leave it usable");
  }
}
