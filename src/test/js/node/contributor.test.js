// A hatchet.js contributor in Node: what it publishes reaches a Java consumer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP, CONSUMER_KEY, CONTRIBUTOR_KEY, collector, hatchetFor, java } from "../driver.js";

test("a JS contributor's events reach a Java consumer, in order, sent before it had authenticated", async (t) => {
  const contributor = hatchetFor(t).contributor(APP, CONTRIBUTOR_KEY);
  assert.equal(contributor.state, "connecting");
  // Sent at once, queued until the session has authenticated, then sent in order.
  const sends = [0, 1, 2, 3, 4].map((n) => contributor.broadcast("from-js", { n, text: "héllo ✓" }));
  const routed = await Promise.all(sends);
  assert.deepEqual(routed, [1, 1, 1, 1, 1]);
  const { events } = await java("received", { count: 5 });
  assert.deepEqual(events.map((e) => e.data.n), [0, 1, 2, 3, 4]);
  assert.equal(events[0].data.text, "héllo ✓");
  assert.equal(events[0].event, "from-js");
});

test("send() reaches only the aliases it names", async (t) => {
  const contributor = hatchetFor(t).contributor(APP, CONTRIBUTOR_KEY);
  assert.equal(await contributor.send("to-java", { to: "java" }, "java", "nobody"), 1);
  assert.equal(await contributor.send("to-java", { to: "nobody" }, ["nobody"]), 0);
  const { events, more } = await java("received", { count: 1 });
  assert.deepEqual(events[0].data, { to: "java" });
  assert.equal(more, 0);
});

test("consumers and contributors share one connection", async (t) => {
  const hatchet = hatchetFor(t);
  const consumer = hatchet.consumer(APP, CONSUMER_KEY);
  const contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
  const got = collector();
  consumer.watch("loop", got.fn);
  await consumer.ready();
  assert.equal(await contributor.broadcast("loop", [1, "two", null]), 1);
  assert.deepEqual((await got.next()).data, [1, "two", null]);
  assert.equal(hatchet.state, "connected");
});

test("refusals: a wrong key, binary data, a consumer key, and the sessions beside them keep working", async (t) => {
  const hatchet = hatchetFor(t);
  const good = hatchet.contributor(APP, CONTRIBUTOR_KEY);
  const wrong = hatchet.contributor(APP, "not-a-key");
  const consumerKey = hatchet.contributor(APP, CONSUMER_KEY);
  await assert.rejects(wrong.broadcast("from-js", 1), { code: "bad_key" });
  await assert.rejects(consumerKey.broadcast("from-js", 1), { code: "wrong_role" });
  await assert.rejects(good.broadcast("from-js", { bytes: new Uint8Array([1, 2]) }), { code: "bad_request" });
  await assert.rejects(good.broadcast("from-js"), { code: "bad_request" });
  await assert.rejects(good.send("from-js", 1), { code: "bad_request" });
  assert.equal(await good.broadcast("from-js", { ok: true }), 1);
  const { events } = await java("received", { count: 1 });
  assert.deepEqual(events[0].data, { ok: true });
});
