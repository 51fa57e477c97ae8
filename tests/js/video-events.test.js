"use strict";
/* One module parses what embedded players say (YouTube, Vimeo postMessage) for both listeners:
 * the player's progress (player-video.js) and the xAPI Video Profile sessions (xapi-video.js). */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { load, STATIC } = require("./lib.js");

const E = load("video-events.js");

test("YouTube info messages, as a string or an object, are one normalised event", () => {
  const raw = { event: "infoDelivery", info: { playerState: 1, currentTime: 4.2, duration: 134 } };
  const ev = E.parse("youtube", JSON.stringify(raw));
  assert.deepEqual(ev, { player: "youtube", event: "infoDelivery", ready: false, state: "playing", idle: false,
    time: 4.2, duration: 134, seekTo: undefined, progress: true });
  assert.deepEqual(E.parse("youtube", raw), ev);
  assert.equal(E.parse("youtube", { event: "initialDelivery", info: { duration: 60 } }).progress, false);
  assert.equal(E.parse("youtube", { event: "infoDelivery", info: { playerState: 0 } }).state, "ended");
  // unstarted (-1) and cued (5): a player that has not played yet (player-video.js resumes it)
  assert.equal(E.parse("youtube", { event: "initialDelivery", info: { playerState: -1, currentTime: 0 } }).idle, true);
  assert.equal(E.parse("youtube", { event: "infoDelivery", info: { playerState: 5 } }).idle, true);
  assert.equal(E.parse("youtube", { event: "infoDelivery", info: { playerState: 5 } }).state, undefined);
  assert.equal(E.parse("youtube", { event: "infoDelivery", info: { playerState: 2 } }).idle, false);
  assert.equal(E.parse("youtube", { event: "onReady" }), null);
  assert.equal(E.parse("youtube", "{not json"), null);
  assert.equal(E.parse("youtube", "42"), null);
});

test("Vimeo events: ready, play/pause/ended, seeked, timeupdate", () => {
  assert.equal(E.parse("vimeo", { event: "ready" }).ready, true);
  assert.equal(E.parse("vimeo", { event: "ready" }).idle, false);
  const t = E.parse("vimeo", JSON.stringify({ event: "timeupdate", data: { seconds: 12, duration: 60 } }));
  assert.deepEqual([t.state, t.time, t.duration, t.progress], [undefined, 12, 60, true]);
  assert.equal(E.parse("vimeo", { event: "pause", data: { seconds: 12, duration: 60 } }).state, "paused");
  assert.equal(E.parse("vimeo", { event: "pause", data: { seconds: 12 } }).progress, false);
  assert.equal(E.parse("vimeo", { event: "seeked", data: { seconds: 30 } }).seekTo, 30);
  assert.equal(E.parse("vimeo", { method: "getVolume" }), null);
});

test("watch: only the watched frame's messages, from its origin, reach the listener", () => {
  const listeners = [];
  const frame = { src: "https://player.vimeo.com/video/1?api=1", contentWindow: { posted: [], postMessage(m, o) { this.posted.push([m, o]); } } };
  const win = { location: { href: "https://lms.example/sco/index.html" }, addEventListener: (t, f) => listeners.push([t, f]) };
  const got = [];
  const handle = E.watch(win, frame, "vimeo", (ev) => got.push(ev.event));
  assert.equal(handle.origin, "https://player.vimeo.com");
  assert.deepEqual(listeners.map((l) => l[0]), ["message"]);
  const send = (source, origin, data) => listeners[0][1]({ source, origin, data });
  send(frame.contentWindow, "https://player.vimeo.com", '{"event":"ready"}');
  send({}, "https://player.vimeo.com", '{"event":"play"}');            // another frame
  send(frame.contentWindow, "https://evil.example", '{"event":"play"}'); // another origin
  send(frame.contentWindow, "https://player.vimeo.com", "not json");
  assert.deepEqual(got, ["ready"]);
  handle.post({ method: "pause" });
  assert.deepEqual(frame.contentWindow.posted, [['{"method":"pause"}', "https://player.vimeo.com"]]);
});

test("no other runtime file parses player messages", () => {
  const words = ["playerState", "data.info", "data.data", "JSON.parse(data)", "addEventListener(\"message\""];
  for (const name of fs.readdirSync(STATIC).filter((n) => n.endsWith(".js") && n !== "video-events.js")) {
    const text = fs.readFileSync(path.join(STATIC, name), "utf8");
    for (const w of words) assert.ok(!text.includes(w), name + " parses player messages itself (" + w + ")");
  }
});
