package io.hatchet.hub;

import io.hatchet.hub.internal.netty.HubThreadFactory;
import io.hatchet.hub.internal.netty.QuietLog;
import io.hatchet.hub.internal.netty.Socket;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's hooks, and how it asks them: on threads of their own, with a timeout, so that a
 * hook that fails, hangs or answers late fails only the request it was asked about. Made only
 * for a hub that has a hook.
 */
final class Hooks implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Hooks.class);
  /**
   * Failures of this hub's hooks, at most one WARN line per 10 s; each is logged once. The
   * hub's own, so that one hub's failing hook does not silence another's.
   */
  private final QuietLog log = new QuietLog(logger);
  private static final long CLOSE_WAIT_MILLIS = 1_000;

  final Authorizer authorizer;
  final MessageHook messageHook;
  final int maxPending;
  final long maxPendingChars;
  private final long timeoutNanos;
  private final ThreadPoolExecutor executor;

  Hooks(Authorizer authorizer, MessageHook messageHook, long timeoutNanos, int maxPending,
      long maxPendingChars, String threadPrefix) {
    this.authorizer = authorizer;
    this.messageHook = messageHook;
    this.timeoutNanos = timeoutNanos;
    this.maxPending = maxPending;
    this.maxPendingChars = maxPendingChars;
    // Threads come as calls do, and go after a minute without any.
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new HubThreadFactory(threadPrefix + "-hooks"));
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Whether {@code request} waits for a hook: an {@code auth} or a {@code publish} with an
   * object argument. Anything else of those names is refused as it would be without hooks.
   */
  boolean wants(Request request) {
    if (request.malformed != null || request.args.isEmpty()
        || !request.args.get(0).isJsonObject()) {
      return false;
    }
    return Events.PUBLISH.equals(request.name) ? messageHook != null
        : Events.AUTH.equals(request.name) && authorizer != null;
  }

  /**
   * Asks a hook about {@code entry}, made ready with its answer, or with {@code hook_failed} or
   * {@code hook_timeout}, on {@code socket}'s loop, which then moves {@code queue} on. Called
   * from {@link PendingRequests.Entry#start}, on that loop.
   *
   * @param hook names the hook in messages: "the authorizer", "the message hook"
   */
  void ask(Socket socket, PendingRequests queue, PendingRequests.Entry entry, String hook,
      Supplier<? extends CompletionStage<?>> call) {
    try {
      entry.timer = socket.loop().schedule(() -> {
        String why = hook + " did not answer within "
            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
        if (entry.settle(null, ErrorCode.HOOK_TIMEOUT, why)) {
          log.warn(socket.id(), why);
          queue.pump();
        }
      }, timeoutNanos, TimeUnit.NANOSECONDS);
      executor.execute(() -> call(socket, queue, entry, hook, call));
    } catch (RejectedExecutionException e) {
      // The hub is stopping, and the connection with it: start() finishes the entry itself.
      entry.settle(null, ErrorCode.INTERNAL, "the hub is stopping");
    }
  }

  /** On a hook thread: calls the hook, and hands what it answers to the socket's loop. */
  private void call(Socket socket, PendingRequests queue, PendingRequests.Entry entry,
      String hook, Supplier<? extends CompletionStage<?>> call) {
    CompletionStage<?> stage;
    try {
      stage = call.get();
    } catch (Throwable e) {
      settle(socket, queue, entry, hook, null, e, hook + " threw " + e);
      if (e instanceof VirtualMachineError error) throw error;
      return;
    }
    if (stage == null) {
      settle(socket, queue, entry, hook, null, null, hook + " returned null");
      return;
    }
    stage.whenComplete((value, error) -> {
      Throwable cause = unwrap(error);
      String why = cause != null ? hook + " failed: " + cause
          : value == null ? hook + " answered null" : null;
      settle(socket, queue, entry, hook, value, cause, why);
    });
  }

  /**
   * Makes {@code entry} ready on the socket's loop: with {@code value}, or, if {@code why} is
   * not null, failed for that reason (logged) and {@code cause} (may be null).
   */
  private void settle(Socket socket, PendingRequests queue, PendingRequests.Entry entry,
      String hook, Object value, Throwable cause, String why) {
    Runnable settle = () -> {
      boolean late = cause instanceof TimeoutException;
      ErrorCode code = why == null ? null : late ? ErrorCode.HOOK_TIMEOUT : ErrorCode.HOOK_FAILED;
      // The client learns that the hook failed; what it threw may hold what only the log may.
      String told = why == null ? null : hook + (late ? " timed out" : " failed")
          + " on this request; the hub's log says why";
      if (entry.settle(why == null ? value : null, code, told)) {
        if (why != null) {
          log.warn(socket.id(), why);
          if (cause != null) logger.debug("connection {}: {}", socket.id(), why, cause);
        }
        queue.pump();
      }
    };
    try {
      socket.loop().execute(settle);
    } catch (RejectedExecutionException e) {
      // The hub is stopping: the connection closes with it, and nobody waits for the answer.
    }
  }

  /** Logs a hook's mistake about a request of {@code socket}'s, as its failures are. */
  void warn(Socket socket, String why) {
    log.warn(socket.id(), why);
  }

  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /** Stops the hook threads, interrupting hooks still running; waits a second at most. */
  @Override public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        logger.warn("a hook still runs on a hook thread {} ms after the hub closed",
            CLOSE_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
