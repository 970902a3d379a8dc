package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one connection that wait for a hook's answer, and those that came after them:
 * so that a hook's delay never changes the order in which a connection's requests take effect
 * and are answered. Only on a hub with hooks; confined to the connection's event loop.
 *
 * <p>An entry is <em>started</em> (its checks done, its hook asked) and then <em>finished</em>
 * (its effect and its answer) once it is ready. Entries finish in the order they came. They
 * start in that order too, and an entry starts only at the head, with one exception that keeps
 * a publisher fast: a publish starts at once behind earlier publishes still waiting for their
 * verdicts, since publishes change nothing that a later publish's checks read. So the hook is
 * asked about many publishes at once, and still each is routed only after every earlier one.
 */
final class PendingRequests {
  private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);
  /** Started entries, in order: one entry of any kind at the head, or only publishes. */
  private final ArrayDeque<Entry> started = new ArrayDeque<>();
  /** Entries behind them, not started yet, in order. */
  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private final String id;
  private final int max;
  private final long maxChars;
  /** Characters of the packets of the entries in line. */
  private long chars;
  private boolean closed;

  /**
   * The line of the connection of Engine.IO session {@code id}, of {@code max} entries and
   * {@code maxChars} characters of their packets.
   */
  PendingRequests(String id, int max, long maxChars) {
    this.id = id;
    this.max = max;
    this.maxChars = maxChars;
  }

  boolean isEmpty() {
    return started.isEmpty() && waiting.isEmpty();
  }

  /**
   * Why one more entry, of a packet of {@code packetChars} characters, would be past a bound:
   * the bound's description and value, as a {@code too_many} names them; null if it fits. One
   * entry alone always fits.
   */
  RequestException refusal(int packetChars) {
    if (started.size() + waiting.size() >= max) {
      return HubLimits.reached("requests of one connection waiting for the hub's hooks", max);
    }
    if (!isEmpty() && chars + packetChars > maxChars) {
      return HubLimits.reached("characters of requests of one connection waiting for the"
          + " hub's hooks", maxChars);
    }
    return null;
  }

  /** Takes {@code entry}, of a packet of {@code packetChars}, in line and moves the line on. */
  void add(Entry entry, int packetChars) {
    entry.chars = packetChars;
    chars += packetChars;
    waiting.add(entry);
    pump();
  }

  /**
   * Finishes what is ready at the head, and starts what may start: called when an entry comes
   * and whenever one becomes ready.
   */
  void pump() {
    while (!closed) {
      Entry head = started.peek();
      if (head != null && head.ready) {
        started.poll();
        chars -= head.chars;
        try {
          head.finish();
        } catch (RuntimeException e) {
          log.error("connection {}: a request that waited for a hook failed", id, e);
        }
        continue;
      }
      Entry next = waiting.peek();
      if (next == null || head != null && !(head.isPublish() && next.isPublish())) {
        return;
      }
      waiting.poll();
      started.add(next);
      try {
        next.start();
      } catch (RuntimeException e) {
        // The line must go on: the entry finishes with that failure.
        log.error("connection {}: a request for a hook failed", id, e);
        next.settle(null, ErrorCode.INTERNAL,
            "the hub failed to handle this request; its log says why");
      }
    }
  }

  /** The connection closed: nothing waiting takes effect or is answered. */
  void close() {
    closed = true;
    for (Entry entry : started) {
      entry.abandon();
    }
    started.clear();
    waiting.clear();
    chars = 0;
  }

  /**
   * One request in line. {@link #start} and {@link #finish} run on the connection's event loop,
   * each once; {@code finish} only after the entry became {@link #ready}.
   */
  abstract static class Entry {
    /** Set once the entry can finish: at its start, or when its hook answered or failed. */
    boolean ready;
    /** The hook's answer, once ready; null if it failed. */
    Object outcome;
    /** Why the hook failed, once ready; null if it answered. */
    ErrorCode failure;
    String failureMessage;
    /** The timeout of the hook call, if one is on. */
    ScheduledFuture<?> timer;
    /** The length of the request's packet, which counts in the line's bound while it waits. */
    int chars;

    /** Whether this is a publish, which may start while earlier publishes wait. */
    abstract boolean isPublish();

    /** Checks the request and asks the hook, or makes the entry ready at once. */
    abstract void start();

    /** Carries the request out as its hook decided, and answers it. */
    abstract void finish();

    /** The hook answered, or failed ({@code failure} not null): the first call wins. */
    final boolean settle(Object outcome, ErrorCode failure, String failureMessage) {
      if (ready) {
        return false; // after a timeout: ignored
      }
      this.ready = true;
      this.outcome = outcome;
      this.failure = failure;
      this.failureMessage = failureMessage;
      abandon();
      return true;
    }

    /** Stops the timeout, so that nothing holds the entry once it is done. */
    final void abandon() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }

  /** A request of a connection that waits for one of the hub's hooks. */
  abstract static class Hooked extends Entry {
    final Connection connection;
    final Hooks hooks;
    final Request request;
    final long ackId;
    /** The answer, when {@link #start} decided it without the hook (a refusal); else null. */
    private JsonObject early;

    Hooked(Connection connection, Hooks hooks, Request request, long ackId) {
      this.connection = connection;
      this.hooks = hooks;
      this.request = request;
      this.ackId = ackId;
    }

    /** Asks {@code hook} (named so in messages) about this entry: see {@link Hooks#ask}. */
    final void ask(String hook, Supplier<? extends CompletionStage<?>> call) {
      hooks.ask(connection.socket(), connection.pending(), this, hook, call);
    }

    /** The request's object argument. */
    final JsonObject argument() {
      return RequestDispatcher.argument(request);
    }

    /** Decides the answer at the start, without asking the hook: the entry is ready. */
    final void answerEarly(JsonObject answer) {
      early = answer;
      ready = true;
    }

    /** Answers the client, on the request's ack or as a failure's hub-error, then ends. */
    @Override final void finish() {
      RequestDispatcher.respond(connection.socket(), ackId, request,
          early != null ? early : decide());
      answered();
    }

    /** Carries the request out as the hook decided; returns the answer. */
    abstract JsonObject decide();

    /** After the answer went: for what must reach the client after it. Nothing by default. */
    void answered() {
    }
  }
}
