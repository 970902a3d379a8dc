// What the JS tests share: the Java side (JsDriver, through its control server), and waiting for
// events without sleeping.
import { io } from "socket.io-client";
import { connect } from "../hatchet.js";

export const APP = process.env.HATCHET_APP;
export const CONSUMER_KEY = process.env.CONSUMER_KEY;
export const CONTRIBUTOR_KEY = process.env.CONTRIBUTOR_KEY;
export const HUB_URL = process.env.HUB_URL; // through the driver's fault proxy
export const HUB_DIRECT_URL = process.env.HUB_DIRECT_URL;
export const WAIT = 20_000;

if (!APP || !HUB_URL || !process.env.CONTROL_URL) {
  throw new Error("run by JsClientTest, which starts the hub and says where it is (HUB_URL, CONTROL_URL)");
}

/** Makes the Java side act: broadcast, send, room, join, token, cut, disconnectAll, received. */
export async function java(action, body = {}) {
  const response = await fetch(`${process.env.CONTROL_URL}/${action}`, { method: "POST", body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`java ${action}: ${answer.error}`);
  return answer;
}

/** A connection to the hub through the fault proxy, closed after the test. */
export function hatchetFor(t, options = {}) {
  const hatchet = connect(options.url ?? HUB_URL, { io, ackTimeout: WAIT, ...options });
  t.after(() => hatchet.close());
  return hatchet;
}

/**
 * Collects what a callback receives: fn is the callback; next() and count(n) are settled when
 * that much has come, or rejected after WAIT.
 */
export function collector(name = "events") {
  const items = [];
  const waiting = [];
  let taken = 0;
  const check = () => {
    for (const w of [...waiting]) {
      if (items.length >= w.n) { waiting.splice(waiting.indexOf(w), 1); clearTimeout(w.timer); w.resolve(items.slice(0, w.n)); }
    }
  };
  return {
    items,
    fn: (data, meta) => { items.push({ data, ...meta }); check(); },
    count(n, timeout = WAIT) {
      return new Promise((resolve, reject) => {
        const w = { n, resolve };
        w.timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(w), 1);
          reject(new Error(`${name}: ${items.length} of ${n} within ${timeout} ms: ${JSON.stringify(items.slice(-5))}`));
        }, timeout);
        waiting.push(w);
        check();
      });
    },
    /** The first item not yet taken by next(). */
    async next() { return (await this.count(++taken)).at(-1); },
  };
}

/** Settled with the arguments of the first emit of event by emitter (a hatchet or a session). */
export function once(emitter, event, timeout = WAIT) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeout} ms`)), timeout);
    const fn = (...args) => { clearTimeout(timer); emitter.off(event, fn); resolve(args); };
    emitter.on(event, fn);
  });
}

