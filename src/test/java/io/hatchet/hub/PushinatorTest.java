package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * pushinator's client protocol, as its README's browser example speaks it:
 * {@code socket.emit('auth', userId, hash)}, then {@code socket.on('message', ...)}.
 */
class PushinatorTest {
  private final HubClients clients = new HubClients();
  private HatchetHub hub;
  private RawClient producer;

  @BeforeEach void setUp() throws Exception {
    hub = clients.startHub(HatchetHub.builder().app(TestTokens.app())
        .app(App.named("other"))).hub();
    producer = clients.producer("p1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  /** What the admin API's /user/send does; a producer's send to the user's room is the same. */
  private int sendToUser(String userId, String text) {
    return hub.sendToUser("demo", userId, "message", text);
  }

  private int connected(String userId) throws Exception {
    JSONObject answer = producer.call("consumers", json("session", "p1", "userId", userId));
    assertOk(answer);
    return answer.getInt("consumers");
  }

  private static Object[] next(BlockingQueue<Object[]> events) throws InterruptedException {
    Object[] event = events.poll(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(event, "no event within " + RawClient.TIMEOUT_SECONDS + " s");
    return event;
  }

  @Test void aRegisteredUserReceivesItsMessagesOnEverySocket() throws Exception {
    assertEquals("demo", hub.defaultApp());
    hub.registerUser("demo", "5", "xxx1234");
    RawClient browser = clients.connect();
    BlockingQueue<Object[]> messages = browser.listen("message");
    browser.send("auth", 5, "xxx1234"); // as the seed's example: no ack
    RawClient phone = clients.connect("polling");
    BlockingQueue<Object[]> phoneMessages = phone.listen("message");
    assertOk(phone.call("auth", "5", "xxx1234")); // a string is the same user
    Await.until(() -> {
      try {
        return connected("5") == 2;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "both sockets of user 5 authenticated");

    assertEquals(2, sendToUser("5", "example message"));
    assertArrayEquals(new Object[] {"example message"}, next(messages));
    assertArrayEquals(new Object[] {"example message"}, next(phoneMessages));
    assertEquals(0, sendToUser("6", "nobody"));
  }

  @Test void anAckedAuthIsAnswered() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    JSONObject answer = clients.connect().call("auth", 5, "xxx1234");
    assertOk(answer);
    assertEquals("5", answer.getString("userId"));
  }

  @Test void aWrongHashIsToldNotAuthorizedAndDisconnected() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    assertRefused("5", "wrong");
  }

  @Test void anUnregisteredUserIsToldNotAuthorizedAndDisconnected() throws Exception {
    assertRefused("7", "xxx1234");
  }

  private void assertRefused(Object userId, String hash) throws Exception {
    RawClient client = clients.connect();
    BlockingQueue<Object[]> errors = client.listen("error");
    assertError("not_authorized", client.call("auth", userId, hash));
    JSONObject error = (JSONObject) next(errors)[0];
    assertEquals("not_authorized", error.getString("code"));
    assertFalse(error.getString("message").contains(hash), error::toString);
    assertEquals("io server disconnect", client.awaitDisconnect());
  }

  @Test void aRegistrationOutlivesItsUsersDisconnects() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    RawClient first = clients.connect();
    assertOk(first.call("auth", 5, "xxx1234"));
    clients.close(first);
    // Gone at once, not after a grace period: pushinator's clients recover nothing.
    Await.until(() -> {
      try {
        return connected("5") == 0 && sendToUser("5", "to nobody") == 0;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "the first socket's consumer is gone");

    RawClient again = clients.connect();
    BlockingQueue<Object[]> messages = again.listen("message");
    assertOk(again.call("auth", 5, "xxx1234"));
    assertEquals(1, sendToUser("5", "welcome back"));
    assertArrayEquals(new Object[] {"welcome back"}, next(messages));
  }

  @Test void aRemovedUserIsDisconnectedAndRefusedFromThenOn() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    RawClient client = clients.connect();
    assertOk(client.call("auth", 5, "xxx1234"));

    assertTrue(hub.unregisterUser("demo", "5"));
    assertEquals("io server disconnect", client.awaitDisconnect());
    assertFalse(hub.unregisterUser("demo", "5"));
    assertRefused(5, "xxx1234");
  }

  @Test void disconnectingTheUserKeepsItsRegistration() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    RawClient client = clients.connect();
    assertOk(client.call("auth", 5, "xxx1234"));

    assertEquals(1, hub.disconnectUser("demo", "5"));
    assertEquals("io server disconnect", client.awaitDisconnect());
    assertOk(clients.connect().call("auth", 5, "xxx1234")); // let go, not refused
  }

  @Test void aNewHashReplacesTheOldOne() throws Exception {
    hub.registerUser("demo", "5", "old");
    hub.registerUser("demo", "5", "new");
    assertOk(clients.connect().call("auth", 5, "new"));
    assertRefused(5, "old");
  }

  @Test void aThirdArgumentNamesAnotherApp() throws Exception {
    hub.registerUser("other", "5", "xxx1234");
    assertOk(clients.connect().call("auth", 5, "xxx1234", "other"));
    assertRefused(5, "xxx1234"); // not a user of the default app
  }

  @Test void aPushinatorConnectionCarriesNothingElse() throws Exception {
    hub.registerUser("demo", "5", "xxx1234");
    hub.registerUser("demo", "6", "yyy");
    RawClient pushinator = clients.connect();
    assertOk(pushinator.call("auth", 5, "xxx1234"));
    assertOk(pushinator.call("auth", 5, "xxx1234")); // the same again changes nothing
    assertError("bad_request", pushinator.call("auth", 6, "yyy"));
    assertError("bad_request", pushinator.auth("c1", TestApps.CONSUMER_KEY));

    RawClient hatchet = clients.connect();
    hatchet.authOk("c1", TestApps.CONSUMER_KEY);
    assertError("bad_request", hatchet.call("auth", 5, "xxx1234"));
    assertTrue(hatchet.connected(), "a malformed or misplaced auth does not disconnect");
  }

  @Test void registrationsAreChecked() {
    assertRefusal("unknown_app", () -> hub.registerUser("nope", "5", "h"));
    assertRefusal("bad_request", () -> hub.registerUser(null, "5", "h"));
    assertRefusal("bad_request", () -> hub.registerUser("demo", "", "h"));
    assertRefusal("bad_request", () -> hub.registerUser("demo", "5", null));
    assertRefusal("bad_request", () -> hub.registerUser("demo", "5", "h".repeat(257)));
    assertRefusal("unknown_app", () -> hub.unregisterUser("nope", "5"));
    assertRefusal("bad_request", () -> hub.unregisterUser("demo", null));
  }

  private static HubException assertRefusal(String code, Executable call) {
    HubException refused = assertThrows(HubException.class, call);
    assertEquals(code, refused.code(), refused::getMessage);
    return refused;
  }

  @Test void registrationsAreBounded() {
    HatchetHub small = clients.startHub(HatchetHub.builder().app(TestApps.demo())
        .maxRegisteredUsers(2)).hub();
    small.registerUser("demo", "1", "h");
    small.registerUser("demo", "2", "h");
    small.registerUser("demo", "2", "again"); // not one more
    HubException full = assertRefusal("too_many", () -> small.registerUser("demo", "3", "h"));
    assertTrue(full.getMessage().contains("maxRegisteredUsers"), full.getMessage());
    small.unregisterUser("demo", "1");
    small.registerUser("demo", "3", "h");
  }

  @Test void theDefaultAppMayBeNamed() {
    HatchetHub named = clients.startHub(HatchetHub.builder().app(TestApps.demo())
        .app(App.named("push")).defaultApp("push")).hub();
    assertEquals("push", named.defaultApp());
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> HatchetHub.builder().app(TestApps.demo()).defaultApp("nope").start());
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
  }
}
