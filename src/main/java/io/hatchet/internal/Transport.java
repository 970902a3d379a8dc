package io.hatchet.internal;

import io.hatchet.ClosedException;
import io.hatchet.HatchetListener;
import io.hatchet.TokenProvider;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import io.socket.thread.EventThread;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The one socket.io connection of a Hatchet, shared by all its sessions: opens it, reopens it after
 * a back-off delay whenever it drops, sends requests and times their answers, and hands delivered
 * events to the sessions they name.
 *
 * <p><b>One thread.</b> Everything that touches the socket or the sessions' state runs on
 * socket.io's own serial event thread, where socket.io also calls us; our work there is short and
 * never blocks, and no user code runs there. So there is no lock, and a request's place in line is
 * fixed when it is queued. User-facing calls are handed to {@link #execute}; callbacks go to the
 * sessions' {@link SerialExecutor}s.
 *
 * <p>socket.io's own reconnection and connect timeout are switched off: they run on non-daemon
 * {@code java.util.Timer} threads, and give no say over the back-off. The shared daemon scheduler
 * runs ours.
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
  private final Socket socket;
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

    IO.Options options = new IO.Options();
    options.forceNew = true; // never share IO's static Manager cache
    options.reconnection = false; // see the class comment
    options.timeout = -1;
    options.transports = new String[] {WebSocket.NAME};
    options.callFactory = http.client();
    options.webSocketFactory = http;
    this.socket = IO.socket(URI.create(config.url()), options);
    socket.on(Socket.EVENT_CONNECT, args -> onConnect());
    socket.on(Socket.EVENT_DISCONNECT, args -> onDisconnect(args.length > 0 ? "" + args[0] : "?"));
    socket.on(Socket.EVENT_CONNECT_ERROR, args -> onConnectError(args));
    socket.on("deliver", this::onDeliver);
    socket.on("hub-error", args -> log.warn("the hub reported an error: {}", first(args)));
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

  /** Runs {@code task} on the transport's thread, after every task handed over before it. */
  void execute(Runnable task) {
    EventThread.exec(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        log.warn("internal error", t); // never let it kill socket.io's event thread
      }
    });
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
    socket.emit(request.event, new Object[] {new Json.Raw(request.wireJson())}, args -> {
      // socket.io calls acks on its event thread, in order with everything else.
      if (request.emission != emission) return;
      Object answer = first(args);
      session.answered(request, answer instanceof JSONObject
          ? (JSONObject) answer
          : new JSONObject().put("ok", false).put("error", new JSONObject()
              .put("code", "bad_answer").put("message", "the hub answered " + answer)));
    });
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
    socket.close(); // tears down whatever is half open; our listeners stay registered
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
    socket.connect();
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
      socket.emit("ping", new Object[] {new Json.Raw("{}")}, args -> {
        cancel(deadline);
        if (connected && epoch == forEpoch) heartbeat(forEpoch);
      });
    });
  }

  private void expireQueued() {
    long deadline = System.nanoTime() - config.maxQueueAge().toNanos();
    for (AbstractSession session : new ArrayList<>(sessions.values())) session.expire(deadline);
  }

  private void onDisconnect(String reason) {
    if (closed || !connected) return;
    reconnect(reason);
  }

  private void onConnectError(Object[] args) {
    if (closed || connected) return;
    Object error = first(args);
    reconnect("cannot connect: " + (error instanceof Throwable t ? t.getMessage() : error));
  }

  /** A {@code deliver} carries one or more delivery objects, in the order they were routed. */
  private void onDeliver(Object[] args) {
    for (Object delivery : args) {
      deliver(delivery);
    }
  }

  private void deliver(Object delivery) {
    if (!(delivery instanceof JSONObject message)) {
      log.warn("ignored a delivery that is not an object: {}", delivery);
      return;
    }
    String event = message.optString("event", null);
    JSONArray names = message.optJSONArray("sessions");
    if (event == null || names == null) {
      log.warn("ignored a delivery without event or sessions");
      return;
    }
    Object data = message.opt("data");
    JSONArray seqs = message.optJSONArray("seqs");
    for (int i = 0; i < names.length(); i++) {
      if (sessions.get(names.optString(i)) instanceof RealConsumer consumer) {
        consumer.deliver(event, data, seqs == null ? 0 : seqs.optLong(i, 0));
      }
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
      for (AbstractSession session : new ArrayList<>(sessions.values())) session.end(e, false);
      sessions.clear();
      // Connected: let the DISCONNECT and the close frame go out. Else: end any hanging handshake.
      if (!connected) http.cancelAll();
      connected = false;
      socket.close(); // sends socket.io's DISCONNECT first when connected
      log.info("closed");
      closedOnLoop.countDown();
    });
    if (!awaitQuietly(closedOnLoop, 2_000)) {
      log.warn("socket.io's event thread did not run the close in time; closing anyway");
    }
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

  private static Object first(Object[] args) {
    return args.length > 0 ? args[0] : null;
  }

  @Override
  public String toString() {
    return label + "{" + config.url() + "}";
  }
}
