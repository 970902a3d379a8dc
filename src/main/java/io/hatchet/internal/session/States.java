package io.hatchet.internal.session;

import io.hatchet.State;
import io.hatchet.StateListener;
import io.hatchet.internal.ClientContext;
import io.hatchet.internal.SerialExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link State} of one session and its listeners. Changes are made on the connection's thread;
 * listeners hear them on the session's callback executor, in order with its handlers.
 */
final class States {
  private final AbstractSession session;
  private final SerialExecutor callbacks;
  private final ClientContext context;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private volatile State current = State.CONNECTING;
  /** Why the connection was last lost, told again when reconnecting starts. */
  private String lostBecause = "";

  States(AbstractSession session, SerialExecutor callbacks, ClientContext context) {
    this.session = session;
    this.callbacks = callbacks;
    this.context = context;
  }

  State current() {
    return current;
  }

  void add(StateListener listener) {
    listeners.add(listener);
  }

  void remove(StateListener listener) {
    listeners.remove(listener);
  }

  void connected() {
    if (change(State.CONNECTED, "authenticated")) tell(StateListener::onConnect);
  }

  /** The connection was lost, or an attempt to open it failed: listeners hear why, each time. */
  void disconnected(String reason) {
    lostBecause = reason;
    State was = current;
    if (was.isFinal()) return;
    // Before the first authentication it is still connecting; after, it is disconnected.
    if (was != State.CONNECTING) change(State.DISCONNECTED, reason);
    tell(listener -> listener.onDisconnect(reason));
  }

  void reconnecting() {
    String reason = lostBecause;
    if (change(State.RECONNECTING, reason)) tell(listener -> listener.onReconnect(reason));
  }

  void failed(String reason) {
    change(State.FAILED, reason);
  }

  void closed(String reason) {
    change(State.CLOSED, reason);
  }

  /** A consumer came back: with everything it missed, or with a gap. */
  void recovery(boolean recovered, long replayed, String gapReason) {
    context.metrics().recovery(session, recovered, replayed);
    if (recovered) tell(listener -> listener.onRecovered(replayed));
    else tell(listener -> listener.onGap(gapReason));
  }

  private boolean change(State next, String reason) {
    State previous = current;
    if (previous == next || previous.isFinal()) return false;
    current = next;
    context.metrics().stateChange(session, previous, next, reason);
    tell(listener -> listener.onStateChange(previous, next, reason));
    return true;
  }

  private void tell(Consumer<StateListener> call) {
    if (listeners.isEmpty()) return;
    callbacks.execute(() -> {
      for (StateListener listener : listeners) {
        try {
          call.accept(listener);
        } catch (Throwable t) {
          context.log().warn("a StateListener of {} threw", session, t);
        }
      }
    });
  }
}
