package io.hatchet.internal.session;

import io.hatchet.HatchetException;
import io.hatchet.internal.connection.Sent;
import io.hatchet.protocol.ErrorCode;
import java.util.function.Consumer;

/**
 * One request of a session on its way to the hub: the request's event name and argument (JSON
 * text), and what to do with the answer. Queued in the session's {@link Outbox}, sent when the
 * connection's budget allows, sent again after a reconnect. Its two outcomes are called on the
 * connection's thread, one of them exactly once.
 */
final class Call {
  /** Kinds of call that the outbox treats differently. */
  enum Kind {
    /** The user's: queued, bounded, expired by age, sent again after a reconnect. */
    NORMAL,
    /** Sent only if connected now; never queued or sent again. */
    VOLATILE,
    /** The library's own (restoring watches): exempt from the user's bounds. */
    INTERNAL
  }

  final String event;
  private final String json;
  /** UTF-8 bytes of the user data it carries, checked against the hub's limit; 0 for control. */
  final int dataBytes;
  /** UTF-8 bytes on the wire, near enough: counted against the connection's write budget. */
  final int bytes;
  final Kind kind;
  final long queuedAtNanos = System.nanoTime();
  private final Consumer<Answer> onAccepted;
  private final Consumer<HatchetException> onFailed;
  private boolean ended;
  /** Runs once the call has ended, after its outcome; set by the session, at most one. */
  private Runnable whenEnded;

  /** A publish's number in its publisher's sequence, given when queued; 0 for other requests. */
  long seq;
  /** The current emission, while in flight. */
  Sent sent;
  long sentAtNanos;

  Call(String event, String json, int dataBytes, int dataChars, Kind kind,
      Consumer<Answer> onAccepted, Consumer<HatchetException> onFailed) {
    this.event = event;
    this.json = json;
    this.dataBytes = dataBytes;
    this.bytes = json.length() - dataChars + dataBytes + 24; // + seq and packet framing
    this.kind = kind;
    this.onAccepted = onAccepted;
    this.onFailed = onFailed;
  }

  /** The argument as sent: the JSON text, with the sequence number when there is one. */
  String wireJson() {
    if (seq == 0) return json;
    return json.substring(0, json.length() - 1) + ",\"seq\":" + seq + "}";
  }

  /** Characters of the request, for the outbox's bounds. */
  int size() {
    return json.length();
  }

  /**
   * The hub accepted it. If turning the answer into a result fails (a bug), the call fails
   * instead: it never stays open.
   */
  void accept(Answer answer) {
    if (!end()) return;
    try {
      onAccepted.accept(answer);
    } catch (RuntimeException e) {
      onFailed.accept(new HatchetException(ErrorCode.INTERNAL.wireName(),
          "could not read the hub's answer to " + event + ": " + e, e));
    } finally {
      ended();
    }
  }

  void fail(HatchetException e) {
    if (!end()) return;
    try {
      onFailed.accept(e);
    } finally {
      ended();
    }
  }

  /**
   * Runs {@code action} once this call has ended, either way, after its own outcome: so that what
   * waits for it learns of it after the call's future does.
   */
  void whenEnded(Runnable action) {
    whenEnded = action;
  }

  private void ended() {
    if (whenEnded != null) whenEnded.run();
  }

  /** Forgets the current emission, so its late answer or timeout is ignored. */
  void unsend() {
    if (sent != null) sent.cancel();
    sent = null;
  }

  private boolean end() {
    unsend();
    if (ended) return false;
    ended = true;
    return true;
  }
}
