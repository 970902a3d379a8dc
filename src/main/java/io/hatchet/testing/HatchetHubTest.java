package io.hatchet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the class against a hub of its own, started on a free loopback port with
 * the apps given, and injects the {@link io.hatchet.hub.HatchetHub} and a {@link io.hatchet.Hatchet}
 * connected to it into test methods that ask for them:
 *
 * <pre>{@code
 * @HatchetHubTest(apps = @TestApp(name = "demo", consumerKeys = "consumer-key",
 *     contributorKeys = "contributor-key"))
 * class NotificationsTest {
 *   @Test void notifies(HatchetHub hub, Hatchet hatchet) { ... }
 * }
 * }</pre>
 *
 * <p>{@link HatchetHubExtension} says what is started and closed when, and on which thread. For
 * hub options (limits, grace periods) or keys limited to some events, register the extension
 * with its {@link HatchetHubExtension#builder() builder} instead; use one form or the other in a
 * class, not both. Nested classes are covered by the annotation of the class around them.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(HatchetHubExtension.class)
public @interface HatchetHubTest {
  /**
   * The hub's apps; none by default.
   *
   * @return the apps every hub of the class starts with
   */
  TestApp[] apps() default {};

  /**
   * One hub for the whole class and its nested classes, started before {@code @BeforeAll}
   * methods and closed after {@code @AfterAll} ones, instead of one per test. What a test leaves
   * at such a hub (rooms, a consumer's alias) is there for the next.
   *
   * @return true for one hub per class, false (the default) for one per test
   */
  boolean perClass() default false;
}
