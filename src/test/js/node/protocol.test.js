// PROTOCOL.md, followed with the plain socket.io client and no hatchet.js: its example consumer,
// its pitfalls, and its refusals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { APP, CONSUMER_KEY, HUB_URL, java, once } from "../driver.js";

// README: A browser consumer
function watchWithSocketIo(io, url, { app, key, events, onEvent, onReady = () => {} }) {
  const socket = io(url, { transports: ["websocket"] });
  let id = null; // the consumer's id: claimed again at every auth, so that nothing is lost
  let last = null; // the seq of the last event received
  socket.on("connect", () => {
    const auth = { v: 1, session: "web", app, key, role: "consumer" };
    if (id !== null) Object.assign(auth, { id, resume: last });
    // An ack callback, not emitWithAck: it runs before the events that follow the answer.
    socket.emit("auth", auth, (answer) => {
      if (!answer.ok) { console.error(answer.error.code, answer.error.message); socket.disconnect(); return; }
      id = answer.id;
      // recovered: keep last, as the replay of last+1 ... seq follows. Otherwise take seq:
      // the events up to it are lost to this consumer (or it is a new one).
      if (answer.recovered !== true) last = answer.seq;
      socket.emit("watch", { session: "web", events }, onReady);
    });
  });
  socket.on("deliver", (...deliveries) => {
    for (const d of deliveries) {
      const seq = d.seqs[d.sessions.indexOf("web")];
      if (seq <= last) continue; // had it already
      last = seq;
      onEvent(d.event, d.data);
    }
  });
  // After the hub's DISCONNECT, socket.io-client does not come back by itself.
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 500 + 500 * Math.random());
  });
  return socket;
}
// README end

test("PROTOCOL.md's example consumer loses nothing and gets nothing twice across a cut and a disconnectAll", async (t) => {
  const got = [];
  let wake = null;
  let watching;
  const ready = new Promise((resolve) => { watching = resolve; });
  const socket = watchWithSocketIo(io, HUB_URL, {
    app: APP, key: CONSUMER_KEY, events: ["log"], onReady: () => watching(),
    onEvent: (event, data) => { got.push(data.n); if (wake && got.length >= wake.n) wake.resolve(); },
  });
  t.after(() => socket.disconnect());
  const received = (n) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${got.length} of ${n} events: ${got.slice(-5)}`)), 20_000);
    wake = { n, resolve: () => { clearTimeout(timer); resolve(); } };
    if (got.length >= n) wake.resolve();
  });
  await ready;
  for (let n = 0; n < 150; n++) {
    if (n === 50 || n === 100) {
      if (!socket.connected) await once(socket, "connect"); // back from the fault before
      const lost = once(socket, "disconnect");
      await java(n === 50 ? "cut" : "disconnectAll");
      await lost;
    }
    await java("broadcast", { event: "log", data: { n } });
  }
  await received(150);
  assert.deepEqual(got, [...Array(150).keys()]);
});

test("a watch emitted before the socket connected is answered not_authenticated: socket.io-client's buffer", async (t) => {
  const socket = io(HUB_URL, { transports: ["websocket"] });
  t.after(() => socket.disconnect());
  // The answers, in the order they came: the hub answers a connection's requests in order.
  const answers = [];
  let authAnswered;
  const authed = new Promise((resolve) => { authAnswered = resolve; });
  socket.on("connect", () => {
    socket.emit("auth", { v: 1, session: "s", app: APP, key: CONSUMER_KEY }, (answer) => {
      answers.push(["auth", answer.ok]);
      authAnswered();
    });
  });
  // Buffered while disconnected, and sent before any connect listener runs.
  socket.emit("watch", { session: "s", events: ["log"] }, (answer) => answers.push(["watch", answer.error?.code]));
  await authed;
  assert.deepEqual(answers, [["watch", "not_authenticated"], ["auth", true]], "the watch went first");
});

test("credentials in the handshake's auth get a clear connect_error", async (t) => {
  const socket = io(HUB_URL, { transports: ["websocket"], auth: { app: APP, key: CONSUMER_KEY } });
  t.after(() => socket.disconnect());
  const [error] = await once(socket, "connect_error");
  assert.match(error.message, /emit "auth"/);
  assert.equal(error.data.code, "bad_request");
  assert.equal(socket.connected, false);
});

test("a CONNECT to another namespace gets a connect_error with a message", async (t) => {
  const socket = io(`${HUB_URL}/admin`, { transports: ["websocket"] });
  t.after(() => socket.disconnect());
  const [error] = await once(socket, "connect_error");
  assert.equal(error.message, "Invalid namespace");
});
