// The live page: a consumer that shows what it receives, and a contributor that publishes.
// Settings come from the address: ?app=demo&key=...&token=...&events=log,signup&alias=...&contributorKey=...
import { connect } from "/hatchet.js";

const settings = new URLSearchParams(location.search);
const app = settings.get("app") ?? "demo";
const credential = settings.get("token") ?? settings.get("key") ?? "I6mMbTSOq4rCdM";
const contributorKey = settings.get("contributorKey") ?? "iYkrswPZVIrUMv";
const MAX_ROWS = 500;

const $ = (id) => document.getElementById(id);
$("app").textContent = app;

const hatchet = connect(location.origin, { log: settings.has("log") });
// remember: a reload resumes this consumer where it was, with what it missed meanwhile.
const consumer = hatchet.consumer(app, credential, { remember: "page" });
const contributor = hatchet.contributor(app, contributorKey);
window.hatchetPage = { hatchet, consumer, contributor }; // for the console, and for tests

function showState(state) {
  $("state").textContent = state;
  $("state").className = `state ${state}`;
}
hatchet.on("state", showState);
consumer.on("state", (state) => { if (state === "failed") showState(state); });
consumer.on("error", (error) => note(`error ${error.code}: ${error.message}`));
consumer.on("recovered", (from, to) => note(`recovered events ${from + 1} … ${to}`));
consumer.on("gap", (last, seq) => note(`missed events ${last + 1} … ${seq}: the hub no longer had them`));

function row(className, ...parts) {
  const li = document.createElement("li");
  li.className = className;
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  li.append(time, ...parts);
  $("events").prepend(li);
  while ($("events").children.length > MAX_ROWS) $("events").lastChild.remove();
  return li;
}

function note(text) { row("note", text); }

function show(data, { event, seq }) {
  const li = row("event", `#${seq} ${event} ${JSON.stringify(data)}`);
  li.dataset.event = event;
  li.dataset.seq = seq;
  $("seq").textContent = seq;
}

function watch(event) {
  if ([...$("watching").children].some((li) => li.dataset.event === event)) return;
  consumer.watch(event, show).catch((error) => note(`cannot watch ${event}: ${error.message}`));
  const li = document.createElement("li");
  li.dataset.event = event;
  const stop = document.createElement("button");
  stop.textContent = "stop";
  stop.onclick = () => { consumer.unwatch(event); li.remove(); };
  li.append(event, stop);
  $("watching").append(li);
}

(settings.get("events") ?? "log,signup").split(",").filter(Boolean).forEach(watch);
if (settings.get("alias")) consumer.alias(settings.get("alias"));
consumer.ready().then(() => {
  $("consumer-id").textContent = consumer.id;
  note(`consumer ${consumer.id} ready${consumer.userId ? ` for user ${consumer.userId}` : ""}`);
}, (error) => note(`refused: ${error.code}: ${error.message}`));

$("watch-form").onsubmit = (e) => {
  e.preventDefault();
  watch($("watch-event").value.trim());
  $("watch-event").value = "";
};

$("publish-form").onsubmit = async (e) => {
  e.preventDefault();
  const event = $("publish-event").value.trim();
  const to = $("publish-to").value.split(",").map((s) => s.trim()).filter(Boolean);
  let data;
  try {
    data = JSON.parse($("publish-data").value);
  } catch {
    data = $("publish-data").value; // plain text is sent as a string
  }
  try {
    const routed = await (to.length ? contributor.send(event, data, to) : contributor.broadcast(event, data));
    $("publish-result").textContent = `routed to ${routed}`;
  } catch (error) {
    $("publish-result").textContent = `${error.code}: ${error.message}`;
  }
};
