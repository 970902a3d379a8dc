// hatchet.js over long-polling only, with socket.io-client found by hatchet.js itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../hatchet.js";
import { APP, CONSUMER_KEY, CONTRIBUTOR_KEY, HUB_URL, WAIT, collector, java, once } from "../driver.js";

function pollingOnly(t) {
  const hatchet = connect(HUB_URL, { transports: ["polling"], ackTimeout: WAIT }); // no io: imported
  t.after(() => hatchet.close());
  return hatchet;
}

test("polling only: a consumer and a contributor on one connection, and a cut recovered", async (t) => {
  const hatchet = pollingOnly(t);
  const consumer = hatchet.consumer(APP, CONSUMER_KEY);
  const contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
  const got = collector();
  consumer.watch("log", got.fn);
  await consumer.ready();
  assert.equal(await contributor.broadcast("log", { n: 0 }), 1);
  await java("broadcast", { event: "log", data: { n: 1 } });
  assert.deepEqual((await got.count(2)).map((e) => e.data.n), [0, 1]);

  const lost = once(hatchet, "disconnected");
  await java("cut");
  await lost;
  await java("broadcast", { event: "log", data: { n: 2 } });
  assert.equal(await contributor.broadcast("log", { n: 3 }), 1);
  assert.deepEqual((await got.count(4)).map((e) => e.data.n), [0, 1, 2, 3]);
  assert.equal(await contributor.broadcast("from-js", "by polling"), 1);
  assert.equal((await java("received", { count: 1 })).events[0].data, "by polling");
});
