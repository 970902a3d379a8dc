package io.hatchet.internal;

import io.hatchet.AckTimeoutException;
import io.hatchet.AuthenticationException;
import io.hatchet.ClosedException;
import io.hatchet.HatchetException;
import io.hatchet.QueueFullException;
import io.hatchet.RejectedException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.json.JSONObject;

/**
 * One identity on the shared connection: a consumer or a contributor. It authenticates whenever the
 * connection opens, and holds its requests in an outbox until then.
 *
 * <p>Everything but the public entry points runs on the transport's thread, which alone touches
 * the state below, so none of it needs a lock. The outbox is {@code queue} (not yet sent) followed
 * by {@code inFlight} (sent, unanswered); both keep call order. When the connection drops, the
 * requests in flight go back to the head of the queue and are sent again after the next
 * authentication, after the requests that restore what the hub had confirmed before (see
 * {@link #restoreRequests}). Requests answered in order, replayed in order, converge on the state
 * the user asked for.
 */
abstract class Session {
  /** Caps what is sent but unanswered, so a fast sender cannot overflow the socket's buffer. */
  private static final int MAX_IN_FLIGHT = 1_000;
  private static final int MAX_IN_FLIGHT_CHARS = 4 << 20;

  private enum State { WAITING, AUTHENTICATING, READY, REJECTED, CLOSED }

  final Transport transport;
  final String name;
  final String app;
  /** The credential, asked for at every authentication: a key, or a freshly signed token. */
  private final Supplier<String> credential;
  final SerialExecutor callbacks;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  /** The hub's limit on data, learned at authentication; -1 until then. */
  volatile int maxMessageBytes = -1;

  private State state = State.WAITING;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
  private int inFlightChars;
  private Request pendingAuth;
  private HatchetException rejection;

  Session(Transport transport, String prefix, String app, Supplier<String> credential) {
    this.transport = transport;
    this.name = transport.newSessionName(prefix);
    this.app = app;
    this.credential = credential;
    this.callbacks = transport.newCallbackExecutor();
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

  /** Adds what this kind of session tells the hub when it authenticates. */
  void describe(Json.Writer auth) {}

  /** Requests that rebuild what the hub had confirmed, sent first after a re-authentication. */
  abstract List<Request> restoreRequests();

  /** Called on the transport's thread once the session is closed, for subclasses to let go. */
  void onClosed() {}

  public String app() {
    return app;
  }

  public CompletableFuture<Void> ready() {
    return ready.copy(); // a copy: a caller completing it must not fake our state
  }

  public void close() {
    if (!closeCalled.compareAndSet(false, true)) return;
    transport.execute(() -> end(new ClosedException(this + " was closed"), true));
  }

  /**
   * Queues a request made by the user. {@code result} turns the hub's answer into the future's
   * value and may update state the subclass keeps; both run on the transport's thread.
   */
  final <T> CompletableFuture<T> enqueue(String event, String json, int dataBytes,
      Function<JSONObject, T> result, Consumer<HatchetException> onFailed) {
    if (transport.isClosing()) {
      // Its callback executor may be gone already: fail here, on the caller's thread.
      return CompletableFuture.failedFuture(new ClosedException(transport + " is closed"));
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    Request request = new Request(event, json, dataBytes,
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
  final Request internalRequest(String event, String json, Consumer<JSONObject> onAccepted) {
    return new Request(event, json, 0, onAccepted,
        error -> transport.log.warn("{} could not restore its {}: {}", this, event, error.getMessage()));
  }

  final Json.Writer request() {
    return new Json.Writer().string("session", name);
  }

  private void submit(Request request) {
    if (state == State.CLOSED || state == State.REJECTED) {
      request.fail(state == State.CLOSED ? new ClosedException(this + " is closed") : rejection);
      return;
    }
    if (queue.size() + inFlight.size() >= transport.config.maxQueuedSends()) {
      request.fail(new QueueFullException(this + " already has "
          + transport.config.maxQueuedSends() + " requests waiting for the hub (maxQueuedSends)"));
      return;
    }
    queue.add(request);
    pump();
  }

  private void pump() {
    while (state == State.READY && !queue.isEmpty() && inFlight.size() < MAX_IN_FLIGHT
        && (inFlight.isEmpty() || inFlightChars + queue.peek().json.length() <= MAX_IN_FLIGHT_CHARS)) {
      Request request = queue.poll();
      int limit = maxMessageBytes;
      if (limit >= 0 && request.dataBytes > limit) {
        request.fail(tooLarge(request.dataBytes, limit));
        continue;
      }
      inFlight.add(request);
      inFlightChars += request.json.length();
      transport.emit(this, request);
    }
  }

  /**
   * Queues a {@code publish}: to every watcher ({@code targetField} null), or to the aliases
   * ({@code "to"}) or rooms ({@code "rooms"}) in {@code targets}. Encodes the data here, on the
   * caller's thread, so that bad data fails the call.
   */
  final CompletableFuture<Integer> publish(String event, Object data, String targetField,
      List<String> targets) {
    Checks.name(event, "event");
    String dataJson = Json.encode(transport.config.gson(), data);
    int bytes = Json.utf8Length(dataJson);
    int limit = maxMessageBytes;
    if (limit >= 0 && bytes > limit) return CompletableFuture.failedFuture(tooLarge(bytes, limit));
    Json.Writer request = request().string("event", event).raw("data", dataJson);
    if (targetField != null) request.strings(targetField, targets);
    return enqueue("publish", request.end(), bytes, answer -> answer.optInt("routed"), null);
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

  /** The connection opened (transport thread): authenticate. */
  final void connected() {
    if (state != State.WAITING) return;
    state = State.AUTHENTICATING;
    String key;
    try {
      key = credential.get();
    } catch (RuntimeException e) {
      refused("no_credential", "could not make a credential: " + e);
      return;
    }
    Json.Writer auth = new Json.Writer().number("v", 1).string("session", name).string("app", app)
        .string("key", key).string("role", role());
    describe(auth);
    String json = auth.end();
    pendingAuth = new Request("auth", json, 0, this::authenticated, error -> {});
    transport.emit(this, pendingAuth);
  }

  /** The connection dropped (transport thread): what was in flight goes back to the queue. */
  final void disconnected() {
    if (state != State.AUTHENTICATING && state != State.READY) return;
    state = State.WAITING;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    while (!inFlight.isEmpty()) {
      Request request = inFlight.pollLast();
      request.unsend();
      queue.addFirst(request);
    }
    inFlightChars = 0;
  }

  /** The hub answered a request of this session (transport thread). */
  final void answered(Request request, JSONObject answer) {
    if (request == pendingAuth) {
      pendingAuth = null;
      if (answer.optBoolean("ok")) {
        request.accept(answer);
      } else {
        JSONObject error = answer.optJSONObject("error");
        refused(error == null ? "bad_answer" : error.optString("code", "internal"),
            error == null ? "the hub answered " + answer : error.optString("message", "refused"));
      }
      return;
    }
    if (!removeInFlight(request)) return;
    if (answer.optBoolean("ok")) request.accept(answer); else request.fail(errorOf(answer));
    pump();
  }

  /** No answer came in time (transport thread). */
  final void timedOut(Request request) {
    if (request == pendingAuth) {
      pendingAuth = null;
      transport.reconnect("the hub did not answer " + this + "'s authentication in time");
      return;
    }
    if (!removeInFlight(request)) return;
    request.fail(new AckTimeoutException("the hub did not answer " + this + "'s " + request.event
        + " within " + transport.config.ackTimeout().toMillis() + " ms"));
    pump();
  }

  private boolean removeInFlight(Request request) {
    if (!inFlight.remove(request)) return false;
    inFlightChars -= request.json.length();
    return true;
  }

  private void authenticated(JSONObject answer) {
    String role = answer.optString("role");
    if (!role().equals(role)) {
      refused("wrong_role", "the key is a " + role + " key, not a " + role() + " key");
      return;
    }
    maxMessageBytes = answer.optInt("maxMessageBytes", -1);
    state = State.READY;
    transport.log.info("{} authenticated to app '{}'", this, app);
    List<Request> restore = restoreRequests();
    for (int i = restore.size() - 1; i >= 0; i--) queue.addFirst(restore.get(i));
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
    if (state == State.CLOSED || state == State.REJECTED) return;
    // Authenticating counts too: the hub handles requests in order, so 'end' follows the 'auth'.
    boolean known = state == State.READY || state == State.AUTHENTICATING;
    state = e instanceof AuthenticationException ? State.REJECTED : State.CLOSED;
    if (pendingAuth != null) pendingAuth.unsend();
    pendingAuth = null;
    for (Request request : inFlight) request.fail(e);
    for (Request request : queue) request.fail(e);
    inFlight.clear();
    queue.clear();
    inFlightChars = 0;
    if (tellHub && known) {
      transport.emit(this, internalRequest("end", request().end(), answer -> {}));
    }
    transport.remove(this);
    callbacks.execute(() -> ready.completeExceptionally(e));
    onClosed();
  }

  static HatchetException errorOf(JSONObject answer) {
    JSONObject error = answer.optJSONObject("error");
    if (error == null) return new RejectedException("bad_answer", "the hub answered " + answer);
    return new RejectedException(error.optString("code", "internal"),
        error.optString("message", "the hub refused the request"));
  }

  @Override
  public String toString() {
    return role() + " " + name + " of app '" + app + "'";
  }
}
