package io.hatchet;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.function.Executable;

/**
 * The seed of a random test: {@code -Dhatchet.seed=N} replays a run, and without it every run
 * draws a fresh one. A passing run says nothing; a failure names the seed that replays it.
 */
public final class Seed {
  /** The system property that replays a seed. */
  public static final String PROPERTY = "hatchet.seed";

  private final long value;

  private Seed(long value) {
    this.value = value;
  }

  /** The seed given with {@code -Dhatchet.seed=N}, or a fresh one. */
  public static Seed fromProperty() {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) return new Seed(ThreadLocalRandom.current().nextLong());
    try {
      return new Seed(Long.parseLong(given.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + " must be a long, not " + given, e);
    }
  }

  public long value() {
    return value;
  }

  /** How to run the test again with this seed, for failure messages. */
  public String replay() {
    return "replay with -D" + PROPERTY + "=" + value;
  }

  /** {@code message} with the replay instruction after it. */
  public String say(String message) {
    return message + " (" + replay() + ")";
  }

  /** Runs {@code body}; whatever it throws comes out as an AssertionError that names the seed. */
  public void run(Executable body) {
    try {
      body.execute();
    } catch (Throwable failure) {
      String message = String.valueOf(failure.getMessage());
      if (failure instanceof AssertionError error && message.contains(replay())) throw error;
      throw new AssertionError(say(failure.getClass().getSimpleName() + ": " + message), failure);
    }
  }
}
