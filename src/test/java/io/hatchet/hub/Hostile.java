package io.hatchet.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the attack tests share: their hub, frames they send, and waiting with a deadline. */
final class Hostile implements AutoCloseable {
  /** How long the hub may take to answer or close on an attack, on a loaded machine. */
  static final Duration PROMPTLY = Duration.ofSeconds(5);

  final HatchetHub hub;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

  /** A hub with the demo app of {@link TestTokens#app()} (keys and producer secrets). */
  Hostile() {
    this(HatchetHub.builder());
  }

  /** A hub from {@code builder}, with the demo app added. */
  Hostile(HatchetHub.Builder builder) {
    hub = builder.app(TestTokens.app()).start();
  }

  /** A WebSocket past the socket.io connect, closed with the hub. */
  WireSocket open() throws java.io.IOException {
    return track(WireSocket.open(hub));
  }

  <T extends AutoCloseable> T track(T closeable) {
    closeables.push(closeable);
    return closeable;
  }

  /** Closes what was tracked, newest first, then the hub, even if one of them fails to close. */
  @Override public void close() {
    AssertionError failed = null;
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception | AssertionError e) {
        if (failed == null) {
          failed = new AssertionError("closing a client failed", e);
        }
      }
    }
    hub.close();
    if (failed != null) {
      throw failed;
    }
  }

  /** An event packet asking for ack {@code id}: {@code 42<id>["<event>",<argument>]}. */
  static String request(long id, String event, String argumentJson) {
    return "42" + id + "[\"" + event + "\"," + argumentJson + "]";
  }

  /** The argument of an {@code auth} of {@code session} in app demo with {@code key}. */
  static String auth(String sessionJson, String key) {
    return "{\"v\":1,\"session\":" + sessionJson + ",\"app\":\"demo\",\"key\":\"" + key + "\"}";
  }

  /** {@code text}, cut to 200 characters for a failure message. */
  static String shorten(String text) {
    return text.length() <= 200 ? text
        : text.substring(0, 200) + "... (" + text.length() + " characters)";
  }

  /**
   * Runs {@code body} on a daemon thread of its own, named {@code test-<what>}: at once, however
   * few cores the machine has, which the common pool does not promise.
   */
  static <T> CompletableFuture<T> async(String what, Callable<T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(body.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "test-" + what);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** Checks {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
  static boolean within(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }
}
