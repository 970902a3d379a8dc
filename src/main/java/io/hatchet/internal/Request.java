package io.hatchet.internal;

import io.hatchet.HatchetException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One request to the hub: its event name, its argument as JSON text, and what to do with the
 * answer. Its two outcomes are called on the transport's thread, at most once between them.
 */
final class Request {
  /** Kinds of request that the outbox treats differently. */
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
  final Kind kind;
  final long queuedAtNanos = System.nanoTime();
  private final Consumer<Answer> onAccepted;
  private final Consumer<HatchetException> onFailed;
  private boolean ended;

  /** A publish's number in its publisher's sequence, given when queued; 0 for other requests. */
  long seq;
  /** Identifies the current emission; answers and timeouts of older emissions are ignored. */
  Object emission;
  ScheduledFuture<?> timeout;
  long sentAtNanos;

  Request(String event, String json, int dataBytes, Kind kind, Consumer<Answer> onAccepted,
      Consumer<HatchetException> onFailed) {
    this.event = event;
    this.json = json;
    this.dataBytes = dataBytes;
    this.kind = kind;
    this.onAccepted = onAccepted;
    this.onFailed = onFailed;
  }

  /** The argument as sent: the JSON text, with the sequence number when there is one. */
  String wireJson() {
    if (seq == 0) return json;
    return json.substring(0, json.length() - 1) + ",\"seq\":" + seq + "}";
  }

  /** Characters on the wire, for the outbox's bounds. */
  int size() {
    return json.length();
  }

  void accept(Answer answer) {
    if (end()) onAccepted.accept(answer);
  }

  void fail(HatchetException e) {
    if (end()) onFailed.accept(e);
  }

  boolean isEnded() {
    return ended;
  }

  /** Forgets the current emission, so its late answer or timeout is ignored. */
  void unsend() {
    emission = null;
    if (timeout != null) timeout.cancel(false);
    timeout = null;
  }

  private boolean end() {
    unsend();
    if (ended) return false;
    ended = true;
    return true;
  }
}
