package io.hatchet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.hatchet.Await;
import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.RejectedException;
import io.hatchet.State;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the nested classes below (which the build does not run by themselves) with JUnit and
 * checks what the extension gave them and what it closed afterwards.
 */
class HatchetHubExtensionTest {
  static final String APP = "kit";
  static final String CONSUMER_KEY = "kit-consumer";

  /** What the fixtures saw, by where they saw it. */
  static final Map<String, HatchetHub> HUBS = new ConcurrentHashMap<>();
  static final Map<String, Hatchet> HATCHETS = new ConcurrentHashMap<>();
  static final Map<String, Consumer> CONSUMERS = new ConcurrentHashMap<>();

  @BeforeEach
  void forget() {
    HUBS.clear();
    HATCHETS.clear();
    CONSUMERS.clear();
  }

  /** Keeps what {@code where} was given, and proves the hub has the app by a consumer's auth. */
  static void saw(String where, HatchetHub hub, Hatchet hatchet) {
    HUBS.put(where, hub);
    if (hatchet == null) return;
    HATCHETS.put(where, hatchet);
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.ready());
    CONSUMERS.put(where, consumer);
  }

  @HatchetHubTest(apps = @TestApp(name = APP, consumerKeys = CONSUMER_KEY))
  static class HubPerTest {
    @BeforeEach void before(HatchetHub hub, Hatchet hatchet, TestInfo test) {
      String name = test.getTestMethod().orElseThrow().getName() + "()";
      HUBS.put("before " + name, hub);
      HATCHETS.put("before " + name, hatchet);
    }

    @Test void one(HatchetHub hub, Hatchet hatchet) {
      saw("one()", hub, hatchet);
    }

    @Test void two(HatchetHub hub, Hatchet hatchet) {
      saw("two()", hub, hatchet);
    }
  }

  @Test
  void eachTestGetsAHubAndAHatchetOfItsOwnClosedAfterIt() {
    assertSucceeded(run(HubPerTest.class), 2);

    for (String test : List.of("one()", "two()")) {
      assertSame(HUBS.get(test), HUBS.get("before " + test), "@BeforeEach gets the test's hub");
      assertSame(HATCHETS.get(test), HATCHETS.get("before " + test), "... and its Hatchet");
      assertFalse(listening(HUBS.get(test)), "hub of " + test + " still listening");
      assertEquals(State.CLOSED, CONSUMERS.get(test).state(), "Hatchet of " + test + " open");
    }
    assertNotSame(HUBS.get("one()"), HUBS.get("two()"));
    assertNotSame(HATCHETS.get("one()"), HATCHETS.get("two()"));
  }

  @HatchetHubTest(perClass = true, apps = @TestApp(name = APP, consumerKeys = CONSUMER_KEY))
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class HubPerClass {
    static boolean listeningAtAfterAll;
    static State firstTestsConsumerInSecondTest;

    @BeforeAll static void beforeAll(HatchetHub hub, Hatchet hatchet) {
      saw("beforeAll", hub, hatchet);
    }

    @Test @Order(1) void one(HatchetHub hub, Hatchet hatchet) {
      saw("one()", hub, hatchet);
    }

    @Test @Order(2) void two(HatchetHub hub, Hatchet hatchet) {
      firstTestsConsumerInSecondTest = CONSUMERS.get("one()").state();
      saw("two()", hub, hatchet);
    }

    @Nested class Inner {
      @Test void inner(HatchetHub hub) {
        saw("inner()", hub, null);
      }
    }

    @AfterAll static void afterAll(HatchetHub hub) {
      listeningAtAfterAll = listening(hub);
      saw("afterAll", hub, null);
    }
  }

  @Test
  void aHubPerClassServesEveryTestAndNestedClassAndClosesAfterAll() {
    assertSucceeded(run(HubPerClass.class), 3);

    HatchetHub hub = HUBS.get("beforeAll");
    for (String where : List.of("one()", "two()", "inner()", "afterAll")) {
      assertSame(hub, HUBS.get(where), where);
    }
    assertTrue(HubPerClass.listeningAtAfterAll, "the hub runs during @AfterAll");
    assertFalse(listening(hub), "the hub runs after the class");
    assertEquals(State.CLOSED, HubPerClass.firstTestsConsumerInSecondTest,
        "each test's Hatchet is closed when the test ends");
    assertNotSame(HATCHETS.get("beforeAll"), HATCHETS.get("one()"));
    assertNotSame(HATCHETS.get("one()"), HATCHETS.get("two()"));
    for (Consumer consumer : CONSUMERS.values()) assertEquals(State.CLOSED, consumer.state());
  }

  static class Built {
    @RegisterExtension
    static HatchetHubExtension extension = HatchetHubExtension.builder()
        .app(App.named(APP).consumerKey(CONSUMER_KEY, "log").contributorKey("kit-contributor"))
        .configureHub(hub -> hub.maxMessageBytes(1_000))
        .configureClient(client -> client.maxQueuedSends(7))
        .build();

    @Test void test(HatchetHub hub, Hatchet hatchet) {
      assertSame(hub, extension.hub());
      assertEquals(hub.url(), extension.url());
      saw("test()", hub, hatchet);
      RejectedException limited = Await.failure(
          CONSUMERS.get("test()").watch("signup", data -> {}), RejectedException.class);
      assertEquals("not_permitted", limited.code());
      RejectedException large = Await.failure(hatchet.contributor(APP, "kit-contributor")
          .broadcast("log", "x".repeat(2_000)), RejectedException.class);
      assertEquals("too_large", large.code());
      for (int i = 0; i < 7; i++) hatchet.contributor(APP, "kit-contributor").broadcast("log", i);
    }
  }

  @Test
  void aBuiltExtensionTakesAppsWithLimitedKeysHubOptionsAndClientOptions() {
    assertSucceeded(run(Built.class), 1);

    assertFalse(listening(HUBS.get("test()")));
    IllegalStateException outside = assertThrows(IllegalStateException.class,
        () -> Built.extension.hub());
    assertEquals("no hub runs now: it runs during a test", outside.getMessage());
  }

  static class PerClassInAnInstanceField {
    @RegisterExtension
    HatchetHubExtension extension = HatchetHubExtension.builder().perClass().build();

    @Test void test() {}
  }

  @Test
  void aHubPerClassInAnInstanceFieldFailsSayingWhy() {
    Throwable failure = onlyFailure(run(PerClassInAnInstanceField.class));

    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertTrue(failure.getMessage().endsWith("make the field static"), failure.getMessage());
  }

  @HatchetHubTest
  static class HubPerTestInBeforeAll {
    @BeforeAll static void beforeAll(HatchetHub hub) {}

    @Test void test() {}
  }

  @Test
  void aHubPerTestCannotBeInjectedIntoBeforeAll() {
    Throwable failure = onlyFailure(run(HubPerTestInBeforeAll.class));

    assertInstanceOf(ParameterResolutionException.class, failure);
    assertTrue(failure.getMessage().contains("a hub per test starts after @BeforeAll methods"),
        failure.getMessage());
  }

  @HatchetHubTest(apps = @TestApp(name = "short", producerSecrets = "too short"))
  static class BadApp {
    @Test void test() {}
  }

  @Test
  void aBadAppFailsTheTestNamingTheApp() {
    Throwable failure = onlyFailure(run(BadApp.class));

    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertTrue(failure.getMessage().startsWith("@TestApp(name = \"short\"): "), failure.getMessage());
  }

  @Test
  void aBuilderRefusesNullsAtTheCall() {
    HatchetHubExtension.Builder builder = HatchetHubExtension.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.app(null));
    assertThrows(IllegalArgumentException.class, () -> builder.configureHub(null));
    assertThrows(IllegalArgumentException.class, () -> builder.configureClient(null));
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static void assertSucceeded(EngineExecutionResults results, int tests) {
    List<Throwable> failures = failures(results);
    if (!failures.isEmpty()) throw new AssertionError("the fixture failed", failures.get(0));
    assertEquals(tests, results.testEvents().succeeded().count(), "tests that passed");
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = failures(results);
    assertEquals(1, failures.size(), "failures: " + failures);
    return failures.get(0);
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable())
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  /** Whether something accepts connections on the hub's port. */
  static boolean listening(HatchetHub hub) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
      return socket.isConnected();
    } catch (IOException refused) {
      return false;
    }
  }
}
