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

    assertEquals("App{name=demo, consumerKeys=[I6m…[log]], contributorKeys=[iYk…, …],"
        + " producerSecrets=0, producerPublicKeys=[]}", text);
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

  @Test void producerSecretsNeed256Bits() {
    App app = App.named("demo");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> app.producerSecrets("tokenXXXXXXX"));
    assertTrue(e.getMessage().contains("RFC 7518") && e.getMessage().contains("256 bits")
        && e.getMessage().contains("96 bits"), e.getMessage());
    // UTF-8 bytes count: 16 characters of 2 bytes each are enough.
    app.producerSecrets("ö".repeat(16));
    assertRefused("producerSecrets[1]", () -> app.producerSecrets(TestTokens.SECRET_32, null));
    assertRefused("producerSecrets == null", () -> app.producerSecrets((String[]) null));
    assertRefused("already", () -> app.producerSecrets(TestTokens.SECRET_32)
        .producerSecrets(TestTokens.SECRET_48, TestTokens.SECRET_32));
  }

  @Test void producerPublicKeysAreReadAtOnce() {
    App app = App.named("demo");
    String rsa = TestTokens.pem(TestTokens.RSA.getPublic());
    assertRefused("producerPublicKeys[0]", () -> app.producerPublicKeys("not a pem"));
    assertRefused("producerPublicKeys[1]", () -> app.producerPublicKeys(rsa,
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    assertRefused("PUBLIC KEY", () -> app.producerPublicKeys(rsa.replace("PUBLIC", "PRIVATE")));
    assertRefused("producerPublicKeys[0] == null", () -> app.producerPublicKeys((String) null));
    assertRefused("2048", () -> app.producerPublicKeys(
        TestTokens.pem(TestTokens.generate("RSA", 1024).getPublic())));
    assertRefused("already", () -> app.producerPublicKeys(rsa, rsa));
  }

  @Test void producerKeysMakeNewAppsAndNeverShow() {
    App plain = App.named("demo").consumerKey("I6mMbTSOq4rCdM");
    App withKeys = plain.producerSecrets(TestTokens.SECRET_32, TestTokens.SECRET_64)
        .producerPublicKeys(TestTokens.pem(TestTokens.RSA.getPublic()),
            TestTokens.pem(TestTokens.P384.getPublic()));

    assertEquals(0, plain.producerKeys().secrets.size());
    assertEquals(2, withKeys.producerKeys().secrets.size());
    assertEquals(2, withKeys.producerKeys().publicKeys.size());
    assertEquals(1, withKeys.grants().size());
    String text = withKeys.toString();
    assertEquals("App{name=demo, consumerKeys=[I6m…], contributorKeys=[],"
        + " producerSecrets=2, producerPublicKeys=[RSA-2048, EC-384]}", text);
    assertFalse(text.contains(TestTokens.SECRET_32.substring(0, 5)), text);
  }
}
