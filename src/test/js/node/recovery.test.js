// Cut connections and a hub that sends everyone away: nothing lost, nothing twice, in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP, CONSUMER_KEY, CONTRIBUTOR_KEY, collector, hatchetFor, java, once } from "../driver.js";

const EVENTS = 300;

async function recoversFrom(t, fault) {
  const hatchet = hatchetFor(t);
  const consumer = hatchet.consumer(APP, CONSUMER_KEY);
  const got = collector();
  const gaps = [];
  const recovered = [];
  consumer.on("gap", (...args) => gaps.push(args));
  consumer.on("recovered", (...args) => recovered.push(args));
  consumer.watch("log", got.fn);
  await consumer.ready();
  const id = consumer.id;
  let faults = 0;
  for (let n = 0; n < EVENTS; n++) {
    if (n === 100 || n === 200) {
      if (!hatchet.isConnected()) await once(hatchet, "connected"); // back from the fault before
      const lost = once(hatchet, "disconnected");
      await java(fault);
      await lost; // the next events are routed while it is away, and wait in its window
      faults++;
    }
    await java("broadcast", { event: "log", data: { n } });
  }
  const all = await got.count(EVENTS);
  assert.deepEqual(all.map((e) => e.data.n), [...Array(EVENTS).keys()], "every event once, in order");
  assert.deepEqual(all.map((e) => e.seq), [...Array(EVENTS).keys()].map((n) => n + 1));
  assert.equal(faults, 2);
  assert.deepEqual(gaps, []);
  assert.ok(recovered.length >= 1, "told it recovered");
  assert.equal(consumer.id, id, "kept its id");
  assert.equal(hatchet.state, "connected");
}

test("a cut connection is recovered with nothing lost and nothing twice", (t) => recoversFrom(t, "cut"));

test("disconnectAll() is recovered with nothing lost and nothing twice", (t) => recoversFrom(t, "disconnectAll"));

test("publishes in flight when the connection is cut are routed once each", async (t) => {
  const hatchet = hatchetFor(t);
  const contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
  await contributor.broadcast("from-js", { n: -1 });
  const sends = [];
  for (let n = 0; n < 200; n++) {
    sends.push(contributor.broadcast("from-js", { n }));
    if (n === 60 || n === 130) await java("cut"); // with publishes in flight and queued
  }
  const routed = await Promise.all(sends);
  assert.ok(routed.every((r) => r === 1 || r === 0), JSON.stringify(routed));
  const { events, more } = await java("received", { count: 201 });
  assert.deepEqual(events.map((e) => e.data.n), [-1, ...Array(200).keys()]);
  assert.equal(more, 0, "nothing twice");
});

test("the state goes disconnected, reconnecting, connected; sessions say so too", async (t) => {
  const hatchet = hatchetFor(t);
  const consumer = hatchet.consumer(APP, CONSUMER_KEY);
  await consumer.ready();
  const states = [];
  const sessionStates = [];
  hatchet.on("state", (state) => states.push(state));
  consumer.on("state", (state) => sessionStates.push(state));
  const back = once(consumer, "state").then(() => once(consumer, "state")).then(() => once(consumer, "state"));
  await java("disconnectAll");
  await back;
  assert.deepEqual(states, ["disconnected", "reconnecting", "connected"]);
  assert.deepEqual(sessionStates, ["disconnected", "reconnecting", "connected"]);
  assert.ok(hatchet.isConnected());
});
