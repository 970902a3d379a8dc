// A plain socket.io 4.8 server for checking the wire conformance tests (src/test/java/io/hatchet/hub/wire)
// against the reference implementation: both transports, a short heartbeat, the hub's payload limit,
// and the one hatchet request those tests send, `ping`, answered {"ok":true} to anyone.
//
// Usage: node conformance-server.js [pingIntervalMs pingTimeoutMs]   (default 300 200)
// Prints "READY <port>", then serves until killed. Run the tests against it with
//   mvn -o -q test -Dtest='io.hatchet.hub.wire.*Test' -Dhatchet.conformance.url=http://127.0.0.1:<port>

"use strict";
const http = require("http");
const { Server } = require("socket.io");

const [pingInterval = 300, pingTimeout = 200] = process.argv.slice(2).map(Number);
const MAX_MESSAGE_BYTES = 1048576;

const io = new Server({
  serveClient: false,
  pingInterval,
  pingTimeout,
  maxHttpBufferSize: 2 * MAX_MESSAGE_BYTES + 65536, // the hub's maxPayload
});

io.on("connection", (socket) => {
  socket.on("ping", (req, ack) => {
    if (typeof ack === "function") ack({ ok: true });
  });
});

const httpServer = http.createServer();
io.attach(httpServer);
httpServer.listen(0, "127.0.0.1", () => process.stdout.write("READY " + httpServer.address().port + "\n"));
