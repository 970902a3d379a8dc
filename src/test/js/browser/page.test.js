// The live page (examples/browser), served by the hub, in Debian's headless chromium driven by
// playwright-core: it shows what a Java contributor sends, survives a hub-side disconnect and a
// reload, and publishes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { HUB_DIRECT_URL, WAIT, java } from "../driver.js";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

async function openBrowser(t) {
  assert.ok(existsSync(executablePath), `no chromium at ${executablePath}: mvn verify installs Debian's chromium`);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"], timeout: WAIT });
  t.after(() => browser.close());
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT);
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  return { page, errors };
}

/** What the page shows: the seq and text of each event row, oldest first. */
function rows(page) {
  return page.$$eval("li.event", (items) => items.reverse().map((li) => ({ seq: Number(li.dataset.seq), text: li.textContent })));
}

function connected(page) {
  return page.waitForFunction(() => window.hatchetPage?.hatchet.state === "connected"
    && window.hatchetPage.consumer.state === "connected"
    && document.querySelector("[data-testid=state]").textContent === "connected");
}

test("the live page shows a Java contributor's events, and survives a hub-side disconnect and a reload", async (t) => {
  const { page, errors } = await openBrowser(t);
  await page.goto(`${HUB_DIRECT_URL}/?events=log,signup&alias=frederick`);
  await connected(page);
  await page.waitForFunction(() => document.querySelector("[data-testid=consumer-id]").textContent.length === 22);
  const id = await page.textContent("[data-testid=consumer-id]");

  assert.equal((await java("broadcast", { event: "log", data: { line: 100, file: "ben.txt" } })).routed, 1);
  assert.equal((await java("send", { event: "signup", data: { firstName: "Frederick" }, to: ["frederick"] })).routed, 1);
  await page.waitForSelector('li.event[data-seq="2"]');
  let shown = await rows(page);
  assert.match(shown[0].text, /#1 log \{"line":100,"file":"ben.txt"\}/);
  assert.match(shown[1].text, /#2 signup \{"firstName":"Frederick"\}/);
  assert.match(shown[0].text, /^\d{1,2}:\d{2}:\d{2}/, "with its time");

  await page.evaluate(() => { window.states = []; window.hatchetPage.hatchet.on("state", (s) => window.states.push(s)); });
  await java("disconnectAll");
  await java("broadcast", { event: "log", data: { while: "away" } }); // routed to its window
  await page.waitForFunction(() => window.states.includes("disconnected"));
  await connected(page);
  await java("broadcast", { event: "log", data: { after: "back" } });
  await page.waitForSelector('li.event[data-seq="4"]');
  shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.seq), [1, 2, 3, 4], "nothing lost, nothing twice");
  assert.match(shown[2].text, /"while":"away"/);
  assert.equal(await page.textContent("[data-testid=consumer-id]"), id);

  // A reload resumes the remembered consumer: the same id, numbers going on.
  await page.reload();
  await connected(page);
  await page.waitForFunction((old) => document.querySelector("[data-testid=consumer-id]").textContent === old, id);
  await java("broadcast", { event: "log", data: { after: "reload" } });
  await page.waitForSelector('li.event[data-seq="5"]');

  // And it publishes, to a Java consumer.
  await page.fill("[data-testid=publish-event]", "from-js");
  await page.fill("[data-testid=publish-data]", '{"from": "the page"}');
  await page.click("[data-testid=publish]");
  await page.waitForFunction(() => document.querySelector("[data-testid=publish-result]").textContent === "routed to 1");
  const { events } = await java("received", { count: 1 });
  assert.deepEqual(events[0].data, { from: "the page" });
  assert.deepEqual(errors, []);
});

test("the hub serves hatchet.js and the socket.io client, so that a page needs no CDN", async () => {
  for (const [path, type] of [["/hatchet.js", "text/javascript"], ["/socket.io.esm.min.js", "text/javascript"], ["/socket.io.min.js", "text/javascript"]]) {
    const response = await fetch(HUB_DIRECT_URL + path, { headers: { origin: "http://page.example" } });
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get("content-type"), new RegExp(type));
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.ok((await response.text()).length > 1000);
    const again = await fetch(HUB_DIRECT_URL + path, { headers: { "if-none-match": response.headers.get("etag") } });
    assert.equal(again.status, 304, `${path} is revalidated, not sent again`);
    assert.equal(await again.text(), "");
  }
});
