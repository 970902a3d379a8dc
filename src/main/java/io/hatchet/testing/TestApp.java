package io.hatchet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An app of the hub a {@link HatchetHubTest} starts: its name and the keys its clients
 * authenticate with. Every key allows every event; for keys limited to some events, or public
 * keys, build the extension with {@link HatchetHubExtension#builder()} and an
 * {@link io.hatchet.hub.App}.
 *
 * <pre>{@code
 * @HatchetHubTest(apps = @TestApp(name = "demo", consumerKeys = "consumer-key",
 *     contributorKeys = "contributor-key"))
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface TestApp {
  /**
   * The app's name, which clients give with their key.
   *
   * @return the name, not blank
   */
  String name();

  /**
   * Keys that open consumer sessions.
   *
   * @return the app's consumer keys; none by default
   */
  String[] consumerKeys() default {};

  /**
   * Keys that open contributor sessions.
   *
   * @return the app's contributor keys; none by default
   */
  String[] contributorKeys() default {};

  /**
   * HMAC secrets that sign consumer tokens and producers' credentials, of 32 bytes or more.
   *
   * @return the app's producer secrets; none by default, and then the app accepts no producer
   *     and no consumer token
   */
  String[] producerSecrets() default {};
}
