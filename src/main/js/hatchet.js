/**
 * hatchet.js: hatchet's JavaScript client, for browsers and Node 18+, on socket.io-client 4.
 *
 *   import { connect } from "http://hub:7800/hatchet.js";
 *   const hatchet = connect("http://hub:7800");
 *   const consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
 *   consumer.watch("log", (data) => console.log("log", data));
 *   const contributor = hatchet.contributor("demo", "iYkrswPZVIrUMv");
 *   const routed = await contributor.broadcast("log", { line: 100 });
 *
 * One connection per connect(); any number of consumers and contributors share it, each a session
 * of its own (PROTOCOL.md). A session sends nothing before it has authenticated: every request
 * waits in its queue until then, and leaves it in order. Callbacks run on the page's (or Node's)
 * event loop, one at a time; an exception thrown by one is reported as an "error" event and does
 * not stop the others.
 *
 * socket.io-client is a peer: pass it (connect(url, { io })), load it first with a script tag
 * (window.io), or let this module import it: "socket.io-client" in Node, the hub's own copy
 * (socket.io.esm.min.js beside this file) in a browser.
 */

const PROTOCOL_VERSION = 1;

/** Where a connection or a session stands. */
export const State = Object.freeze({
  /** Not yet authenticated (a session) or connected (the connection) for the first time. */
  CONNECTING: "connecting",
  /** Authenticated, or connected: requests flow. */
  CONNECTED: "connected",
  /** The connection was lost; an attempt to connect again follows. */
  DISCONNECTED: "disconnected",
  /** An attempt to connect again, or to authenticate again, is under way. */
  RECONNECTING: "reconnecting",
  /** Closed by close(), or with its connection. Final. */
  CLOSED: "closed",
  /** Refused for a reason a retry cannot fix, such as its key. Final (sessions only). */
  FAILED: "failed",
});

/** A refusal by the hub, or a request this client could not complete. */
export class HatchetError extends Error {
  /**
   * @param {string} code one of PROTOCOL.md's codes, such as "bad_key" or "ack_timeout"
   * @param {string} message for people
   * @param {*} [metadata] what a hub's authorizer gave with a refusal, if anything
   */
  constructor(code, message, metadata = null) {
    super(`${code}: ${message}`);
    this.name = "HatchetError";
    this.code = code;
    this.metadata = metadata;
  }
}

/** The defaults of connect()'s options. */
export const DEFAULTS = Object.freeze({
  /** console.log what happens to the connection and its sessions. */
  log: false,
  /** How long a sent request waits for its answer before it fails with "ack_timeout". */
  ackTimeout: 10_000,
  /** Requests one session holds while it cannot send them; one more fails with "queue_full". */
  maxQueue: 1_000,
  /** socket.io-client's transports: ["websocket"] skips long-polling, ["polling"] uses it only. */
  transports: ["polling", "websocket"],
  /** The hub's Engine.IO path. */
  path: "/socket.io/",
  /** The first delay before connecting again, doubled up to maxReconnectDelay, with jitter. */
  reconnectDelay: 500,
  maxReconnectDelay: 10_000,
  /** In a browser: end every session that is not remembered when the page goes (pagehide). */
  endOnPagehide: true,
});

/** Codes that another attempt to authenticate, a moment later, may overcome. */
const PASSING_AUTH_CODES = new Set(["hook_failed", "hook_timeout", "internal", "rate_limited"]);
/** Codes a fresh token from a provider function may overcome. */
const TOKEN_CODES = new Set(["token_expired", "token_not_yet_valid"]);

/**
 * Opens a connection to a hub.
 *
 * @param {string} url the hub's URL, such as "http://127.0.0.1:7800" or "https://hub.example.com"
 * @param {object} [options] DEFAULTS' fields, and: io, socket.io-client's io function (or its
 *     module); socket, more options for io(); storage, where remembered consumers keep their id
 *     (default: sessionStorage in a browser)
 * @returns {Hatchet}
 */
export function connect(url, options = {}) {
  return new Hatchet(url, options);
}

/** One connection to a hub, shared by the consumers and contributors it makes. */
export class Hatchet {
  constructor(url, options = {}) {
    if (typeof url !== "string" || url.length === 0) {
      throw new TypeError("connect(url): url must be the hub's URL, such as http://127.0.0.1:7800");
    }
    this.url = url;
    this.options = { ...DEFAULTS, ...options };
    this._state = State.CONNECTING;
    this._sessions = new Map(); // name -> session, in the order they were made
    this._names = 0;
    this._epoch = 0; // grows with every connect, so that a late answer of an older one is ignored
    this._listeners = new Listeners(this);
    this._retryTimer = null;
    this._failedAttempts = 0;
    this._socket = null;
    this._unanswered = new Set(); // what settles each request sent and not answered, as dropped
    this._opening = loadIo(this.options.io).then(
      (io) => this._open(io),
      (error) => this._fail(error));
    this._onPagehide = () => this._pagehide();
    this._onPageshow = (event) => { if (event.persisted) this._reopen(); };
    if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
      window.addEventListener("pagehide", this._onPagehide);
      window.addEventListener("pageshow", this._onPageshow);
    }
  }

  /** @returns {string} the connection's State */
  get state() { return this._state; }
  isConnected() { return this._state === State.CONNECTED; }
  isDisconnected() { return this._state === State.DISCONNECTED; }
  isReconnecting() { return this._state === State.RECONNECTING; }

  /**
   * Listens to "state" (state, reason), "connected" (), "disconnected" (reason),
   * "reconnecting" (attempt) and "error" (HatchetError, session name or null).
   */
  on(name, fn) { this._listeners.on(name, fn); return this; }
  off(name, fn) { this._listeners.off(name, fn); return this; }

  /**
   * A consumer of app, authenticating with a consumer key, a consumer token, or a function that
   * returns one (or a Promise of one), called before every authentication.
   *
   * @param {object} [options] id: the consumer id to claim (default: a random one, kept across
   *     reconnects); remember: true or a name, to keep the id and the last event's number in
   *     storage, so that a reloaded page resumes where it was (one name per consumer of a page)
   * @returns {Consumer}
   */
  consumer(app, credential, options = {}) {
    return this._add(new Consumer(this, this._nextName("c"), app, credential, options));
  }

  /** A contributor of app, authenticating with a contributor key. @returns {Contributor} */
  contributor(app, key, options = {}) {
    return this._add(new Contributor(this, this._nextName("k"), app, key, options));
  }

  /**
   * Ends every session (the hub forgets its consumers at once), then closes the connection.
   * Idempotent. @returns {Promise<void>} settled once the ends are answered, or after ackTimeout
   */
  async close() {
    if (this._state === State.CLOSED) return;
    const ends = [...this._sessions.values()].map((session) => session.close());
    this._setState(State.CLOSED, "closed");
    this._removePageListeners();
    clearTimeout(this._retryTimer);
    await Promise.allSettled(ends);
    await this._opening;
    if (this._socket) {
      this._socket.off();
      this._socket.io.off();
      this._socket.disconnect();
    }
  }

  // ---- for sessions ----

  /** Whether requests can be sent now. */
  _live() { return this._socket !== null && this._socket.connected; }

  /** Sends one request, with an answer expected: the only place that emits. */
  _emit(event, argument, answered) {
    const epoch = this._epoch;
    let done = false;
    const settle = (answer, error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this._unanswered.delete(drop);
      answered(answer, error);
    };
    const timer = setTimeout(() => settle(null,
      new HatchetError("ack_timeout", `no answer to ${event} within ${this.options.ackTimeout} ms`)), this.options.ackTimeout);
    const drop = () => settle(null, new HatchetError("dropped", `the connection was lost before ${event} was answered`));
    this._unanswered.add(drop);
    this._socket.emit(event, argument, (answer) => {
      if (epoch === this._epoch) settle(answer, null); // else an older connection's
    });
    // A session's request on a connection that drops is sent again by its session: it cancels
    // this, so that neither the ack nor the timer settles it.
    return () => { done = true; clearTimeout(timer); this._unanswered.delete(drop); };
  }

  _log(...args) {
    if (this.options.log) console.log("[hatchet]", ...args);
  }

  _report(error, session) {
    this._log("error", session ?? "", error.message);
    this._listeners.emit("error", error, session ?? null);
  }

  _forget(session) { this._sessions.delete(session.name); }

  // ---- the socket ----

  _open(io) {
    if (this._state === State.CLOSED) return;
    const socket = io(this.url, {
      path: this.options.path,
      transports: this.options.transports,
      reconnectionDelay: this.options.reconnectDelay,
      reconnectionDelayMax: this.options.maxReconnectDelay,
      ...this.options.socket,
      // Emits are made only while connected and authenticated, so that socket.io-client's own
      // buffer never holds one (it would send it before any connect listener ran).
      autoConnect: false,
      multiplex: false,
    });
    this._socket = socket;
    socket.on("connect", () => this._connected());
    socket.on("disconnect", (reason) => this._disconnected(reason));
    socket.on("connect_error", (error) => this._log("could not connect:", error.message));
    socket.on("deliver", (...deliveries) => this._deliver(deliveries));
    socket.on("hub-error", (error) => this._hubError(error));
    socket.io.on("reconnect_attempt", (attempt) => this._reconnecting(attempt));
    socket.connect();
  }

  _connected() {
    this._epoch++;
    this._failedAttempts = 0;
    this._log("connected to", this.url);
    this._setState(State.CONNECTED, "connected");
    this._listeners.emit("connected");
    for (const session of this._sessions.values()) session._authenticate();
  }

  _disconnected(reason) {
    this._epoch++;
    if (this._state === State.CLOSED) return;
    this._log("disconnected:", reason);
    this._setState(State.DISCONNECTED, reason);
    this._listeners.emit("disconnected", reason);
    for (const session of this._sessions.values()) session._connectionLost();
    for (const drop of [...this._unanswered]) drop(); // auth and end: nothing sends them again
    // socket.io-client comes back by itself after a lost connection, but not after the hub's
    // DISCONNECT ("io server disconnect"): this does, with jitter,
    // so that the pages a hub sent away at once do not all come back at once.
    if (reason === "io server disconnect") this._retryLater();
  }

  _reconnecting(attempt) {
    if (this._state === State.CLOSED) return;
    this._setState(State.RECONNECTING, `attempt ${attempt}`);
    this._listeners.emit("reconnecting", attempt);
  }

  _retryLater() {
    clearTimeout(this._retryTimer);
    const attempt = ++this._failedAttempts;
    const base = Math.min(this.options.maxReconnectDelay,
      this.options.reconnectDelay * 2 ** Math.min(attempt - 1, 16));
    const delay = base * (0.5 + Math.random());
    this._retryTimer = setTimeout(() => {
      if (this._state === State.CLOSED || this._live()) return;
      this._reconnecting(attempt);
      this._socket.connect();
    }, delay);
  }

  _reopen() {
    if (this._state !== State.CLOSED && this._socket && !this._live()) this._socket.connect();
  }

  _pagehide() {
    if (this._state === State.CLOSED || !this.options.endOnPagehide) return;
    // A remembered consumer is left to the hub's grace period, so that the reloaded page resumes
    // it; the others are ended, so that the hub stops routing to a page that is gone.
    for (const session of this._sessions.values()) {
      if (!session._remembered()) session._endNow();
      else session._save();
    }
    if (this._socket) this._socket.disconnect(); // back with pageshow, if the page is kept
    clearTimeout(this._retryTimer);
  }

  _removePageListeners() {
    if (typeof window !== "undefined" && typeof window.removeEventListener === "function") {
      window.removeEventListener("pagehide", this._onPagehide);
      window.removeEventListener("pageshow", this._onPageshow);
    }
  }

  _deliver(deliveries) {
    for (const delivery of deliveries) {
      if (!delivery || !Array.isArray(delivery.sessions)) continue;
      delivery.sessions.forEach((name, at) => {
        const session = this._sessions.get(name);
        if (session instanceof Consumer) {
          session._receive(delivery.event, delivery.data, delivery.seqs ? delivery.seqs[at] : null);
        }
      });
    }
  }

  _hubError(error) {
    const code = error && typeof error.code === "string" ? error.code : "internal";
    const message = error && typeof error.message === "string" ? error.message : "";
    const session = error && typeof error.session === "string" ? error.session : null;
    this._report(new HatchetError(code, message, error ? error.metadata : null), session);
  }

  _fail(error) {
    this._log(error.message);
    const failure = new HatchetError("not_connected", error.message);
    this._setState(State.CLOSED, error.message);
    for (const session of this._sessions.values()) session._failed(failure);
    this._listeners.emit("error", failure, null);
  }

  _setState(state, reason) {
    if (this._state === state) return;
    this._state = state;
    this._listeners.emit("state", state, reason);
  }

  _nextName(prefix) {
    return `${prefix}${++this._names}`;
  }

  _add(session) {
    if (this._state === State.CLOSED) {
      session._failed(new HatchetError("closed", "its connection is closed"));
      return session;
    }
    this._sessions.set(session.name, session);
    if (this._live()) session._authenticate();
    return session;
  }
}

/** What consumers and contributors share: authentication, the queue, states. */
class Session {
  constructor(hatchet, name, app, credential, role) {
    if (typeof app !== "string" || app.length === 0) throw new TypeError("app must be an app's name");
    if (!(typeof credential === "string" && credential.length > 0) && typeof credential !== "function") {
      throw new TypeError(`the ${role}'s credential must be a key, a token, or a function that returns a token`);
    }
    this.hatchet = hatchet;
    this.name = name;
    this.app = app;
    this.role = role;
    this._credential = credential;
    this._state = State.CONNECTING;
    this._authenticated = false;
    this._queue = []; // requests waiting for the session to authenticate, in order
    this._inFlight = []; // requests sent and not yet answered, in order
    this._listeners = new Listeners(this);
    this._retryTimer = null;
    this._attempts = 0;
    this._everConnected = false;
    this._failure = null; // once closed or failed: why
  }

  /** @returns {string} the session's State */
  get state() { return this._state; }

  /** Listens to "state" (state, reason) and "error" (HatchetError); consumers have more. */
  on(name, fn) { this._listeners.on(name, fn); return this; }
  off(name, fn) { this._listeners.off(name, fn); return this; }

  /**
   * Ends the session: the hub stops routing to it at once and, for a consumer, forgets its id.
   * Idempotent. @returns {Promise<void>} settled once the hub answered, or could not
   */
  close() {
    if (this._state === State.CLOSED || this._state === State.FAILED) return Promise.resolve();
    const live = this._authenticated && this.hatchet._live();
    this._finish(State.CLOSED, new HatchetError("closed", "the session was closed"));
    this._unsave();
    if (!live) return Promise.resolve();
    return new Promise((resolve) => this.hatchet._emit("end", { session: this.name }, () => resolve()));
  }

  // ---- requests ----

  /** Queues a request, or sends it at once when nothing waits before it. */
  _request(event, argument) {
    if (this._failure) return Promise.reject(this._failure);
    if (this._queue.length + this._inFlight.length >= this.hatchet.options.maxQueue) {
      return Promise.reject(new HatchetError("queue_full",
        `${this.hatchet.options.maxQueue} requests of this ${this.role} already wait (maxQueue)`));
    }
    return new Promise((resolve, reject) => {
      this._queue.push({ event, argument: { session: this.name, ...argument }, resolve, reject });
      this._flush();
    });
  }

  _flush() {
    if (!this._authenticated || !this.hatchet._live()) return;
    while (this._queue.length > 0) this._send(this._queue.shift());
  }

  _send(request) {
    this._inFlight.push(request);
    request.cancel = this.hatchet._emit(request.event, request.argument, (answer, error) => {
      this._inFlight.splice(this._inFlight.indexOf(request), 1);
      if (error) request.reject(error);
      else if (answer && answer.ok === true) request.resolve(answer);
      else request.reject(refusal(answer));
    });
  }

  // ---- authentication ----

  async _authenticate() {
    if (this._state === State.CLOSED || this._state === State.FAILED) return;
    const epoch = this.hatchet._epoch;
    if (this._everConnected) this._setState(State.RECONNECTING, "authenticating again");
    let key;
    try {
      key = typeof this._credential === "function" ? await this._credential() : this._credential;
    } catch (error) {
      this._authRefused(new HatchetError("not_authorized", `the token function failed: ${error && error.message}`), true);
      return;
    }
    if (epoch !== this.hatchet._epoch || this._state === State.CLOSED) return; // the connection changed meanwhile
    const request = { v: PROTOCOL_VERSION, session: this.name, app: this.app, key, role: this.role, ...this._authFields() };
    this.hatchet._emit("auth", request, (answer, error) => {
      if (this._state === State.CLOSED) return;
      if (error && error.code === "dropped") { // the next connection authenticates again
        return;
      } else if (error) { // no answer: the connection is likely dead; socket.io's heartbeat will tell
        this._authRefused(error, true);
      } else if (answer && answer.ok === true) {
        this._attempts = 0;
        this._authAnswered(answer);
        this._authenticated = true;
        this._everConnected = true;
        this._afterAuth();
      } else {
        const failure = refusal(answer);
        const passing = PASSING_AUTH_CODES.has(failure.code)
          || (TOKEN_CODES.has(failure.code) && typeof this._credential === "function");
        this._authRefused(failure, passing);
      }
    });
  }

  _authRefused(failure, passing) {
    this.hatchet._report(failure, this.name);
    this._listeners.emit("error", failure);
    if (!passing) {
      this._finish(State.FAILED, failure);
      return;
    }
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(this._attempts++, 5)) * (0.5 + Math.random());
    clearTimeout(this._retryTimer);
    this._retryTimer = setTimeout(() => { if (this.hatchet._live()) this._authenticate(); }, delay);
  }

  /** More fields of auth: a consumer's id and resume. */
  _authFields() { return {}; }
  /** Reads what auth answered. */
  _authAnswered() {}

  /** Runs once the session has authenticated: what it had sent goes again, then what waits. */
  _afterAuth() {
    this._setState(State.CONNECTED, "authenticated");
    this._flush();
  }

  _connectionLost() {
    this._authenticated = false;
    clearTimeout(this._retryTimer);
    // What was sent and not answered goes again, first, once the session is back: a publish
    // carries its publisher and seq, so that the hub routes it once however often it comes.
    for (const request of this._inFlight) request.cancel();
    this._queue.unshift(...this._inFlight);
    this._inFlight = [];
    if (this._state !== State.CLOSED && this._state !== State.FAILED) {
      this._setState(this._everConnected ? State.DISCONNECTED : State.CONNECTING, "connection lost");
    }
  }

  /**
   * Sends end without waiting for an answer: the page is going. The session stays open: if the
   * page comes back (from the browser's back-forward cache), it authenticates again.
   */
  _endNow() {
    if (this._authenticated && this.hatchet._live()) this.hatchet._socket.emit("end", { session: this.name });
  }

  _failed(failure) { this._finish(State.FAILED, failure); }

  _finish(state, failure) {
    if (this._state === State.CLOSED || this._state === State.FAILED) return;
    this._failure = failure; // what every later request is answered with
    clearTimeout(this._retryTimer);
    this._authenticated = false;
    for (const request of [...this._inFlight, ...this._queue]) {
      if (request.cancel) request.cancel();
      request.reject(failure);
    }
    this._inFlight = [];
    this._queue = [];
    this.hatchet._forget(this);
    this._setState(state, failure.message);
    this._settled(failure);
  }

  /** Rejects what waits for the session's first authentication. */
  _settled() {}

  _remembered() { return false; }
  _save() {}
  _unsave() {}

  _setState(state, reason) {
    if (this._state === state) return;
    this._state = state;
    this.hatchet._log(this.name, state, reason);
    this._listeners.emit("state", state, reason);
  }
}

/**
 * Watches events. Keeps its id across reconnects, resumes where it was (in order, never twice),
 * and says so: "recovered" (from, to) when the hub replayed what it missed, "gap" (last, seq)
 * when it could not. Listens with on() to those, "duplicate" (seq), "state" and "error".
 */
export class Consumer extends Session {
  constructor(hatchet, name, app, credential, options) {
    super(hatchet, name, app, credential, "consumer");
    this._watches = new Map(); // event -> Set of callbacks
    this._alias = undefined;
    this._last = null; // the number of the last event received; null before the first auth
    this.userId = null;
    this._storageKey = options.remember ? storageKey(hatchet.url, app, options.remember) : null;
    this._storage = this._storageKey ? pickStorage(hatchet.options.storage) : null;
    const saved = this._storage ? readSaved(this._storage, this._storageKey) : null;
    this.id = options.id ?? (saved ? saved.id : randomId());
    if (saved && saved.id === this.id) this._last = saved.last;
    this._synced = deferred(); // settled by the first sync after authentication
    this._syncedOnce = false;
    this._nextSync = []; // what waits for the next sync
  }

  /** @returns {number|null} the number of the last event received */
  get seq() { return this._last; }

  /**
   * Calls fn(data, {event, seq}) for every event named event. Several callbacks may watch one.
   * @returns {Promise<void>} settled when the hub watches it for this consumer
   */
  watch(event, fn) {
    const bad = checkName(event, "event") ?? (typeof fn === "function" ? null : "watch(event, fn): fn must be a function");
    if (bad) return Promise.reject(new HatchetError("bad_request", bad));
    const first = !this._watches.has(event);
    if (first) this._watches.set(event, new Set());
    this._watches.get(event).add(fn);
    return quiet(first ? this._stateRequest("watch", { events: [event] }) : this._whenSynced());
  }

  /**
   * Stops calling fn for event, or every callback of event without fn; the hub stops sending it
   * when none is left. @returns {Promise<void>}
   */
  unwatch(event, fn) {
    const bad = checkName(event, "event");
    if (bad) return Promise.reject(new HatchetError("bad_request", bad));
    const callbacks = this._watches.get(event);
    if (!callbacks) return this._whenSynced();
    if (fn) callbacks.delete(fn); else callbacks.clear();
    if (callbacks.size > 0) return this._whenSynced();
    this._watches.delete(event);
    return quiet(this._stateRequest("unwatch", { events: [event] }));
  }

  /** Names the user behind this consumer, for contributors' send(); null clears it. @returns {Promise<void>} */
  alias(alias) {
    const bad = alias === null ? null : checkName(alias, "alias");
    if (bad) return Promise.reject(new HatchetError("bad_request", bad));
    this._alias = alias;
    return quiet(this._stateRequest("alias", { alias }));
  }

  /**
   * @returns {Promise<Consumer>} settled once the consumer has authenticated and its watches and
   *     alias are in effect; rejected with a HatchetError if it was refused or closed first
   */
  ready() { return quiet(this._synced.promise.then(() => this)); }

  // A watch, unwatch or alias while authenticated goes now; otherwise it is part of the sync that
  // follows every authentication, which sends the whole of what the consumer watches and its alias.
  _stateRequest(event, argument) {
    if (this._authenticated && this.hatchet._live()) {
      return this._request(event, argument).then(() => undefined);
    }
    return this._whenSynced();
  }

  _whenSynced() {
    if (this._failure) return Promise.reject(this._failure);
    if (this._authenticated && this._syncedOnce && this._inFlight.length === 0) return Promise.resolve();
    const waiting = deferred();
    this._nextSync.push(waiting);
    return waiting.promise;
  }

  _authFields() {
    const fields = { id: this.id };
    if (this._last !== null) fields.resume = this._last;
    return fields;
  }

  _authAnswered(answer) {
    this.userId = answer.userId ?? null;
    if (typeof answer.id === "string") this.id = answer.id;
    const newest = answer.seq;
    const last = this._last;
    if (last === null) {
      this._last = newest; // nothing to resume: the next event is newest + 1
    } else if (answer.recovered === true) {
      // Keep last, not newest: the replay of last+1 ... newest follows, and each of those is
      // above last. Taking newest here would drop the whole replay as duplicates.
      if (newest > last) this._listeners.emit("recovered", last, newest);
    } else {
      this._last = newest;
      if (newest !== last) {
        this.hatchet._log(this.name, `lost events ${last + 1} ... ${newest}`);
        this._listeners.emit("gap", last, newest);
      }
    }
    this._save();
  }

  _afterAuth() {
    const sync = [];
    if (this._watches.size > 0) sync.push(this._request("watch", { events: [...this._watches.keys()] }));
    if (this._alias !== undefined && this.userId === null) sync.push(this._request("alias", { alias: this._alias }));
    super._afterAuth();
    const waiting = this._nextSync.splice(0);
    Promise.all(sync).then(() => {
      this._syncedOnce = true;
      this._synced.resolve();
      waiting.forEach((w) => w.resolve());
    }, (error) => {
      this._listeners.emit("error", error);
      this.hatchet._report(error, this.name);
      this._synced.reject(error);
      waiting.forEach((w) => w.reject(error));
    });
  }

  _connectionLost() {
    // Watches and alias in flight are the next sync's business, not a request to send again.
    const state = (request) => request.event === "watch" || request.event === "unwatch" || request.event === "alias";
    for (const request of this._inFlight.filter(state)) {
      request.cancel();
      this._inFlight.splice(this._inFlight.indexOf(request), 1);
      const waiting = deferred();
      this._nextSync.push(waiting);
      waiting.promise.then(() => request.resolve({ ok: true }), request.reject);
    }
    this._queue = this._queue.filter((request) => !state(request));
    super._connectionLost();
  }

  _receive(event, data, seq) {
    if (!this._authenticated) return; // a late delivery for a session that went
    if (typeof seq === "number") {
      if (this._last !== null && seq <= this._last) {
        this._listeners.emit("duplicate", seq);
        return;
      }
      this._last = seq;
    }
    const callbacks = this._watches.get(event);
    if (!callbacks) return;
    for (const fn of [...callbacks]) {
      try {
        fn(data, { event, seq });
      } catch (error) {
        const failure = new HatchetError("callback_failed", `a callback of '${event}' threw: ${error && error.message}`);
        failure.cause = error;
        this._listeners.emit("error", failure);
        this.hatchet._report(failure, this.name);
      }
    }
  }

  _settled(failure) {
    this._synced.reject(failure);
    this._nextSync.splice(0).forEach((w) => w.reject(failure));
  }

  _remembered() { return this._storage !== null; }

  _save() {
    if (this._storage) {
      try {
        this._storage.setItem(this._storageKey, JSON.stringify({ id: this.id, last: this._last }));
      } catch { /* storage full or refused: the page resumes as a new consumer */ }
    }
  }

  _unsave() {
    if (this._storage) {
      try { this._storage.removeItem(this._storageKey); } catch { /* nothing kept */ }
    }
  }
}

/**
 * Publishes events. Each publish carries this contributor's publisher id and a number that grows,
 * so that one sent again after a lost connection is routed once.
 */
export class Contributor extends Session {
  constructor(hatchet, name, app, key) {
    super(hatchet, name, app, key, "contributor");
    this.publisher = randomId();
    this._seq = 0;
  }

  /** Sends event to every consumer of the app that watches it. @returns {Promise<number>} routed */
  broadcast(event, data) {
    return this._publish(event, data, null);
  }

  /**
   * Sends event to the consumers that watch it and whose alias is one of aliases (strings, or
   * one array of them). @returns {Promise<number>} how many consumers it was routed to
   */
  send(event, data, ...aliases) {
    const to = aliases.length === 1 && Array.isArray(aliases[0]) ? aliases[0] : aliases;
    if (to.length === 0) return Promise.reject(new HatchetError("bad_request", "send(event, data, ...aliases) needs at least one alias"));
    for (const alias of to) {
      const bad = checkName(alias, "alias");
      if (bad) return Promise.reject(new HatchetError("bad_request", bad));
    }
    return this._publish(event, data, to);
  }

  _publish(event, data, to) {
    const bad = checkName(event, "event") ?? checkData(data);
    if (bad) return Promise.reject(new HatchetError("bad_request", bad));
    const argument = { event, data, publisher: this.publisher, seq: ++this._seq };
    if (to) argument.to = to;
    return quiet(this._request("publish", argument).then((answer) => answer.routed));
  }
}

// ---- helpers ----

async function loadIo(given) {
  if (typeof given === "function") return given;
  if (given && typeof given.io === "function") return given.io;
  if (typeof globalThis.io === "function") return globalThis.io;
  const served = new URL("./socket.io.esm.min.js", import.meta.url).href;
  const places = import.meta.url.startsWith("http") ? [served, "socket.io-client"] : ["socket.io-client", served];
  for (const place of places) {
    try {
      const module = await import(place);
      if (typeof module.io === "function") return module.io;
    } catch { /* the next place */ }
  }
  throw new Error("socket.io-client not found: pass it, connect(url, { io }), or load it first");
}

class Listeners {
  constructor(owner) { this.owner = owner; this.byName = new Map(); }
  on(name, fn) {
    if (typeof fn !== "function") throw new TypeError(`on('${name}', fn): fn must be a function`);
    if (!this.byName.has(name)) this.byName.set(name, new Set());
    this.byName.get(name).add(fn);
  }
  off(name, fn) { this.byName.get(name)?.delete(fn); }
  emit(name, ...args) {
    for (const fn of [...(this.byName.get(name) ?? [])]) {
      try { fn.apply(this.owner, args); } catch (error) {
        if (name !== "error") this.emit("error", new HatchetError("callback_failed", `a '${name}' listener threw: ${error && error.message}`));
      }
    }
  }
}

function refusal(answer) {
  if (answer && answer.ok === false && answer.error && typeof answer.error.code === "string") {
    return new HatchetError(answer.error.code, answer.error.message ?? "", answer.error.metadata ?? null);
  }
  return new HatchetError("bad_answer", `the hub's answer cannot be read: ${JSON.stringify(answer)}`);
}

/** Checks a name as the hub does: 1 to 256 code points, and not "*". */
function checkName(name, what) {
  if (typeof name !== "string") return `${what} must be a string`;
  const length = [...name].length;
  if (length === 0 || length > 256) return `${what} must be 1 to 256 characters`;
  if (name === "*") return `'*' is not ${what === "event" ? "an event" : "a"} name`;
  return null;
}

/** The hub carries JSON text only: binary data would make socket.io send a packet it refuses. */
function checkData(data) {
  if (data === undefined) return "data is required (null is a value)";
  return hasBinary(data, 0) ? "binary data (ArrayBuffer, typed arrays, Blob) is not carried: send base64 text" : null;
}

function hasBinary(value, depth) {
  if (value === null || typeof value !== "object" || depth > 64) return false;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (typeof Blob !== "undefined" && value instanceof Blob) return true;
  if (typeof value.toJSON === "function") return false;
  const values = Array.isArray(value) ? value : Object.values(value);
  return values.some((v) => hasBinary(v, depth + 1));
}

/** 22 random URL-safe characters, 132 bits, as the Java client makes them. */
function randomId() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(22));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let id = "";
  for (const byte of bytes) id += alphabet[byte & 63]; // 256 is a multiple of 64: uniform
  return id;
}

/**
 * Returns promise, marked as handled: a publish nobody awaits must not crash Node or flood the
 * console with unhandled rejections. Its failure still reaches whoever awaits it.
 */
function quiet(promise) {
  promise.catch(() => {});
  return promise;
}

function deferred() {
  const d = {};
  d.promise = new Promise((resolve, reject) => { d.resolve = resolve; d.reject = reject; });
  d.promise.catch(() => {}); // a ready() nobody asked for must not be an unhandled rejection
  return d;
}

function storageKey(url, app, remember) {
  return `hatchet:${url}:${app}:${remember === true ? "consumer" : remember}`;
}

function pickStorage(given) {
  if (given) return given;
  try {
    return typeof sessionStorage !== "undefined" ? sessionStorage : null;
  } catch {
    return null; // a sandboxed frame may not have it
  }
}

function readSaved(storage, key) {
  try {
    const saved = JSON.parse(storage.getItem(key));
    return saved && typeof saved.id === "string" ? saved : null;
  } catch {
    return null;
  }
}
