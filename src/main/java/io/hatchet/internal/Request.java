package io.hatchet.internal;

import io.hatchet.HatchetException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.json.JSONObject;

/**
 * One request to the hub: its event name, its argument as JSON text, and what to do with the
 * answer. Its two outcomes are called on the transport's thread, at most once between them.
 */
final class Request {
  final String event;
  final String json;
  /** UTF-8 bytes of the user data it carries, checked against the hub's limit; 0 for control. */
  final int dataBytes;
  private final Consumer<JSONObject> onAccepted;
  private final Consumer<HatchetException> onFailed;
  private boolean ended;

  /** Identifies the current emission; answers and timeouts of older emissions are ignored. */
  Object emission;
  ScheduledFuture<?> timeout;

  Request(String event, String json, int dataBytes, Consumer<JSONObject> onAccepted,
      Consumer<HatchetException> onFailed) {
    this.event = event;
    this.json = json;
    this.dataBytes = dataBytes;
    this.onAccepted = onAccepted;
    this.onFailed = onFailed;
  }

  void accept(JSONObject answer) {
    if (end()) onAccepted.accept(answer);
  }

  void fail(HatchetException e) {
    if (end()) onFailed.accept(e);
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
