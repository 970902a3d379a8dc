package io.hatchet.internal;

import io.hatchet.AckTimeoutException;
import io.hatchet.AuthenticationException;
import io.hatchet.ClosedException;
import io.hatchet.DroppedException;
import io.hatchet.ExpiredException;
import io.hatchet.HatchetException;
import io.hatchet.QueueFullException;
import io.hatchet.RejectedException;
import io.hatchet.Session;
import io.hatchet.State;
import io.hatchet.StateListener;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One identity on the shared connection: a consumer, contributor or producer. It authenticates
 * whenever the connection opens, and holds its requests in an {@link Outbox} until then.
 *
 * <p>Everything but the public entry points runs on the transport's thread, which alone touches
 * the state below, so none of it needs a lock. When the connection drops, requests in flight go
 * back to the head of the queue and are sent again after the next authentication, after the
 * requests that restore what the hub had confirmed before ({@link #restoreRequests}). Requests
 * answered in order and replayed in order converge on the state the user asked for; publishes
 * carry a sequence number, so that the hub routes a publish sent twice only once.
 */
abstract class AbstractSession implements Session {
  private enum Phase { WAITING, AUTHENTICATING, READY, ENDED }

  final Transport transport;
  final String name;
  final String app;
  /** The credential, asked for at every authentication: a key, a fresh or cached token. */
  private final Supplier<CompletableFuture<String>> credential;
  final SerialExecutor callbacks;
  private final States states;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  /** The hub's limit on data, learned at authentication; -1 until then. */
  volatile int maxMessageBytes = -1;

  private Phase phase = Phase.WAITING;
  private final Outbox outbox = new Outbox();
  private Request pendingAuth;
  private HatchetException rejection;
  private boolean authenticatedBefore;
  private int credentialFailures;
  /** Names this object's publishes at the hub, so that a publish sent twice is routed once. */
  private final String publisherId = Ids.random();
  private long publishSeq;

  AbstractSession(Transport transport, String prefix, String app,
      Supplier<CompletableFuture<String>> credential) {
    this.transport = transport;
    this.name = transport.newSessionName(prefix);
    this.app = app;
    this.credential = credential;
    this.callbacks = transport.newCallbackExecutor();
    this.states = new States(this, callbacks, transport);
  }

  /**
   * Registers the session with the transport, which authenticates it as soon as it can. Called once
   * the object is fully built: the transport's thread uses it from then on.
   */
  final void start() {
    transport.add(this);
  }

  /** "consumer", "contributor" or "producer": the role the hub must give the credential. */
  abstract String role();

  /** Requests that rebuild what the hub had confirmed, sent first after a re-authentication. */
  abstract List<Request> restoreRequests();

  /** Adds what this kind of session tells the hub when it authenticates. */
  void describe(Json.Writer auth, boolean again) {}

  /** The hub accepted the authentication ({@code again}: not the first time). */
  void authenticated(Answer answer, boolean again) {}

  /** Called on the transport's thread once the session has ended, for subclasses to let go. */
  void onEnded() {}

  @Override
  public String app() {
    return app;
  }

  @Override
  public State state() {
    return states.current();
  }

  @Override
  public void addStateListener(StateListener listener) {
    states.add(Checks.notNull(listener, "listener"));
  }

  @Override
  public void removeStateListener(StateListener listener) {
    states.remove(listener);
  }

  @Override
  public int pendingRequests() {
    return outbox.count();
  }

  @Override
  public long pendingBytes() {
    return outbox.chars();
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready.copy(); // a copy: a caller completing it must not fake our state
  }

  @Override
  public void close() {
    if (!closeCalled.compareAndSet(false, true)) return;
    transport.execute(() -> end(new ClosedException(this + " was closed"), true));
  }

  final States states() {
    return states;
  }

  /**
   * Queues a request made by the user. {@code result} turns the hub's answer into the future's
   * value and may update state the subclass keeps; both run on the transport's thread.
   */
  final <T> CompletableFuture<T> enqueue(String event, String json, int dataBytes,
      Request.Kind kind, Function<Answer, T> result, Consumer<HatchetException> onFailed) {
    if (transport.isClosing()) {
      // Its callback executor may be gone already: fail here, on the caller's thread.
      return CompletableFuture.failedFuture(new ClosedException(transport + " is closed"));
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    Request request = new Request(event, json, dataBytes, kind,
        answer -> {
          T value = result.apply(answer);
          callbacks.execute(() -> future.complete(value));
        },
        error -> {
          if (onFailed != null) onFailed.accept(error);
          callbacks.execute(() -> future.completeExceptionally(error));
        });
    transport.execute(() -> submit(request));
    return future;
  }

  /** A request of the library's own, whose failure is only logged. */
  final Request internalRequest(String event, String json) {
    return new Request(event, json, 0, Request.Kind.INTERNAL, answer -> {},
        error -> transport.log.warn("{} could not restore its {}: {}", this, event, error.getMessage()));
  }

  final Json.Writer request() {
    return new Json.Writer().string("session", name);
  }

  /**
   * Queues a {@code publish}: to every watcher ({@code targetField} null), or to the aliases
   * ({@code "to"}) or rooms ({@code "rooms"}) in {@code targets}. Encodes the data here, on the
   * caller's thread, so that bad data fails the call.
   */
  final CompletableFuture<Integer> publish(String event, Object data, String targetField,
      List<String> targets, boolean isVolatile) {
    Checks.name(event, "event");
    String dataJson = Json.encode(transport.config.gson(), data);
    int bytes = Json.utf8Length(dataJson);
    int limit = maxMessageBytes;
    if (limit >= 0 && bytes > limit) return CompletableFuture.failedFuture(tooLarge(bytes, limit));
    Json.Writer request = request().string("event", event).raw("data", dataJson);
    if (targetField != null) request.strings(targetField, targets);
    if (!isVolatile) request.string("publisher", publisherId);
    return enqueue("publish", request.end(), bytes,
        isVolatile ? Request.Kind.VOLATILE : Request.Kind.NORMAL,
        answer -> answer.optInt("routed"), null);
  }

  /** Checks a list of names (aliases, rooms): non-empty, each valid; returns a copy. */
  static List<String> names(Collection<String> names, String what) {
    Checks.notNull(names, what + "s");
    if (names.isEmpty()) throw new IllegalArgumentException("no " + what + " given");
    for (String name : names) Checks.name(name, what);
    return List.copyOf(names);
  }

  static RejectedException tooLarge(int bytes, int limit) {
    return new RejectedException("too_large",
        "data of " + bytes + " bytes is over the hub's limit of " + limit + " bytes");
  }

  private void submit(Request request) {
    if (phase == Phase.ENDED) {
      request.fail(rejection != null ? rejection : new ClosedException(this + " is closed"));
      return;
    }
    if (request.kind == Request.Kind.VOLATILE && phase != Phase.READY) {
      drop(request, new DroppedException("volatile " + request.event + " of " + this
          + " dropped: not connected"));
      return;
    }
    ClientConfig config = transport.config;
    if (!outbox.hasRoom(request.size(), config.maxQueuedSends(), config.maxQueuedBytes())) {
      drop(request, new QueueFullException(this + " already has " + outbox.count()
          + " requests (" + outbox.chars() + " characters) waiting for the hub; the bounds are "
          + config.maxQueuedSends() + " requests and " + config.maxQueuedBytes() + " characters"));
      return;
    }
    if (request.event.equals("publish") && request.kind == Request.Kind.NORMAL) {
      request.seq = ++publishSeq; // in queue order, which is the order the hub must see
    }
    outbox.add(request);
    reportDepth();
    pump();
  }

  private void reportDepth() {
    transport.metrics().queueDepth(this, outbox.count(), outbox.chars());
  }

  private void pump() {
    if (phase != Phase.READY) return;
    Request request;
    while ((request = outbox.nextToSend()) != null) {
      int limit = maxMessageBytes;
      if (limit >= 0 && request.dataBytes > limit) {
        outbox.removeInFlight(request);
        request.fail(tooLarge(request.dataBytes, limit));
        continue;
      }
      transport.emit(this, request);
    }
  }

  /** Fails {@code request} without an answer from the hub, and counts it as a drop. */
  private void drop(Request request, HatchetException why) {
    transport.metrics().drop(this, request.event, why);
    reportDepth();
    request.fail(why);
  }

  /** Fails the queued requests that waited longer than maxQueueAge (transport thread). */
  final void expire(long deadlineNanos) {
    for (Request request : outbox.expire(deadlineNanos)) {
      drop(request, new ExpiredException(this + "'s " + request.event + " waited longer than "
          + transport.config.maxQueueAge().toMillis() + " ms for a connection"));
    }
  }

  /** A new attempt to connect started (transport thread). */
  final void attempting() {
    if (states.current() == State.DISCONNECTED) states.reconnecting();
  }

  /** The connection opened (transport thread): authenticate. */
  final void connected() {
    if (phase != Phase.WAITING) return;
    attempting();
    phase = Phase.AUTHENTICATING;
    long epoch = transport.epoch();
    credential.get().whenComplete((key, error) -> transport.execute(() -> {
      if (phase != Phase.AUTHENTICATING || transport.epoch() != epoch) return;
      if (error != null) {
        // Only this session waits: the connection and the other sessions carry on.
        long delay = transport.backoff().delayMillis(credentialFailures++);
        transport.log.warn("{} could not get its credential ({}); trying again in {} ms", this,
            error.getMessage(), delay);
        phase = Phase.WAITING;
        transport.schedule(delay, () -> {
          if (transport.epoch() == epoch && transport.isConnected()) connected();
        });
        return;
      }
      credentialFailures = 0;
      sendAuth(key);
    }));
  }

  private void sendAuth(String key) {
    Json.Writer auth = new Json.Writer().number("v", 1).string("session", name).string("app", app)
        .string("key", key).string("role", role());
    describe(auth, authenticatedBefore);
    pendingAuth = new Request("auth", auth.end(), 0, Request.Kind.INTERNAL, this::accepted,
        error -> {});
    transport.emit(this, pendingAuth);
  }

  /** The connection dropped (transport thread): what was in flight goes back to the queue. */
  final void disconnected(String reason) {
    if (phase == Phase.ENDED) return;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    for (Request request : outbox.requeueInFlight()) {
      drop(request, new DroppedException("volatile " + request.event + " of " + this
          + " dropped: the connection was lost before the hub answered"));
    }
    phase = Phase.WAITING;
    states.disconnected(reason);
  }

  /** The hub answered a request of this session (transport thread). */
  final void answered(Request request, Answer answer) {
    boolean ok = answer.optBoolean("ok");
    if (request == pendingAuth) {
      pendingAuth = null;
      if (ok) {
        request.accept(answer);
      } else {
        Answer error = answer.optObject("error");
        refused(error == null ? "bad_answer" : error.optString("code", "internal"),
            error == null ? "the hub answered " + answer : error.optString("message", "refused"));
      }
      return;
    }
    if (!outbox.removeInFlight(request)) return;
    transport.metrics().ack(this, request);
    reportDepth();
    if (ok) request.accept(answer); else request.fail(errorOf(answer));
    pump();
  }

  /** No answer came in time (transport thread). */
  final void timedOut(Request request) {
    if (request == pendingAuth) {
      pendingAuth = null;
      transport.reconnect("the hub did not answer " + this + "'s authentication in time");
      return;
    }
    if (!outbox.removeInFlight(request)) return;
    drop(request, new AckTimeoutException("the hub did not answer " + this + "'s "
        + request.event + " within " + transport.config.ackTimeout().toMillis() + " ms"));
    pump();
  }

  private void accepted(Answer answer) {
    String role = answer.optString("role");
    if (!role().equals(role)) {
      refused("wrong_role", "the credential is a " + role + "'s, not a " + role() + "'s");
      return;
    }
    maxMessageBytes = answer.optInt("maxMessageBytes", -1);
    phase = Phase.READY;
    boolean again = authenticatedBefore;
    authenticatedBefore = true;
    transport.log.info("{} authenticated to app '{}'", this, app);
    states.connected();
    authenticated(answer, again);
    if (again) outbox.addFirst(restoreRequests());
    callbacks.execute(() -> ready.complete(null));
    pump();
  }

  private void refused(String code, String message) {
    AuthenticationException rejected = new AuthenticationException(app, code, message);
    transport.log.warn("{} was refused: {}", this, rejected.getMessage());
    rejection = rejected;
    end(rejected, false);
  }

  /** Ends this session for good (transport thread): fails everything still waiting with {@code e}. */
  final void end(HatchetException e, boolean tellHub) {
    if (phase == Phase.ENDED) return;
    // Authenticating counts too: the hub handles requests in order, so 'end' follows the 'auth'.
    boolean known = phase == Phase.READY || phase == Phase.AUTHENTICATING;
    phase = Phase.ENDED;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    for (Request request : outbox.drain()) request.fail(e);
    // Nothing is done with the answer, so none is asked for: the hub forgets the session at once.
    if (tellHub && known) transport.tell("end", request().end());
    transport.remove(this);
    if (e instanceof AuthenticationException) states.failed(e.getMessage());
    else states.closed(e.getMessage());
    callbacks.execute(() -> ready.completeExceptionally(e));
    onEnded();
  }

  @Override
  public String toString() {
    return role() + " " + name + " of app '" + app + "'";
  }

  static HatchetException errorOf(Answer answer) {
    Answer error = answer.optObject("error");
    if (error == null) return new RejectedException("bad_answer", "the hub answered " + answer);
    return new RejectedException(error.optString("code", "internal"),
        error.optString("message", "the hub refused the request"));
  }
}
