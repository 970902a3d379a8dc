package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** App: immutability, grants and argument checks. */
class AppTest {
  private static void assertRefused(String expectedMessagePart, Executable executable) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(expectedMessagePart),
        () -> "'" + e.getMessage() + "' does not name " + expectedMessagePart);
  }

  @Test void eachKeyMakesANewApp() {
    App plain = App.named("demo");
    App withKey = plain.consumerKey("I6mMbTSOq4rCdM");

    assertNotSame(plain, withKey);
    assertEquals(List.of(), plain.grants());
    assertEquals(1, withKey.grants().size());
    assertEquals("demo", withKey.name());
  }

  @Test void grantsKeepRoleAndEvents() {
    App app = App.named("demo").consumerKey("consumer-key-1", "log", "signup", "log")
        .contributorKey("contributor-key-1");

    KeyGrant consumer = app.grantFor("consumer-key-1");
    assertSame(Role.CONSUMER, consumer.role);
    assertEquals(List.of("log", "signup"), consumer.events);
    assertTrue(consumer.permits("log"));
    assertFalse(consumer.permits("deploy"));
    KeyGrant contributor = app.grantFor("contributor-key-1");
    assertSame(Role.CONTRIBUTOR, contributor.role);
    assertTrue(contributor.permits("anything"));
    assertNull(app.grantFor("consumer-key-2"));
    assertNull(app.grantFor(""));
  }

  @Test void toStringNeverShowsAKey() {
    String text = App.named("demo").consumerKey("I6mMbTSOq4rCdM", "log")
        .contributorKey("iYkrswPZVIrUMv").contributorKey("short").toString();

    assertEquals("App{name=demo, consumerKeys=[I6m…[log]], contributorKeys=[iYk…, …]}", text);
  }

  @Test void badNamesKeysAndEventsAreRefused() {
    assertRefused("name", () -> App.named(null));
    assertRefused("name", () -> App.named(" "));
    App app = App.named("demo");
    assertRefused("key", () -> app.consumerKey(null));
    assertRefused("key", () -> app.contributorKey(""));
    assertRefused("allowedEvents", () -> app.consumerKey("k-123456", (String[]) null));
    assertRefused("allowedEvents[1]", () -> app.consumerKey("k-123456", "log", null));
    assertRefused("allowedEvents[0]", () -> app.contributorKey("k-123456", "  "));
    assertRefused("allowedEvents[0]", () -> app.contributorKey("k-123456", "e".repeat(257)));
  }

  @Test void sameKeyTwiceInOneAppIsRefused() {
    App app = App.named("demo").consumerKey("I6mMbTSOq4rCdM");

    assertRefused("already", () -> app.contributorKey("I6mMbTSOq4rCdM"));
    assertRefused("already", () -> app.consumerKey("I6mMbTSOq4rCdM", "log"));
    // Another app may use it.
    App.named("other").consumerKey("I6mMbTSOq4rCdM");
  }
}
