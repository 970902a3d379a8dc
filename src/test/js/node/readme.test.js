// README.md's "From the browser", run as it is written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../hatchet.js";
import { HUB_URL, java } from "../driver.js";

test("the README's lines work as written", { timeout: 30_000 }, async (t) => {
  const url = HUB_URL;
  const lines = [];
  const console = { log: (...args) => lines.push(args), warn: (...args) => lines.push(args) };
  // README: From the browser
  const hatchet = connect(url); // a page: import { connect } from "http://127.0.0.1:7800/hatchet.js"
  const consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
  consumer.watch("log", (data, { seq }) => console.log("log", seq, data));
  consumer.alias("frederick");
  consumer.on("gap", (last, seq) => console.warn(`lost events ${last + 1} to ${seq}`));
  hatchet.on("state", (state) => console.log("connection", state));
  await consumer.ready();                              // authenticated, watching, aliased

  const contributor = hatchet.contributor("demo", "iYkrswPZVIrUMv");
  const routed = await contributor.broadcast("log", { line: 100, file: "ben.txt" });
  await contributor.send("signup", { firstName: "Frederick" }, "frederick");
  // README end
  t.after(() => hatchet.close());
  assert.equal(routed, 1);
  const fromJava = new Promise((resolve) => consumer.watch("log", (data) => data === "from java" && resolve()));
  await java("broadcast", { event: "log", data: "from java" });
  await fromJava;
  assert.deepEqual(lines.filter((l) => l[0] === "log").map((l) => l[2]), [{ line: 100, file: "ben.txt" }, "from java"]);
});
