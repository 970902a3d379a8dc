package io.hatchet.internal;

import io.hatchet.ClosedException;
import io.hatchet.HatchetListener;
import io.hatchet.TokenProvider;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one socket.io connection of a Hatchet, shared by all its sessions: opens it, reopens it after
 * a back-off delay whenever it drops, sends requests and times their answers, and hands delivered
 * events to the sessions they name.
 *
 * <p><b>One thread.</b> Everything that touches the socket or the sessions' state runs on the
 * transport's own thread ({@code hatchet-N-io}), where the {@link EngineSocket} also reports; work
 * there is short and never blocks, and no user code runs there. So there is no lock, and a
 * request's place in line is fixed when it is queued. User-facing calls are handed to
 * {@link #execute}; callbacks go to the sessions' {@link SerialExecutor}s. Timers run on the
 * shared daemon scheduler and hand their work to the thread too.
 */
public final class Transport {
  private static final AtomicInteger instances = new AtomicInteger();

  final ClientConfig config;
  final Log log;
  private final String label;
  private final Callbacks callbacks;
  private final SerialExecutor listenerCalls;
  private final ScheduledThreadPoolExecutor scheduler = SharedScheduler.acquire();
  private final HttpClient http;
  private final ExecutorService loop;
  private volatile Thread loopThread;
  private final Backoff backoff;
  private final AtomicInteger sessionNames = new AtomicInteger();
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  private final CountDownLatch closedOnLoop = new CountDownLatch(1);
  private final Metrics metrics;
  private final ScheduledFuture<?> expirySweep;
  private volatile boolean connected;
  /** Counts connections, so that work begun on one is dropped when it ends. */
  private volatile long epoch;

  // Event-thread state.
  private final Map<String, AbstractSession> sessions = new LinkedHashMap<>();
  /** The connection, or the attempt at one; null between attempts. */
  private EngineSocket socket;
  private boolean closed;
  private int failedAttempts;
  private long attempt;
  private ScheduledFuture<?> connectTimer;
  private ScheduledFuture<?> retryTimer;
  private ScheduledFuture<?> heartbeatTimer;

  public Transport(ClientConfig config) {
    this.config = config;
    this.label = "hatchet-" + instances.incrementAndGet();
    this.log = new Log(label, config.log());
    this.callbacks = new Callbacks(config.callbackExecutor(), label);
    this.listenerCalls = newCallbackExecutor();
    this.metrics = new Metrics(config.metrics(), newCallbackExecutor(), log);
    this.backoff = new Backoff(config.reconnectDelayMin(), config.reconnectDelayMax());
    this.http = new HttpClient(label);

    ThreadFactory threads = Threads.daemon(label + "-io");
    this.loop = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        runnable -> loopThread = threads.newThread(runnable));
    long sweepMillis = Math.max(50, Math.min(1_000, config.maxQueueAge().toMillis() / 4));
    this.expirySweep = scheduler.scheduleWithFixedDelay(() -> execute(this::expireQueued),
        sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  public void start() {
    execute(this::open);
  }

  public String url() {
    return config.url();
  }

  /** Whether close() has been called; from then on new requests fail at once. */
  boolean isClosing() {
    return closeCalled.get();
  }

  public boolean isConnected() {
    return connected;
  }

  /** A consumer credential from {@code provider}, cached and refreshed before it expires. */
  public Supplier<CompletableFuture<String>> tokens(TokenProvider provider) {
    return new TokenCache(provider, callbacks.executor(), scheduler, log);
  }

  Metrics metrics() {
    return metrics;
  }

  long epoch() {
    return epoch;
  }

  /**
   * Runs {@code task} on the transport's thread: at once if called there, else after every task
   * handed over before it.
   */
  void execute(Runnable task) {
    if (Thread.currentThread() == loopThread) {
      run(task);
      return;
    }
    try {
      loop.execute(() -> run(task));
    } catch (RejectedExecutionException e) {
      // Closed: the close ended every session, and whatever this was has nobody left to serve.
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.warn("internal error", t); // never let it end the transport's thread
    }
  }

  String newSessionName(String prefix) {
    return prefix + sessionNames.incrementAndGet();
  }

  SerialExecutor newCallbackExecutor() {
    return new SerialExecutor(callbacks.executor());
  }

  void add(AbstractSession session) {
    if (closeCalled.get()) throw new IllegalStateException(this + " is closed");
    execute(() -> {
      if (closed) {
        session.end(new ClosedException(this + " is closed"), false);
        return;
      }
      sessions.put(session.name, session);
      if (connected) session.connected();
    });
  }

  /** Transport thread. */
  void remove(AbstractSession session) {
    sessions.remove(session.name, session);
  }

  /** Sends {@code request} now and times its answer (transport thread; connected). */
  void emit(AbstractSession session, Request request) {
    Object emission = new Object();
    request.emission = emission;
    request.sentAtNanos = System.nanoTime();
    request.timeout = schedule(config.ackTimeout().toMillis(), () -> {
      if (request.emission == emission) session.timedOut(request);
    });
    socket.emit(request.event, request.wireJson(), answer -> {
      if (request.emission != emission) return;
      session.answered(request,
          answer instanceof JsonObject json ? new Answer(json) : Answer.bad(answer));
    });
  }

  /** Sends {@code event} if connected, asking for no answer (transport thread). */
  void tell(String event, String json) {
    if (connected && socket != null) socket.emit(event, json, null);
  }

  /** Drops the connection and opens a new one after a delay (transport thread). */
  void reconnect(String reason) {
    if (closed) return;
    if (connected) {
      connected = false;
      for (AbstractSession session : new ArrayList<>(sessions.values())) {
        session.disconnected(reason);
      }
    }
    cancel(connectTimer);
    cancel(heartbeatTimer);
    if (socket != null) socket.cancel(); // tears down whatever is half open
    socket = null;
    http.cancelAll();
    long delay = backoff.delayMillis(failedAttempts++);
    log.info("disconnected ({}); reconnecting in {} ms", reason, delay);
    metrics.reconnect(failedAttempts, delay, reason);
    notifyListener(listener -> listener.onDisconnected(config.url(), reason));
    retryTimer = schedule(delay, this::open);
  }

  private void open() {
    if (closed) return;
    long thisAttempt = ++attempt;
    for (AbstractSession session : new ArrayList<>(sessions.values())) session.attempting();
    socket = EngineSocket.open(http.client(), config.url(), this::execute, new Link());
    connectTimer = schedule(config.connectTimeout().toMillis(), () -> {
      if (thisAttempt == attempt && !connected) {
        reconnect("no connection within " + config.connectTimeout().toMillis() + " ms");
      }
    });
  }

  private void onConnect() {
    if (closed) return;
    connected = true;
    epoch++;
    failedAttempts = 0;
    cancel(connectTimer);
    heartbeat(epoch);
    log.info("connected to {}", config.url());
    notifyListener(listener -> listener.onConnected(config.url()));
    for (AbstractSession session : new ArrayList<>(sessions.values())) session.connected();
  }

  /**
   * Asks the hub for a sign of life every heartbeat interval; no answer within the timeout means
   * the connection is dead though still open (a stalled peer or network), and it is replaced.
   */
  private void heartbeat(long forEpoch) {
    heartbeatTimer = schedule(config.heartbeatInterval().toMillis(), () -> {
      if (closed || !connected || epoch != forEpoch) return;
      ScheduledFuture<?> deadline = schedule(config.heartbeatTimeout().toMillis(), () -> {
        if (connected && epoch == forEpoch) {
          reconnect("no answer to the heartbeat within " + config.heartbeatTimeout().toMillis()
              + " ms");
        }
      });
      socket.emit("ping", "{}", answer -> {
        cancel(deadline);
        if (connected && epoch == forEpoch) heartbeat(forEpoch);
      });
    });
  }

  private void expireQueued() {
    long deadline = System.nanoTime() - config.maxQueueAge().toNanos();
    for (AbstractSession session : new ArrayList<>(sessions.values())) session.expire(deadline);
  }

  private void onClosed(String reason) {
    if (closed) return;
    reconnect(connected ? reason : "cannot connect: " + reason);
  }

  /** A {@code deliver} carries one or more delivery objects, in the order they were routed. */
  private void onDeliver(JsonArray deliveries) {
    for (JsonElement delivery : deliveries) {
      deliver(delivery);
    }
  }

  private void deliver(JsonElement delivery) {
    if (!(delivery instanceof JsonObject message)) {
      log.warn("ignored a delivery that is not an object: {}", delivery);
      return;
    }
    String event = Json.string(message.get("event"));
    JsonArray names = message.get("sessions") instanceof JsonArray a ? a : null;
    if (event == null || names == null) {
      log.warn("ignored a delivery without event or sessions");
      return;
    }
    JsonElement data = message.has("data") ? message.get("data") : JsonNull.INSTANCE;
    JsonArray seqs = message.get("seqs") instanceof JsonArray a ? a : null;
    boolean handedOver = false;
    for (int i = 0; i < names.size(); i++) {
      if (sessions.get(Json.string(names.get(i))) instanceof RealConsumer consumer) {
        // Each consumer gets a tree of its own: a handler may change what it is given.
        consumer.deliver(event, handedOver ? data.deepCopy() : data, Json.number(seqs, i));
        handedOver = true;
      }
    }
  }

  /** What the current {@link EngineSocket} reports; a former one's reports are ignored. */
  private final class Link implements EngineSocket.Listener {
    @Override public void connected(EngineSocket from) {
      if (from == socket) onConnect();
    }

    @Override public void event(EngineSocket from, String name, JsonArray args) {
      if (from != socket) return;
      if (name.equals("deliver")) {
        onDeliver(args);
      } else if (name.equals("hub-error")) {
        log.warn("the hub reported an error: {}", args.isEmpty() ? null : args.get(0));
      }
    }

    @Override public void closed(EngineSocket from, String reason) {
      if (from == socket) onClosed(reason);
    }
  }

  void callbackError(String app, String event, Throwable error) {
    log.warn("a handler of event '{}' of app '{}' failed", event, app, error);
    HatchetListener listener = config.listener();
    try {
      listener.onCallbackError(app, event, error); // already on a callback thread
    } catch (Throwable t) {
      log.warn("HatchetListener.onCallbackError threw", t);
    }
  }

  private void notifyListener(Consumer<HatchetListener> call) {
    listenerCalls.execute(() -> {
      try {
        call.accept(config.listener());
      } catch (Throwable t) {
        log.warn("HatchetListener threw", t);
      }
    });
  }

  /**
   * Closes every session, then the socket, then the threads: bounded, idempotent, and safe to call
   * from a handler.
   */
  public void close() {
    if (!closeCalled.compareAndSet(false, true)) {
      awaitQuietly(closedOnLoop, 2_000);
      return;
    }
    execute(() -> {
      closed = true;
      cancel(connectTimer);
      cancel(retryTimer);
      cancel(heartbeatTimer);
      expirySweep.cancel(false);
      ClosedException e = new ClosedException(this + " was closed");
      // Gone for good, not disconnected: each session tells the hub, which forgets its consumers
      // now rather than keeping them for their grace period.
      for (AbstractSession session : new ArrayList<>(sessions.values())) session.end(e, true);
      sessions.clear();
      // Connected: let the DISCONNECT and the close frame go out. Else: end any hanging handshake.
      if (!connected) http.cancelAll();
      connected = false;
      if (socket != null) socket.close(); // sends socket.io's DISCONNECT first when connected
      socket = null;
      log.info("closed");
      closedOnLoop.countDown();
    });
    if (!awaitQuietly(closedOnLoop, 2_000)) {
      log.warn("the transport's thread did not run the close in time; closing anyway");
    }
    loop.shutdown();
    http.close();
    callbacks.close();
    SharedScheduler.release();
  }

  Backoff backoff() {
    return backoff;
  }

  /** Runs {@code onLoop} on the transport's thread after {@code delayMillis}. */
  ScheduledFuture<?> schedule(long delayMillis, Runnable onLoop) {
    try {
      return scheduler.schedule(() -> execute(onLoop), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null; // closing: the scheduler is gone, and so is the need
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) timer.cancel(false);
  }

  private static boolean awaitQuietly(CountDownLatch latch, long millis) {
    try {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return label + "{" + config.url() + "}";
  }
}
