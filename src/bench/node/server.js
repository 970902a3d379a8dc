// The Node baseline of hatchet's benchmark: a socket.io 4.8 server speaking the subset of
// hatchet's protocol (PROTOCOL.md) the benchmark uses -- auth, watch, unwatch, end, ping, publish
// (broadcast) with acknowledgements, and deliver -- so that the same Java load generator, and
// hatchet's own client library, drive it exactly as they drive the hatchet hub.
//
// Routing is what a Node developer would write: a room per watched event. One refinement keeps
// the wire identical to the hub's: a deliver names the sessions it is for, so a connection joins
// the room "<event>\n<its watching sessions>", and a publish emits once per such room. With one
// session per connection (the usual case) that is exactly one room per event, and socket.io
// encodes each emit once for all the room's sockets.
//
// Usage: node server.js <consumerKey> <contributorKey>
// Prints "READY <port>" once listening. Reads control lines on stdin: "stats" and "gc" (after a
// full GC) answer "STATS {json}" with the process's own CPU time and memory; end of stdin exits.

"use strict";
const http = require("http");
const { Server } = require("socket.io");
const readline = require("readline");

const [consumerKey, contributorKey] = process.argv.slice(2);
const APP = "bench";
const MAX_MESSAGE_BYTES = 1048576;

const io = new Server({
  transports: ["websocket"], // the load generator and hatchet's client use WebSocket only
  serveClient: false,
  perMessageDeflate: false, // socket.io's default, stated: the hub has it off too
  maxHttpBufferSize: 2 * MAX_MESSAGE_BYTES + 65536, // the hub's frame limit
});

// event -> Map(room -> {sessions: [names], sockets: count}): the rooms a publish emits to.
const roomsByEvent = new Map();

function joinRoom(socket, event, names) {
  const room = event + "\n" + names.join(",");
  let rooms = roomsByEvent.get(event);
  if (!rooms) roomsByEvent.set(event, (rooms = new Map()));
  const entry = rooms.get(room) || { sessions: names, sockets: 0 };
  entry.sockets++;
  rooms.set(room, entry);
  socket.join(room);
  return room;
}

function leaveRoom(socket, event, room) {
  const rooms = roomsByEvent.get(event);
  const entry = rooms && rooms.get(room);
  if (entry && --entry.sockets === 0) rooms.delete(room);
  if (rooms && rooms.size === 0) roomsByEvent.delete(event);
  socket.leave(room);
}

const error = (code, message) => ({ ok: false, error: { code, message } });

io.on("connection", (socket) => {
  const sessions = new Map(); // name -> {role, events: Set}
  const roomOf = new Map(); // event -> the room this socket is in for it

  // Puts the socket in the one room that matches its sessions watching `event`.
  function route(event) {
    const names = [];
    for (const [name, s] of sessions) if (s.events.has(event)) names.push(name);
    names.sort();
    const old = roomOf.get(event);
    if (old !== undefined) leaveRoom(socket, event, old);
    roomOf.delete(event);
    if (names.length > 0) roomOf.set(event, joinRoom(socket, event, names));
  }

  function session(req, ack) {
    const s = req && sessions.get(req.session);
    if (!s) ack(error("not_authenticated", "session is not authenticated on this connection"));
    return s;
  }

  socket.on("auth", (req, ack) => {
    if (typeof ack !== "function") return;
    if (!req || req.v !== 1 || typeof req.session !== "string") return ack(error("bad_request", "bad auth"));
    if (req.app !== APP) return ack(error("unknown_app", "no app " + req.app));
    const role = req.key === consumerKey ? "consumer" : req.key === contributorKey ? "contributor" : null;
    if (!role) return ack(error("bad_key", "bad key"));
    if (req.role != null && req.role !== role) return ack(error("wrong_role", "not a " + req.role + " key"));
    if (sessions.has(req.session)) return ack(error("session_in_use", "session in use"));
    sessions.set(req.session, { role, events: new Set() });
    const id = role === "consumer" ? (req.id || socket.id + "-" + req.session) : null;
    ack({ ok: true, session: req.session, role, events: ["*"], maxMessageBytes: MAX_MESSAGE_BYTES, id, userId: null });
  });

  function watch(req, ack, add) {
    if (typeof ack !== "function") return;
    const s = session(req, ack);
    if (!s) return;
    if (s.role !== "consumer") return ack(error("not_permitted", "not a consumer"));
    for (const event of req.events) {
      if (add) s.events.add(event); else s.events.delete(event);
      route(event);
    }
    ack({ ok: true });
  }
  socket.on("watch", (req, ack) => watch(req, ack, true));
  socket.on("unwatch", (req, ack) => watch(req, ack, false));

  socket.on("end", (req, ack) => {
    const s = req && sessions.get(req.session);
    if (s) {
      sessions.delete(req.session);
      for (const event of s.events) route(event);
    }
    if (typeof ack === "function") ack({ ok: true });
  });

  // Answered to whoever asks, as the hub does: hatchet's client sends it as its heartbeat, and
  // reconnects when it goes unanswered.
  socket.on("ping", (req, ack) => {
    if (typeof ack === "function") ack({ ok: true });
  });

  socket.on("publish", (req, ack) => {
    if (typeof ack !== "function") return;
    const s = session(req, ack);
    if (!s) return;
    if (s.role !== "contributor") return ack(error("not_permitted", "not a contributor"));
    if (typeof req.event !== "string" || !("data" in req)) return ack(error("bad_request", "event and data required"));
    if (req.to !== undefined || req.rooms !== undefined) return ack(error("bad_request", "broadcasts only"));
    // The hub measures data's size to enforce its limit; so does this.
    if (Buffer.byteLength(JSON.stringify(req.data)) > MAX_MESSAGE_BYTES) return ack(error("too_large", "too large"));
    let routed = 0;
    const rooms = roomsByEvent.get(req.event);
    if (rooms) {
      for (const [room, entry] of rooms) {
        routed += entry.sockets * entry.sessions.length;
        io.to(room).emit("deliver", { event: req.event, data: req.data, sessions: entry.sessions });
      }
    }
    ack({ ok: true, routed });
  });

  socket.on("disconnect", () => {
    for (const [event, room] of roomOf) leaveRoom(socket, event, room);
    roomOf.clear();
    sessions.clear();
  });
});

function stats() {
  const cpu = process.cpuUsage(); // microseconds, every thread of the process
  const mem = process.memoryUsage();
  return JSON.stringify({
    cpuNanos: (cpu.user + cpu.system) * 1000,
    kernelNanos: cpu.system * 1000,
    heapUsed: mem.heapUsed,
    offHeap: mem.external, // Buffers and other memory V8 objects hold outside the heap
    rss: mem.rss,
    connections: io.engine.clientsCount,
  });
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const command = line.trim();
  if (command === "gc" && global.gc) { global.gc(); global.gc(); }
  if (command === "stats" || command === "gc") process.stdout.write("STATS " + stats() + "\n");
  if (command === "quit") process.exit(0);
});
lines.on("close", () => process.exit(0)); // the benchmark is gone: so are we

// Loopback only, like the hub.
const httpServer = http.createServer();
io.attach(httpServer);
httpServer.listen(0, "127.0.0.1", () => process.stdout.write("READY " + httpServer.address().port + "\n"));
