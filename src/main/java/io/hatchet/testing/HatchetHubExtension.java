package io.hatchet.testing;

import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that gives tests a real hub on a free loopback port, and a client connected
 * to it. Declare it with {@link HatchetHubTest @HatchetHubTest}, or build it, for hub options or
 * keys limited to some events:
 *
 * <pre>{@code
 * @RegisterExtension
 * static HatchetHubExtension hub = HatchetHubExtension.builder()
 *     .app(App.named("demo").consumerKey("consumer-key").contributorKey("contributor-key", "log"))
 *     .configureHub(hub -> hub.consumerGracePeriod(Duration.ofSeconds(5)))
 *     .build();
 *
 * @Test void delivers(HatchetHub hub, Hatchet hatchet) { ... }
 * }</pre>
 *
 * <h2>What it injects</h2>
 * A parameter of type {@link HatchetHub} gets the hub; one of type {@link Hatchet} gets a client
 * connected to it, made the first time a test (or its {@code @BeforeEach} and {@code @AfterEach}
 * methods, which get the same one) asks, and unique to that test. Its options are the defaults
 * but for quicker reconnects (20 ms to 500 ms), so that tests that break connections stay fast;
 * {@link Builder#configureClient} changes them. Parameters are injected into methods, not
 * constructors.
 *
 * <h2>What is closed when</h2>
 * By default each test gets a hub of its own, started before its {@code @BeforeEach} methods and
 * closed after its {@code @AfterEach} methods. With {@link HatchetHubTest#perClass()} or
 * {@link Builder#perClass()} one hub serves the whole class: started before {@code @BeforeAll},
 * closed after {@code @AfterAll}, and injected into those too; a {@code Hatchet} asked for there
 * lives as long as the class. Each test's {@code Hatchet} is closed at the end of the test, before
 * its hub, so its sessions end cleanly at the hub; with a hub per class its consumers are
 * forgotten by the hub at once. What a test makes itself, it closes itself.
 *
 * <h2>Threads</h2>
 * The extension starts and closes hubs and clients on the thread JUnit runs the test's lifecycle
 * on. The hub runs on its own daemon event loops, the {@code Hatchet} on its own daemon threads;
 * handlers and future completions of the {@code Hatchet} run on its callback thread
 * ({@code hatchet-N-callbacks}), never on the test's, so a test waits for what they record (see
 * {@link EventRecorder}). {@link #hub()} and {@link #url()}, for a test that keeps the extension in
 * a field, tell the hub of the test that runs now; for tests run in parallel, take the hub as a
 * parameter instead.
 */
public final class HatchetHubExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(HatchetHubExtension.class);
  private static final Duration RECONNECT_MIN = Duration.ofMillis(20);
  private static final Duration RECONNECT_MAX = Duration.ofMillis(500);
  private static final Settings DEFAULTS = new Settings(List.of(), false, hub -> {}, client -> {});

  /** Null when declared with {@link HatchetHubTest}: the settings come from the annotation. */
  private final Settings built;
  private volatile HatchetHub current;

  /**
   * The extension as {@link HatchetHubTest} declares it: it takes the apps and the scope of the
   * hub from the {@code @HatchetHubTest} of the test class or a class around it.
   */
  public HatchetHubExtension() {
    this(null);
  }

  private HatchetHubExtension(Settings built) {
    this.built = built;
  }

  /**
   * Starts configuring an extension, for a {@code @RegisterExtension} field.
   *
   * @return a builder with no apps, a hub per test and the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The hub of the test that runs now.
   *
   * @return the hub, started and listening on a loopback port
   * @throws IllegalStateException outside a test, or between tests with a hub per test
   */
  public HatchetHub hub() {
    HatchetHub hub = current;
    if (hub == null) throw new IllegalStateException("no hub runs now: it runs during a test");
    return hub;
  }

  /**
   * The URL of {@link #hub()}.
   *
   * @return the URL clients connect to, like {@code http://127.0.0.1:41233}
   * @throws IllegalStateException as {@link #hub()} does
   */
  public String url() {
    return hub().url();
  }

  @Override public void beforeAll(ExtensionContext context) {
    if (settings(context).perClass() && findHub(context) == null) open(context);
  }

  @Override public void beforeEach(ExtensionContext context) {
    if (!settings(context).perClass()) {
      open(context);
    } else if (findHub(context) == null) {
      throw new ExtensionConfigurationException("a hub per class starts before @BeforeAll, which"
          + " JUnit runs only for an extension in a static field: make the field static");
    }
  }

  @Override public void afterEach(ExtensionContext context) {
    closeScope(context);
  }

  @Override public void afterAll(ExtensionContext context) {
    closeScope(context);
  }

  @Override public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return (type == HatchetHub.class || type == Hatchet.class)
        && parameter.getDeclaringExecutable() instanceof Method;
  }

  @Override public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    HatchetHub hub = findHub(context);
    if (hub == null) {
      throw new ParameterResolutionException("no hub for " + parameter.getDeclaringExecutable()
          + ": a hub per test starts after @BeforeAll methods; for one there, use a hub per class");
    }
    if (parameter.getParameter().getType() == HatchetHub.class) return hub;
    Settings settings = settings(context);
    return scope(context, null).hatchet(() -> connect(hub, settings));
  }

  private void open(ExtensionContext context) {
    HatchetHub hub = start(settings(context));
    scope(context, hub);
    current = hub;
  }

  private void closeScope(ExtensionContext context) {
    Scope scope = context.getStore(NAMESPACE).remove(context.getUniqueId(), Scope.class);
    if (scope == null) return;
    if (scope.hub != null && current == scope.hub) current = null;
    scope.close();
  }

  /** This context's own scope, made with {@code hub} (or none) if it has none yet. */
  private static Scope scope(ExtensionContext context, HatchetHub hub) {
    return context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(context.getUniqueId(), id -> new Scope(hub), Scope.class);
  }

  /** The hub of this context or of the nearest one around it that has one. */
  private static HatchetHub findHub(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent();
        at = at.get().getParent()) {
      ExtensionContext each = at.get();
      Scope scope = each.getStore(NAMESPACE).get(each.getUniqueId(), Scope.class);
      if (scope != null && scope.hub != null) return scope.hub;
    }
    return null;
  }

  private Settings settings(ExtensionContext context) {
    if (built != null) return built;
    for (Class<?> type = context.getTestClass().orElse(null); type != null;
        type = type.getEnclosingClass()) {
      Optional<HatchetHubTest> declared = AnnotationSupport.findAnnotation(type, HatchetHubTest.class);
      if (declared.isPresent()) return Settings.of(declared.get());
    }
    return DEFAULTS;
  }

  private static HatchetHub start(Settings settings) {
    HatchetHub.Builder builder = HatchetHub.builder().port(0);
    settings.apps().forEach(builder::app);
    settings.hubOptions().accept(builder);
    return builder.start();
  }

  private static Hatchet connect(HatchetHub hub, Settings settings) {
    Hatchet.Builder builder = Hatchet.builder(hub.url()).reconnectDelay(RECONNECT_MIN, RECONNECT_MAX);
    settings.clientOptions().accept(builder);
    return builder.build();
  }

  /** What one extension context owns: its hub, if it started one, and its Hatchet. */
  private static final class Scope implements AutoCloseable {
    final HatchetHub hub;
    private Hatchet hatchet;
    private boolean closed;

    Scope(HatchetHub hub) {
      this.hub = hub;
    }

    Hatchet hatchet(java.util.function.Supplier<Hatchet> connect) {
      synchronized (this) {
        if (hatchet != null) return hatchet;
        if (closed) throw new IllegalStateException("the test is over");
      }
      Hatchet made = connect.get(); // outside the lock: it runs the test's own client options
      synchronized (this) {
        if (hatchet == null && !closed) {
          hatchet = made;
          return made;
        }
      }
      made.close();
      return hatchet(connect);
    }

    /** The Hatchet first, so that its sessions end at the hub before the hub does. */
    @Override public void close() {
      Hatchet toClose;
      synchronized (this) {
        closed = true;
        toClose = hatchet;
      }
      if (toClose != null) toClose.close();
      if (hub != null) hub.close();
    }
  }

  private record Settings(List<App> apps, boolean perClass,
      Consumer<HatchetHub.Builder> hubOptions, Consumer<Hatchet.Builder> clientOptions) {

    static Settings of(HatchetHubTest declared) {
      List<App> apps = new ArrayList<>();
      for (TestApp app : declared.apps()) apps.add(app(app));
      return new Settings(List.copyOf(apps), declared.perClass(), hub -> {}, client -> {});
    }

    private static App app(TestApp declared) {
      try {
        App app = App.named(declared.name());
        for (String key : declared.consumerKeys()) app = app.consumerKey(key);
        for (String key : declared.contributorKeys()) app = app.contributorKey(key);
        return declared.producerSecrets().length == 0 ? app
            : app.producerSecrets(declared.producerSecrets());
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(
            "@TestApp(name = \"" + declared.name() + "\"): " + e.getMessage(), e);
      }
    }
  }

  /**
   * Configures a {@link HatchetHubExtension}. Each method checks its argument at once; not
   * thread-safe. The options it is given are called on the thread that starts each hub or client.
   */
  public static final class Builder {
    private final List<App> apps = new ArrayList<>();
    private boolean perClass;
    private Consumer<HatchetHub.Builder> hubOptions = hub -> {};
    private Consumer<Hatchet.Builder> clientOptions = client -> {};

    private Builder() {}

    /**
     * Adds an app to every hub this extension starts.
     *
     * @param app the app, with its keys and secrets
     * @return this builder
     * @throws IllegalArgumentException if {@code app} is null
     */
    public Builder app(App app) {
      if (app == null) throw new IllegalArgumentException("app == null");
      apps.add(app);
      return this;
    }

    /**
     * One hub for the whole class, started before {@code @BeforeAll} and closed after
     * {@code @AfterAll}, instead of one per test. Needs the extension in a static field.
     *
     * @return this builder
     */
    public Builder perClass() {
      perClass = true;
      return this;
    }

    /**
     * Sets more hub options, on each hub's builder after its apps and port 0.
     *
     * @param options called with each hub's builder before the hub starts; it replaces the
     *     options given before
     * @return this builder
     * @throws IllegalArgumentException if {@code options} is null
     */
    public Builder configureHub(Consumer<HatchetHub.Builder> options) {
      if (options == null) throw new IllegalArgumentException("options == null");
      hubOptions = options;
      return this;
    }

    /**
     * Sets client options of the injected {@link Hatchet}, after the quicker reconnects.
     *
     * @param options called with each injected Hatchet's builder before it connects; it replaces
     *     the options given before
     * @return this builder
     * @throws IllegalArgumentException if {@code options} is null
     */
    public Builder configureClient(Consumer<Hatchet.Builder> options) {
      if (options == null) throw new IllegalArgumentException("options == null");
      clientOptions = options;
      return this;
    }

    /**
     * Builds the extension with what was configured so far; changes to this builder after it do
     * not reach it.
     *
     * @return the extension, to put in a {@code @RegisterExtension} field
     */
    public HatchetHubExtension build() {
      return new HatchetHubExtension(
          new Settings(List.copyOf(apps), perClass, hubOptions, clientOptions));
    }
  }
}
