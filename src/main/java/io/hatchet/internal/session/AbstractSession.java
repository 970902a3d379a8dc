package io.hatchet.internal.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.hatchet.AckTimeoutException;
import io.hatchet.AuthenticationException;
import io.hatchet.ClosedException;
import io.hatchet.DroppedException;
import io.hatchet.ExpiredException;
import io.hatchet.HatchetException;
import io.hatchet.NotConnectedException;
import io.hatchet.QueueFullException;
import io.hatchet.RejectedException;
import io.hatchet.Session;
import io.hatchet.State;
import io.hatchet.StateListener;
import io.hatchet.internal.Checks;
import io.hatchet.internal.ClientConfig;
import io.hatchet.internal.ClientContext;
import io.hatchet.internal.Json;
import io.hatchet.internal.SerialExecutor;
import io.hatchet.internal.connection.Link;
import io.hatchet.internal.connection.Member;
import io.hatchet.internal.connection.Sent;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import io.hatchet.protocol.Ids;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One identity on the shared connection: a consumer, contributor or producer. It authenticates
 * whenever the connection opens, and holds its calls in an {@link Outbox} until then.
 *
 * <p>Everything but the public entry points runs on the connection's thread, which alone touches
 * the state below, so none of it needs a lock. When the connection drops, calls in flight go back
 * to the head of the queue and are sent again after the next authentication, after the calls
 * that restore what the hub had confirmed before ({@link #restoreCalls}). Calls answered in order
 * and replayed in order converge on the state the user asked for; publishes carry a sequence
 * number, so that the hub routes a publish sent twice only once.
 */
abstract class AbstractSession implements Session, Member {
  private enum Phase { WAITING, AUTHENTICATING, READY, ENDED }

  final Link link;
  final ClientContext context;
  final ClientConfig config;
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
  /** The metadata of the last accepting auth answer: set on the connection's thread. */
  private volatile JsonElement metadata = JsonNull.INSTANCE;

  private Phase phase = Phase.WAITING;
  private final Outbox outbox = new Outbox();
  private Call pendingAuth;
  private HatchetException rejection;
  private boolean authenticatedBefore;
  /** Calls that {@link #ready} still waits for, queued before the first authentication. */
  private int readyAwaiting;
  private int credentialFailures;
  /** Names this object's publishes at the hub, so that a publish sent twice is routed once. */
  private final String publisherId = Ids.random();
  private long publishSeq;

  /**
   * A session named {@code prefix} and a number, whose credential comes from what
   * {@code credential} makes of the session's callback lane (where a token provider runs).
   */
  AbstractSession(Link link, String prefix, String app,
      Function<SerialExecutor, Supplier<CompletableFuture<String>>> credential) {
    this.link = link;
    this.context = link.context();
    this.config = context.config();
    this.name = context.newSessionName(prefix);
    this.app = app;
    this.callbacks = context.newSerialExecutor();
    this.credential = credential.apply(callbacks);
    this.states = new States(this, callbacks, context);
  }

  /**
   * Joins the connection, which authenticates the session as soon as it can. Called once the
   * object is fully built: the connection's thread uses it from then on.
   */
  final void start() {
    link.join(this);
  }

  /** "consumer", "contributor" or "producer": the role the hub must give the credential. */
  abstract String role();

  /** Calls that rebuild what the hub had confirmed, sent first after a re-authentication. */
  abstract List<Call> restoreCalls();

  /** Adds what this kind of session tells the hub when it authenticates. */
  void describe(Json.Writer auth, boolean again) {}

  /** The hub accepted the authentication ({@code again}: not the first time). */
  void authenticated(Answer answer, boolean again) {}

  /**
   * Whether {@code ready()} waits for the hub's answer to {@code call} when it was queued before
   * the first authentication: calls that change what the hub sends this session.
   */
  boolean readyAwaits(Call call) {
    return false;
  }

  /** Called on the connection's thread once the session has ended, for subclasses to let go. */
  void onEnded() {}

  @Override public String name() {
    return name;
  }

  @Override
  public String app() {
    return app;
  }

  @Override
  public final JsonElement metadata() {
    return metadata.deepCopy();
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
  public long pendingChars() {
    return outbox.chars();
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready.copy(); // a copy: a caller completing it must not fake our state
  }

  @Override
  public void close() {
    if (!closeCalled.compareAndSet(false, true)) return;
    link.execute(() -> end(new ClosedException(this + " was closed"), true));
  }

  final States states() {
    return states;
  }

  /**
   * Queues a call made by the user. {@code result} turns the hub's answer into the future's value
   * and may update state the subclass keeps; {@code onQueued} (if not null) runs when the call
   * takes its place in line, {@code onFailed} (if not null) when it fails; all three on the
   * connection's thread.
   */
  final <T> CompletableFuture<T> enqueue(String event, String json, int dataBytes, int dataChars,
      Call.Kind kind, Function<Answer, T> result, Runnable onQueued,
      Consumer<HatchetException> onFailed) {
    if (link.isClosing()) {
      // Its callback executor may be gone already: fail here, on the caller's thread.
      return CompletableFuture.failedFuture(new ClosedException(link + " is closed"));
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    Call call = new Call(event, json, dataBytes, dataChars, kind,
        answer -> {
          T value = result.apply(answer);
          callbacks.execute(() -> future.complete(value));
        },
        error -> {
          try {
            if (onFailed != null) onFailed.accept(error);
          } finally {
            callbacks.execute(() -> future.completeExceptionally(error));
          }
        });
    link.execute(() -> submit(call, onQueued));
    return future;
  }

  final <T> CompletableFuture<T> enqueue(String event, String json, Function<Answer, T> result) {
    return enqueue(event, json, 0, 0, Call.Kind.NORMAL, result, null, null);
  }

  /** A call of the library's own, whose failure is only logged. */
  final Call internalCall(String event, String json) {
    return new Call(event, json, 0, 0, Call.Kind.INTERNAL, answer -> {},
        error -> context.log().warn("{} could not restore its {}: {}", this, event,
            error.getMessage()));
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
    String dataJson = Json.encode(config.gson(), data);
    int bytes = Json.utf8Length(dataJson);
    int limit = maxMessageBytes;
    if (limit >= 0 && bytes > limit) return CompletableFuture.failedFuture(tooLarge(bytes, limit));
    Json.Writer request = request().string("event", event).raw("data", dataJson);
    if (targetField != null) request.strings(targetField, targets);
    if (!isVolatile) request.string("publisher", publisherId);
    return enqueue(Events.PUBLISH, request.end(), bytes, dataJson.length(),
        isVolatile ? Call.Kind.VOLATILE : Call.Kind.NORMAL,
        answer -> answer.optInt("routed"), null, null);
  }

  /** Checks a list of names (aliases, rooms): non-empty, each valid; returns a copy. */
  static List<String> names(Collection<String> names, String what) {
    Checks.notNull(names, what + "s");
    if (names.isEmpty()) throw new IllegalArgumentException("no " + what + " given");
    for (String name : names) Checks.name(name, what);
    return List.copyOf(names);
  }

  static RejectedException tooLarge(int bytes, int limit) {
    return new RejectedException(ErrorCode.TOO_LARGE.wireName(),
        "data of " + bytes + " bytes is over the hub's limit of " + limit + " bytes");
  }

  private void submit(Call call, Runnable onQueued) {
    assert link.inLoop();
    if (phase == Phase.ENDED) {
      call.fail(rejection != null ? rejection : new ClosedException(this + " is closed"));
      return;
    }
    if (call.kind == Call.Kind.VOLATILE && phase != Phase.READY) {
      drop(call, new DroppedException("volatile " + call.event + " of " + this
          + " dropped: not connected"));
      return;
    }
    if (!outbox.hasRoom(call.size(), config.maxQueuedSends(), config.maxQueuedChars())) {
      drop(call, new QueueFullException(this + " already has " + outbox.count()
          + " requests (" + outbox.chars() + " characters) waiting for the hub; the bounds are "
          + config.maxQueuedSends() + " requests and " + config.maxQueuedChars() + " characters"));
      return;
    }
    if (call.event.equals(Events.PUBLISH) && call.kind == Call.Kind.NORMAL) {
      call.seq = ++publishSeq; // in queue order, which is the order the hub must see
    }
    outbox.add(call);
    if (onQueued != null) onQueued.run();
    reportDepth();
    if (phase == Phase.READY) link.readyToSend(this);
  }

  private void reportDepth() {
    context.metrics().queueDepth(this, outbox.count(), outbox.chars());
  }

  @Override public int nextSize() {
    if (phase != Phase.READY) return -1;
    Call next = outbox.peek();
    return next == null ? -1 : next.bytes;
  }

  @Override public void sendNext() {
    assert link.inLoop();
    Call call = outbox.nextToSend();
    if (call == null) return;
    int limit = maxMessageBytes;
    if (limit >= 0 && call.dataBytes > limit) {
      outbox.removeInFlight(call);
      call.fail(tooLarge(call.dataBytes, limit));
      return;
    }
    emit(call);
  }

  private void emit(Call call) {
    call.sentAtNanos = System.nanoTime();
    call.sent = link.emit(call.event, call.wireJson(), call.bytes, new Sent.Answer() {
      @Override public void answered(JsonElement answer) {
        AbstractSession.this.answered(call,
            answer instanceof JsonObject json ? new Answer(json) : Answer.bad(answer));
      }

      @Override public void timedOut() {
        AbstractSession.this.timedOut(call);
      }
    });
  }

  /** Fails {@code call} without an answer from the hub, and counts it as a drop. */
  private void drop(Call call, HatchetException why) {
    context.metrics().drop(this, call.event, why);
    reportDepth();
    call.fail(why);
  }

  @Override public final void expire(long deadlineNanos) {
    for (Call call : outbox.expire(deadlineNanos)) {
      drop(call, new ExpiredException(this + "'s " + call.event + " waited longer than "
          + config.maxQueueAge().toMillis() + " ms for a connection"));
    }
  }

  @Override public final void attempting() {
    if (states.current() == State.DISCONNECTED) states.reconnecting();
  }

  @Override public final void connected() {
    assert link.inLoop();
    if (phase != Phase.WAITING) return;
    attempting();
    phase = Phase.AUTHENTICATING;
    long epoch = link.epoch();
    credential.get().whenComplete((key, error) -> link.execute(() -> {
      if (phase != Phase.AUTHENTICATING || link.epoch() != epoch) return;
      if (error != null) {
        // Only this session waits: the connection and the other sessions carry on.
        long delay = link.backoffMillis(credentialFailures++);
        context.log().warn("{} could not get its credential ({}); trying again in {} ms", this,
            error.getMessage(), delay);
        phase = Phase.WAITING;
        link.schedule(delay, () -> {
          if (link.isOpen(epoch)) connected();
        });
        return;
      }
      credentialFailures = 0;
      sendAuth(key);
    }));
  }

  private void sendAuth(String key) {
    Json.Writer auth = new Json.Writer().number("v", Events.PROTOCOL_VERSION).string("session", name).string("app", app)
        .string("key", key).string("role", role());
    describe(auth, authenticatedBefore);
    pendingAuth = new Call(Events.AUTH, auth.end(), 0, 0, Call.Kind.INTERNAL, this::accepted,
        error -> {});
    emit(pendingAuth);
  }

  @Override public final void disconnected(String reason) {
    if (phase == Phase.ENDED) return;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    for (Call call : outbox.requeueInFlight()) {
      drop(call, new DroppedException("volatile " + call.event + " of " + this
          + " dropped: the connection was lost before the hub answered"));
    }
    phase = Phase.WAITING;
    states.disconnected(reason);
  }

  /** The hub answered a call of this session (connection's thread). */
  private void answered(Call call, Answer answer) {
    boolean ok = answer.optBoolean("ok");
    if (call == pendingAuth) {
      pendingAuth = null;
      if (ok) {
        call.accept(answer);
      } else {
        Answer error = answer.optObject("error");
        refused(error == null ? ErrorCode.BAD_ANSWER.wireName()
            : error.optString("code", ErrorCode.INTERNAL.wireName()),
            error == null ? "the hub answered " + answer : error.optString("message", "refused"),
            error == null ? JsonNull.INSTANCE : error.opt("metadata"));
      }
      return;
    }
    if (!outbox.removeInFlight(call)) return;
    context.metrics().ack(this, call.event, call.sentAtNanos);
    reportDepth();
    if (ok) call.accept(answer); else call.fail(errorOf(answer));
  }

  /** No answer came in time (connection's thread). */
  private void timedOut(Call call) {
    if (call == pendingAuth) {
      pendingAuth = null;
      link.reconnect("the hub did not answer " + this + "'s authentication in time");
      return;
    }
    if (!outbox.removeInFlight(call)) return;
    drop(call, new AckTimeoutException("the hub did not answer " + this + "'s "
        + call.event + " within " + config.ackTimeout().toMillis() + " ms"));
  }

  private void accepted(Answer answer) {
    String role = answer.optString("role");
    if (!role().equals(role)) {
      refused(ErrorCode.WRONG_ROLE.wireName(),
          "the credential is a " + role + "'s, not a " + role() + "'s", JsonNull.INSTANCE);
      return;
    }
    maxMessageBytes = answer.optInt("maxMessageBytes", -1);
    metadata = answer.opt("metadata");
    phase = Phase.READY;
    boolean again = authenticatedBefore;
    authenticatedBefore = true;
    context.log().info("{} authenticated to app '{}'", this, app);
    states.connected();
    authenticated(answer, again);
    if (again) outbox.addFirst(restoreCalls());
    else readyOnceAnswered(outbox.queued(this::readyAwaits));
    if (outbox.peek() != null) link.readyToSend(this);
  }

  /**
   * Completes {@link #ready} once the hub has answered each of {@code awaited}, either way: a
   * refused watch fails its own future, not ready(). A reconnect meanwhile sends them again.
   */
  private void readyOnceAnswered(List<Call> awaited) {
    readyAwaiting = awaited.size();
    if (readyAwaiting == 0) {
      callbacks.execute(() -> ready.complete(null));
      return;
    }
    for (Call call : awaited) {
      call.whenEnded(() -> {
        // Ending the session fails its calls first: ready() must then fail, not complete.
        if (--readyAwaiting == 0 && phase != Phase.ENDED) {
          callbacks.execute(() -> ready.complete(null));
        }
      });
    }
  }

  private void refused(String code, String message, JsonElement metadata) {
    AuthenticationException rejected = new AuthenticationException(app, code, message, metadata);
    context.log().warn("{} was refused: {}", this, rejected.getMessage());
    rejection = rejected;
    end(rejected, false);
  }

  @Override public final void closed(ClosedException e) {
    end(e, true);
  }

  @Override public final void failed(HatchetException e) {
    rejection = e; // what later calls fail with too
    end(e, false);
  }

  /** Ends this session for good (connection's thread): fails everything still waiting with {@code e}. */
  final void end(HatchetException e, boolean tellHub) {
    assert link.inLoop();
    if (phase == Phase.ENDED) return;
    // Authenticating counts too: the hub handles requests in order, so 'end' follows the 'auth'.
    boolean known = phase == Phase.READY || phase == Phase.AUTHENTICATING;
    phase = Phase.ENDED;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    for (Call call : outbox.drain()) call.fail(e);
    // Nothing is done with the answer, so none is asked for: the hub forgets the session at once.
    if (tellHub && known) link.tell(Events.END, request().end());
    link.leave(this);
    if (e instanceof AuthenticationException || e instanceof NotConnectedException) {
      states.failed(e.getMessage());
    } else {
      states.closed(e.getMessage());
    }
    callbacks.execute(() -> ready.completeExceptionally(e));
    if (credential instanceof AutoCloseable source) closeQuietly(source); // no more refreshes
    onEnded();
  }

  private void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      context.log().warn("{} could not close its credential source", this, e);
    }
  }

  @Override
  public String toString() {
    return role() + " " + name + " of app '" + app + "'";
  }

  static HatchetException errorOf(Answer answer) {
    Answer error = answer.optObject("error");
    if (error == null) {
      return new RejectedException(ErrorCode.BAD_ANSWER.wireName(), "the hub answered " + answer);
    }
    return new RejectedException(error.optString("code", ErrorCode.INTERNAL.wireName()),
        error.optString("message", "the hub refused the request"));
  }
}
