// A hatchet.js consumer in Node, against the real hub, fed by Java contributors and producers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP, CONSUMER_KEY, CONTRIBUTOR_KEY, collector, hatchetFor, java } from "../driver.js";

test("a consumer receives a Java contributor's broadcast", async (t) => {
  const consumer = hatchetFor(t).consumer(APP, CONSUMER_KEY);
  const got = collector();
  consumer.watch("log", got.fn);
  await consumer.ready();
  const { routed } = await java("broadcast", { event: "log", data: { line: 100, file: "ben.txt", n: 1.1 } });
  assert.ok(routed >= 1);
  const first = await got.next();
  assert.deepEqual(first.data, { line: 100, file: "ben.txt", n: 1.1 });
  assert.equal(first.event, "log");
  assert.equal(first.seq, 1);
  assert.equal(consumer.seq, 1);
});

test("a targeted send reaches only the consumers of its alias", async (t) => {
  const hatchet = hatchetFor(t);
  const frederick = hatchet.consumer(APP, CONSUMER_KEY);
  const ben = hatchet.consumer(APP, CONSUMER_KEY);
  const toFrederick = collector("frederick");
  const toBen = collector("ben");
  frederick.watch("signup", toFrederick.fn);
  ben.watch("signup", toBen.fn);
  frederick.alias("frederick");
  ben.alias("ben");
  await Promise.all([frederick.ready(), ben.ready()]);
  assert.equal((await java("send", { event: "signup", data: { firstName: "Frederick" }, to: ["frederick"] })).routed, 1);
  // Per publisher, events come in order: ben's first event is the broadcast sent after.
  await java("broadcast", { event: "signup", data: "for everyone" });
  assert.deepEqual((await toFrederick.count(2)).map((e) => e.data), [{ firstName: "Frederick" }, "for everyone"]);
  assert.deepEqual((await toBen.count(1)).map((e) => e.data), ["for everyone"]);
});

test("a producer joins the consumer to a room and sends to it", async (t) => {
  const consumer = hatchetFor(t).consumer(APP, CONSUMER_KEY);
  const got = collector();
  consumer.watch("news", got.fn);
  await consumer.ready();
  assert.equal((await java("join", { room: "projects/51762b8f", consumer: consumer.id })).changed, true);
  assert.equal((await java("room", { room: "projects/51762b8f", event: "news", data: { v: 1 } })).routed, 1);
  assert.deepEqual((await got.next()).data, { v: 1 });
});

test("a token consumer, its token from a producer, gets what is sent to its user", async (t) => {
  const tokens = [];
  const token = async () => { const { token } = await java("token", { userId: "ben" }); tokens.push(token); return token; };
  const consumer = hatchetFor(t).consumer(APP, token);
  const got = collector();
  consumer.watch("message", got.fn);
  await consumer.ready();
  assert.equal(consumer.userId, "ben");
  assert.equal(tokens.length, 1);
  assert.equal((await java("room", { room: "user:ben", event: "message", data: "hello ben" })).routed, 1);
  assert.equal((await got.next()).data, "hello ben");
  assert.equal((await java("send", { event: "message", data: "by alias", to: ["ben"] })).routed, 1);
  assert.equal((await got.next()).data, "by alias");
});

test("wrong credentials fail with the documented code, and the connection goes on", async (t) => {
  const hatchet = hatchetFor(t);
  const wrongKey = hatchet.consumer(APP, "not-a-key");
  const wrongApp = hatchet.consumer("no-such-app", CONSUMER_KEY);
  const wrongRole = hatchet.consumer(APP, CONTRIBUTOR_KEY);
  const good = hatchet.consumer(APP, CONSUMER_KEY);
  await assert.rejects(wrongKey.ready(), { name: "HatchetError", code: "bad_key" });
  await assert.rejects(wrongApp.ready(), { code: "unknown_app" });
  await assert.rejects(wrongRole.ready(), { code: "wrong_role" });
  assert.equal(wrongKey.state, "failed");
  await assert.rejects(wrongKey.watch("log", () => {}), { code: "bad_key" }, "a failed session's requests fail as it did");

  const got = collector();
  good.watch("log", got.fn);
  await good.ready();
  await java("broadcast", { event: "log", data: "still here" });
  assert.equal((await got.next()).data, "still here");
});

test("'*' is not an event name, and bad arguments are refused before they are sent", async (t) => {
  const consumer = hatchetFor(t).consumer(APP, CONSUMER_KEY);
  await assert.rejects(consumer.watch("*", () => {}), { code: "bad_request" });
  await assert.rejects(consumer.watch("log"), { code: "bad_request" });
  await assert.rejects(consumer.watch("x".repeat(257), () => {}), { code: "bad_request" });
  assert.throws(() => hatchetFor(t).consumer(APP, null), TypeError);
  await consumer.ready();
});

test("close() ends the session: the hub routes nothing more to it", async (t) => {
  const hatchet = hatchetFor(t);
  const consumer = hatchet.consumer(APP, CONSUMER_KEY);
  consumer.watch("closing", () => {});
  await consumer.ready();
  assert.equal((await java("broadcast", { event: "closing", data: 1 })).routed, 1);
  await consumer.close();
  assert.equal(consumer.state, "closed");
  assert.equal((await java("broadcast", { event: "closing", data: 2 })).routed, 0);
});
