package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A small application to test: for every "signup" event it sends a "welcome" to the new user,
 * addressed by the user's first name in lower case. {@code WelcomerTest} tests it with the test kit.
 *
 * <p>It welcomes on the Hatchet's callback thread, where its handler runs.
 */
public final class Welcomer implements AutoCloseable {
  private final Consumer signups;
  private final Contributor welcomes;
  private final CompletableFuture<Void> ready;

  public Welcomer(Hatchet hatchet) {
    signups = hatchet.consumer(DemoApp.NAME, DemoApp.CONSUMER_KEY);
    welcomes = hatchet.contributor(DemoApp.NAME, DemoApp.CONTRIBUTOR_KEY);
    ready = signups.watch("signup", Signup.class, this::welcome);
  }

  /** Completes once the hub has confirmed that signups reach this welcomer. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  private void welcome(Signup signup) {
    welcomes.send("welcome", Map.of("text", "Welcome, " + signup.firstName() + "!"),
        signup.firstName().toLowerCase(Locale.ROOT));
  }

  @Override public void close() {
    signups.close();
    welcomes.close();
  }
}
