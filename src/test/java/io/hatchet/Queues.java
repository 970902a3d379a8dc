package io.hatchet;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Taking from queues in tests: always with a deadline. */
final class Queues {
  private Queues() {}

  /** Takes the head of {@code queue}, waiting up to {@link Await#SECONDS}; fails if none comes. */
  static <T> T poll(BlockingQueue<T> queue) {
    try {
      T value = queue.poll(Await.SECONDS, TimeUnit.SECONDS);
      if (value == null) fail("nothing arrived within " + Await.SECONDS + " s");
      return value;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
