package io.hatchet.internal;

import io.hatchet.HatchetException;
import io.hatchet.MetricsListener;
import io.hatchet.Session;
import io.hatchet.State;
import java.util.function.Consumer;

/** Hands figures to the user's {@link MetricsListener} on a callback thread; free when unset. */
final class Metrics {
  private final MetricsListener listener;
  private final SerialExecutor calls;
  private final Log log;

  Metrics(MetricsListener listener, SerialExecutor calls, Log log) {
    this.listener = listener;
    this.calls = calls;
    this.log = log;
  }

  void stateChange(Session session, State previous, State current, String reason) {
    tell(l -> l.onStateChange(session, previous, current, reason));
  }

  void reconnect(int attempt, long delayMillis, String reason) {
    tell(l -> l.onReconnect(attempt, delayMillis, reason));
  }

  void queueDepth(Session session, int requests, long chars) {
    tell(l -> l.onQueueDepth(session, requests, chars));
  }

  void ack(Session session, Request request) {
    if (listener == MetricsListener.NONE) return;
    long latency = System.nanoTime() - request.sentAtNanos;
    String event = request.event;
    tell(l -> l.onAck(session, event, latency));
  }

  void drop(Session session, String request, HatchetException reason) {
    tell(l -> l.onDrop(session, request, reason));
  }

  void recovery(Session session, boolean recovered, long replayed) {
    tell(l -> l.onRecovery(session, recovered, replayed));
  }

  private void tell(Consumer<MetricsListener> call) {
    if (listener == MetricsListener.NONE) return;
    calls.execute(() -> {
      try {
        call.accept(listener);
      } catch (Throwable t) {
        log.warn("MetricsListener threw", t);
      }
    });
  }
}
