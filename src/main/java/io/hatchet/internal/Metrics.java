package io.hatchet.internal;

import io.hatchet.HatchetException;
import io.hatchet.MetricsListener;
import io.hatchet.Session;
import io.hatchet.State;
import java.util.function.Consumer;

/** Hands figures to the user's {@link MetricsListener} on a callback thread; free when unset. */
public final class Metrics {
  private final MetricsListener listener;
  private final SerialExecutor calls;
  private final Log log;

  Metrics(MetricsListener listener, SerialExecutor calls, Log log) {
    this.listener = listener;
    this.calls = calls;
    this.log = log;
  }

  public void stateChange(Session session, State previous, State current, String reason) {
    tell(l -> l.onStateChange(session, previous, current, reason));
  }

  public void reconnect(int attempt, long delayMillis, String reason) {
    tell(l -> l.onReconnect(attempt, delayMillis, reason));
  }

  public void queueDepth(Session session, int requests, long chars) {
    tell(l -> l.onQueueDepth(session, requests, chars));
  }

  public void ack(Session session, String event, long sentAtNanos) {
    if (listener == MetricsListener.NONE) return;
    long latency = System.nanoTime() - sentAtNanos;
    tell(l -> l.onAck(session, event, latency));
  }

  public void drop(Session session, String request, HatchetException reason) {
    tell(l -> l.onDrop(session, request, reason));
  }

  public void recovery(Session session, boolean recovered, long replayed) {
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
