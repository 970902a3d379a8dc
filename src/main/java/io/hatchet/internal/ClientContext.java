package io.hatchet.internal;

import io.hatchet.HatchetListener;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What every part of one Hatchet shares: its settings, its log, its metrics, its callback
 * executor and the JVM's timer thread. Made and closed by the connection; usable from any thread.
 */
public final class ClientContext implements AutoCloseable {
  private static final AtomicInteger instances = new AtomicInteger();

  private final ClientConfig config;
  private final String label;
  private final Log log;
  private final Callbacks callbacks;
  private final SerialExecutor listenerCalls;
  /** Batches of lane tasks, one after the other, so that each lane gets its tasks in order. */
  private final SerialExecutor batches;
  private final Metrics metrics;
  private final ScheduledExecutorService scheduler = SharedScheduler.acquire();
  private final AtomicInteger sessionNames = new AtomicInteger();

  public ClientContext(ClientConfig config) {
    this.config = config;
    this.label = "hatchet-" + instances.incrementAndGet();
    this.log = new Log(label, config.log());
    this.callbacks = new Callbacks(config.callbackExecutor(), label);
    this.listenerCalls = newSerialExecutor();
    this.batches = newSerialExecutor();
    this.metrics = new Metrics(config.metrics(), newSerialExecutor(), log);
  }

  public ClientConfig config() {
    return config;
  }

  /** Names this Hatchet's threads and log lines: {@code hatchet-N}. */
  public String label() {
    return label;
  }

  public Log log() {
    return log;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The timer thread that all Hatchets share: its tasks must only hand work on. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Runs {@code tasks}, each on its lane, in order per lane. On the Hatchet's own callback thread
   * they go as one task, which runs each lane's at once if that lane is idle: one hand-off
   * between threads for all, not one per lane. On a user's executor each lane is handed its task,
   * so that lanes keep running side by side there.
   */
  public void runOnLanes(List<SerialExecutor> lanes, List<Runnable> tasks) {
    if (!callbacks.owned()) {
      for (int i = 0; i < lanes.size(); i++) lanes.get(i).execute(tasks.get(i));
      return;
    }
    batches.execute(() -> {
      for (int i = 0; i < lanes.size(); i++) lanes.get(i).runOrQueue(tasks.get(i));
    });
  }

  /** A new serial lane on the callback executor: one per session, so its callbacks stay in order. */
  public SerialExecutor newSerialExecutor() {
    return new SerialExecutor(callbacks.executor());
  }

  /** A name for a new session, unique on this Hatchet: {@code prefix} and a number. */
  public String newSessionName(String prefix) {
    return prefix + sessionNames.incrementAndGet();
  }

  /** Tells the listener, on a callback thread, that a handler of {@code event} threw. */
  public void callbackError(String app, String event, Throwable error) {
    log.warn("a handler of event '{}' of app '{}' failed", event, app, error);
    try {
      config.listener().onCallbackError(app, event, error); // already on a callback thread
    } catch (Throwable t) {
      log.warn("HatchetListener.onCallbackError threw", t);
    }
  }

  /** Calls the {@link HatchetListener} on a callback thread, in order with earlier calls. */
  public void notifyListener(Consumer<HatchetListener> call) {
    listenerCalls.execute(() -> {
      try {
        call.accept(config.listener());
      } catch (Throwable t) {
        log.warn("HatchetListener threw", t);
      }
    });
  }

  /** Lets the callback thread finish what is queued, and the timer thread go if unused. */
  @Override
  public void close() {
    callbacks.close();
    SharedScheduler.release();
  }
}
