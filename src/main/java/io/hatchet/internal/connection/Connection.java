package io.hatchet.internal.connection;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.hatchet.ClosedException;
import io.hatchet.NotConnectedException;
import io.hatchet.internal.ClientConfig;
import io.hatchet.internal.ClientContext;
import io.hatchet.internal.Json;
import io.hatchet.internal.Log;
import io.hatchet.internal.Threads;
import io.hatchet.internal.engineio.EngineSocket;
import io.hatchet.protocol.Events;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one socket.io connection of a Hatchet, shared by all its sessions ({@link Member}s): opens
 * it, reopens it after a back-off delay whenever it drops, checks it with a heartbeat, sends the
 * sessions' requests within one {@link WriteBudget}, times their answers, and hands delivered
 * events to the sessions they name.
 *
 * <p><b>One thread.</b> Everything that touches the socket or the sessions' state runs on the
 * connection's own thread ({@code hatchet-N-io}), where the {@link EngineSocket} also reports;
 * work there is short and never blocks, and no user code runs there. So there is no lock, and a
 * request's place in line is fixed when it is queued. Methods for that thread assert that they
 * run there (run the tests with {@code -ea}). Timers run on the shared daemon scheduler and hand
 * their work to the thread.
 */
public final class Connection implements Link {
  private final ClientContext context;
  private final ClientConfig config;
  private final Log log;
  private final HttpClient http;
  private final Loop loop;
  private final Backoff backoff;
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  private final CountDownLatch closedOnLoop = new CountDownLatch(1);
  private final ScheduledFuture<?> expirySweep;
  private volatile boolean connected;
  private volatile long epoch;

  // Loop state.
  private final Map<String, Member> members = new LinkedHashMap<>();
  /** Members with requests to send, in turn: each sends one, then waits behind the others. */
  private final LinkedHashSet<Member> ready = new LinkedHashSet<>();
  private final WriteBudget budget = new WriteBudget();
  /**
   * What was sent and not yet answered, oldest first. All wait the same ack timeout, so the head
   * is the first to time out: one timer, set for the head, times them all.
   */
  private final ArrayDeque<Emission> unanswered = new ArrayDeque<>();
  private ScheduledFuture<?> ackTimer;
  private boolean pumping;
  /** The connection, or the attempt at one; null between attempts. */
  private EngineSocket socket;
  private boolean closed;
  private int failedAttempts;
  private long attempt;
  private ScheduledFuture<?> connectTimer;
  private ScheduledFuture<?> retryTimer;
  private ScheduledFuture<?> heartbeatTimer;
  private ScheduledFuture<?> firstConnectDeadline;
  private boolean everConnected;
  /** Why the last attempt to connect failed, for the exception of {@link #giveUp}. */
  private String lastFailure;
  private int attemptsFailed;
  /** Set once the connection gave up, as failIfNotConnectedWithin asks: it tries no more. */
  private NotConnectedException gaveUp;
  private final FailureWarnings warnings =
      new FailureWarnings(System::nanoTime, FailureWarnings.PERIOD_NANOS);

  public Connection(ClientConfig config) {
    this.context = new ClientContext(config);
    this.config = config;
    this.log = context.log();
    this.backoff = new Backoff(config.reconnectDelayMin(), config.reconnectDelayMax());
    this.http = new HttpClient(context.label(), config);
    ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), Threads.daemon(context.label() + "-io"));
    this.loop = new Loop(thread, this::run);
    long sweepMillis = Math.max(50, Math.min(1_000, config.maxQueueAge().toMillis() / 4));
    this.expirySweep = context.scheduler().scheduleWithFixedDelay(
        () -> loop.handOff(this::expireQueued),
        sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  public void start() {
    execute(() -> {
      if (config.failIfNotConnectedWithin() != null) {
        firstConnectDeadline = schedule(config.failIfNotConnectedWithin().toMillis(), this::giveUp);
      }
      open();
    });
  }

  public String url() {
    return config.url();
  }

  public boolean isConnected() {
    return connected;
  }

  @Override public ClientContext context() {
    return context;
  }

  @Override public boolean isClosing() {
    return closeCalled.get();
  }

  @Override public boolean inLoop() {
    return loop.inLoop();
  }

  @Override public long epoch() {
    return epoch;
  }

  @Override public boolean isOpen(long epoch) {
    return connected && this.epoch == epoch;
  }

  @Override public void execute(Runnable task) {
    if (inLoop()) {
      run(task);
    } else {
      loop.execute(task);
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      // A bug of ours. The thread must live on, and the sessions' state may be half changed:
      // start again from what the hub confirmed, as after any cut.
      log.error("internal error; reconnecting", t);
      if (inLoop() && !closed) reconnect("internal error: " + t);
    }
  }

  @Override public ScheduledFuture<?> schedule(long delayMillis, Runnable task) {
    try {
      return context.scheduler().schedule(() -> loop.handOff(task), delayMillis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null; // closing: the scheduler is gone, and so is the need
    }
  }

  @Override public void join(Member member) {
    if (closeCalled.get()) throw new IllegalStateException(this + " is closed");
    execute(() -> {
      if (closed) {
        member.closed(new ClosedException(this + " is closed"));
        return;
      }
      if (gaveUp != null) {
        member.failed(gaveUp);
        return;
      }
      members.put(member.name(), member);
      if (connected) member.connected();
    });
  }

  @Override public void leave(Member member) {
    assert inLoop();
    members.remove(member.name(), member);
    ready.remove(member);
  }

  @Override public void readyToSend(Member member) {
    assert inLoop();
    if (ready.add(member)) pump();
  }

  /** Lets members send, in turn, while the budget has room. */
  private void pump() {
    if (pumping || !connected) return;
    pumping = true;
    try {
      Iterator<Member> turns = ready.iterator();
      while (connected && turns.hasNext()) {
        Member member = turns.next();
        int size = member.nextSize();
        if (size < 0) {
          turns.remove();
          continue;
        }
        if (!budget.fits(size)) return; // answers will free room, and pump again
        turns.remove();
        member.sendNext();
        if (member.nextSize() >= 0) ready.add(member); // back of the line
        turns = ready.iterator();
      }
    } finally {
      pumping = false;
    }
  }

  @Override public Sent emit(String event, String json, int bytes, Sent.Answer answer) {
    assert inLoop();
    Emission sent = new Emission(bytes, answer, epoch);
    budget.take(bytes);
    unanswered.add(sent);
    if (ackTimer == null) ackTimer = schedule(config.ackTimeout().toMillis(), this::timeOutAcks);
    if (socket == null || !socket.emit(event, json, sent::answered)) {
      // Not sent: the socket has ended, and its report will come next, from the loop's queue.
      sent.cancel();
    }
    return sent;
  }

  @Override public void tell(String event, String json) {
    assert inLoop();
    if (connected && socket != null) socket.emit(event, json, null);
  }

  /** Times out what has waited the ack timeout, and sets the timer for the next one. */
  private void timeOutAcks() {
    ackTimer = null;
    long due = System.nanoTime() - config.ackTimeout().toNanos();
    Emission head;
    while ((head = unanswered.peek()) != null && (head.done || head.sentAtNanos - due <= 0)) {
      unanswered.poll();
      head.timedOut();
    }
    if (head != null) {
      long waitNanos = head.sentAtNanos - due;
      ackTimer = schedule(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1, this::timeOutAcks);
    }
  }

  /** Lets go of the answered ones at the head: answers mostly come in order, so this is O(1). */
  private void dropAnsweredHead() {
    while (!unanswered.isEmpty() && unanswered.peek().done) unanswered.poll();
  }

  /** One request in flight: answered, timed out or cancelled, whichever comes first. */
  private final class Emission implements Sent {
    private final int bytes;
    private final Sent.Answer answer;
    private final long epoch;
    final long sentAtNanos = System.nanoTime();
    boolean done;

    Emission(int bytes, Sent.Answer answer, long epoch) {
      this.bytes = bytes;
      this.answer = answer;
      this.epoch = epoch;
    }

    /** Ends it; false if it had ended already. Its bytes leave the budget, if still counted. */
    private boolean end() {
      if (done) return false;
      done = true;
      if (epoch == Connection.this.epoch && connected) budget.give(bytes);
      dropAnsweredHead();
      return true;
    }

    void answered(JsonElement json) {
      if (!end()) return;
      answer.answered(json);
      pump();
    }

    void timedOut() {
      if (!end()) return;
      answer.timedOut();
      pump();
    }

    @Override public void cancel() {
      assert inLoop();
      end();
    }
  }

  /**
   * Drops the connection and opens a new one after a delay (connection's thread). Called while
   * not connected, it is an attempt that failed, for {@code reason}.
   */
  @Override public void reconnect(String reason) {
    assert inLoop();
    if (closed || gaveUp != null) return;
    boolean wasConnected = connected;
    String told = wasConnected ? reason : "cannot connect: " + reason;
    if (wasConnected) {
      connected = false;
      budget.reset();
      unanswered.clear(); // the sessions send it all again, or fail it
      cancel(ackTimer);
      ackTimer = null;
    } else {
      lastFailure = reason;
      attemptsFailed++;
    }
    for (Member member : new ArrayList<>(members.values())) member.disconnected(told);
    cancel(connectTimer);
    cancel(heartbeatTimer);
    if (socket != null) socket.cancel(); // tears down whatever is half open
    socket = null;
    http.cancelAll();
    long delay = backoff.delayMillis(failedAttempts++);
    if (wasConnected) {
      log.info("disconnected ({}); reconnecting in {} ms", reason, delay);
    } else {
      warnFailedAttempt(reason, delay);
    }
    context.metrics().reconnect(failedAttempts, delay, told);
    context.notifyListener(listener -> listener.onDisconnected(config.url(), told));
    retryTimer = schedule(delay, this::open);
  }

  /**
   * A wrong URL or a hub that is down must show without log(true): the first failure at WARN,
   * then one a minute at most, with the count of those left out.
   */
  private void warnFailedAttempt(String reason, long delay) {
    int leftOut = warnings.next();
    if (leftOut < 0) {
      log.info("cannot connect to {}: {}; trying again in {} ms", config.url(), reason, delay);
    } else if (leftOut == 0) {
      log.warn("cannot connect to {}: {}; trying again in {} ms", config.url(), reason, delay);
    } else {
      log.warn("cannot connect to {}: {}; trying again in {} ms ({} more failed attempts since "
          + "the last warning)", config.url(), reason, delay, leftOut);
    }
  }

  /**
   * The deadline of failIfNotConnectedWithin passed: unless the connection opened meanwhile,
   * stop trying and fail every session, and every later one, with why.
   */
  private void giveUp() {
    if (closed || everConnected || gaveUp != null) return;
    long millis = config.failIfNotConnectedWithin().toMillis();
    String reason = lastFailure != null ? lastFailure : "the first attempt has not ended yet";
    gaveUp = new NotConnectedException(config.url(), reason, "could not connect to "
        + config.url() + " within " + millis + " ms (" + attemptsFailed + " failed attempts); "
        + "the last: " + reason);
    log.warn("{}; giving up, as failIfNotConnectedWithin asks", gaveUp.getMessage());
    cancel(connectTimer);
    cancel(retryTimer);
    if (socket != null) socket.cancel();
    socket = null;
    http.cancelAll();
    for (Member member : new ArrayList<>(members.values())) member.failed(gaveUp);
    members.clear();
    ready.clear();
  }

  @Override public long backoffMillis(int failures) {
    return backoff.delayMillis(failures);
  }

  private void open() {
    if (closed || gaveUp != null) return;
    long thisAttempt = ++attempt;
    for (Member member : new ArrayList<>(members.values())) member.attempting();
    socket = EngineSocket.open(http.client(), config.url(), config.path(), loop::execute,
        new Reports());
    connectTimer = schedule(config.connectTimeout().toMillis(), () -> {
      if (thisAttempt == attempt && !connected) {
        reconnect("timeout: no connection within " + config.connectTimeout().toMillis()
            + " ms (connectTimeout)");
      }
    });
  }

  private void onConnect() {
    if (closed) return;
    connected = true;
    everConnected = true;
    cancel(firstConnectDeadline);
    epoch++;
    failedAttempts = 0;
    budget.reset();
    cancel(connectTimer);
    heartbeat(epoch);
    log.info("connected to {}", config.url());
    context.notifyListener(listener -> listener.onConnected(config.url()));
    for (Member member : new ArrayList<>(members.values())) member.connected();
  }

  /**
   * Asks the hub for a sign of life every heartbeat interval; no answer within the timeout means
   * the connection is dead though still open (a stalled peer or network), and it is replaced.
   */
  private void heartbeat(long forEpoch) {
    heartbeatTimer = schedule(config.heartbeatInterval().toMillis(), () -> {
      if (!isOpen(forEpoch)) return;
      ScheduledFuture<?> deadline = schedule(config.heartbeatTimeout().toMillis(), () -> {
        if (isOpen(forEpoch)) {
          reconnect("no answer to the heartbeat within " + config.heartbeatTimeout().toMillis()
              + " ms");
        }
      });
      socket.emit(Events.PING, "{}", answer -> {
        cancel(deadline);
        if (isOpen(forEpoch)) heartbeat(forEpoch);
      });
    });
  }

  private void expireQueued() {
    long deadline = System.nanoTime() - config.maxQueueAge().toNanos();
    for (Member member : new ArrayList<>(members.values())) member.expire(deadline);
  }

  /** A {@code deliver} carries one or more delivery objects, in the order they were routed. */
  private void onDeliver(JsonArray deliveries) {
    Handoff handoff = new Handoff();
    for (JsonElement delivery : deliveries) {
      if (!(delivery instanceof JsonObject message)) {
        log.warn("ignored a delivery that is not an object: {}", delivery);
        continue;
      }
      String event = Json.string(message.get("event"));
      JsonArray names = message.get("sessions") instanceof JsonArray a ? a : null;
      if (event == null || names == null) {
        log.warn("ignored a delivery without event or sessions");
        continue;
      }
      JsonElement data = message.has("data") ? message.get("data") : JsonNull.INSTANCE;
      JsonArray seqs = message.get("seqs") instanceof JsonArray a ? a : null;
      Delivery shared = new Delivery(event, data); // one for all: read once, decoded once per type
      for (int i = 0; i < names.size(); i++) {
        Member member = members.get(Json.string(names.get(i)));
        if (member != null) member.deliver(shared, Json.number(seqs, i), handoff);
      }
    }
    handoff.flush(context);
  }

  /** What the current {@link EngineSocket} reports; a former one's reports are ignored. */
  private final class Reports implements EngineSocket.Listener {
    @Override public void connected(EngineSocket from) {
      if (from == socket) onConnect();
    }

    @Override public void event(EngineSocket from, String name, JsonArray args) {
      if (from != socket) return;
      if (name.equals(Events.DELIVER)) {
        onDeliver(args);
      } else if (name.equals(Events.HUB_ERROR)) {
        log.warn("the hub reported an error: {}", args.isEmpty() ? null : args.get(0));
      }
    }

    @Override public void ignored(EngineSocket from, String why) {
      if (from == socket) log.warn("ignored a packet from the hub: {}", why);
    }

    @Override public void closed(EngineSocket from, String reason, Throwable cause) {
      if (from != socket || closed) return;
      if (cause != null) log.debug("the connection to {} ended: {}", config.url(), reason, cause);
      reconnect(reason);
    }
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
      cancel(ackTimer);
      cancel(firstConnectDeadline);
      expirySweep.cancel(false);
      ClosedException e = new ClosedException(this + " was closed");
      // Gone for good, not disconnected: each session tells the hub, which forgets its consumers
      // now rather than keeping them for their grace period.
      for (Member member : new ArrayList<>(members.values())) member.closed(e);
      members.clear();
      ready.clear();
      // Connected: let the DISCONNECT and the close frame go out. Else: end any hanging handshake.
      if (!connected) http.cancelAll();
      connected = false;
      if (socket != null) socket.close(); // sends socket.io's DISCONNECT first when connected
      socket = null;
      log.info("closed");
      closedOnLoop.countDown();
    });
    if (!awaitQuietly(closedOnLoop, 2_000)) {
      log.warn("the connection's thread did not run the close in time; closing anyway");
    }
    loop.shutdown();
    http.close();
    context.close();
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
    return context.label() + "{" + config.url() + "}";
  }
}
