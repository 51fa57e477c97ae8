"use strict";
/* xapi-video.js: Video Profile sessions from player events [xAPI Video Profile 1.0 §2]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const V = load("xapi-video.js");
const X = load("xapi-client.js");

const EXT = "https://w3id.org/xapi/video/extensions/";

function session(length, threshold, before) {
  const sent = [];
  let n = 0;
  const s = V.createSession({
    length, threshold, before, duration: X.duration, newId: () => "sid-" + n++,
    send: (verb, opts) => sent.push(Object.assign({ verb }, opts))
  });
  return { s, sent, verbs: () => sent.map((x) => x.verb) };
}

const ext = (x, name) => x.result.extensions[EXT + name];

test("the union of played segments", () => {
  assert.equal(V.covered([]), 0);
  assert.equal(V.covered([[0, 10], [5, 15], [20, 25]]), 20);
  assert.equal(V.covered([[20, 25], [0, 10]]), 15);
});

test("watched through: initialized, played, paused, completed, terminated (the model's order)", () => {
  const { s, sent, verbs } = session(134);
  s.play(0);
  s.tick(60);
  s.pause(134);
  s.end(134);
  assert.deepEqual(verbs(), ["initialized", "played", "paused", "completed", "terminated"]);
  assert.equal(sent[0].id, "sid-0"); // the session id is the initialized statement's id
  assert.equal(sent[0].result, null);
  assert.deepEqual(sent[0].extensions, { [EXT + "session-id"]: "sid-0", [EXT + "length"]: 134 });
  assert.ok(sent.every((x) => x.extensions[EXT + "session-id"] === "sid-0"));
  assert.deepEqual(sent[1].result, { extensions: { [EXT + "time"]: 0 } });
  const watched = { [EXT + "time"]: 134, [EXT + "progress"]: 1, [EXT + "played-segments"]: "0[.]134" };
  assert.deepEqual(sent[2].result, { extensions: watched });
  assert.deepEqual(sent[3].result, { extensions: watched, completion: true, duration: "PT2M14S" });
  assert.deepEqual(sent[4].result, { extensions: watched });
});

test("seeks split segments; progress counts what was played, once", () => {
  const { s, sent, verbs } = session(100);
  s.play(0);
  s.seek(10.12345, 50);
  s.pause(60);
  s.play(5);
  s.pause(20);
  s.end(20);
  assert.deepEqual(verbs(), ["initialized", "played", "seeked", "paused", "played", "paused", "terminated"]);
  assert.deepEqual(sent[2].result.extensions, { [EXT + "time-from"]: 10.123, [EXT + "time-to"]: 50 });
  const last = sent[6];
  assert.equal(ext(last, "played-segments"), "0[.]10.123[,]50[.]60[,]5[.]20");
  assert.equal(ext(last, "progress"), 0.3); // 0-20 and 50-60 of 100
  assert.equal(ext(last, "time"), 20);
});

test("completion threshold: completed once, when reached (also mid-play), with the threshold in context", () => {
  const { s, sent, verbs } = session(100, 0.9);
  s.play(0);
  s.tick(50);
  s.tick(91);
  s.tick(95);
  s.pause(99);
  s.end(99);
  assert.deepEqual(verbs(), ["initialized", "played", "completed", "paused", "terminated"]);
  assert.ok(sent.every((x) => x.extensions[EXT + "completion-threshold"] === 0.9));
  assert.equal(ext(sent[2], "progress"), 0.91);
  assert.equal(sent[2].result.completion, true);
  assert.ok(sent.filter((x) => x.result && x.result.completion).length === 1);
});

test("ended without a pause (leaving the page while playing): paused, then terminated", () => {
  const { s, verbs } = session(30);
  s.play(3);
  s.end(12);
  assert.deepEqual(verbs(), ["initialized", "played", "paused", "terminated"]);
  s.play(12); // nothing after terminated
  s.end(12);
  assert.equal(verbs().length, 4);
});

test("a session that never played sends nothing", () => {
  const { s, verbs } = session(30);
  s.seek(0, 10);
  s.end(10);
  assert.deepEqual(verbs(), []);
});

test("embed messages: YouTube infoDelivery and Vimeo events", () => {
  assert.deepEqual(V.embedSample("youtube", { event: "infoDelivery", info: { playerState: 1, currentTime: 4.2, duration: 134 } }),
    { state: "playing", time: 4.2, duration: 134 });
  assert.deepEqual(V.embedSample("youtube", { event: "infoDelivery", info: { currentTime: 9 } }),
    { state: undefined, time: 9, duration: undefined });
  assert.equal(V.embedSample("youtube", { event: "onReady" }), null);
  assert.deepEqual(V.embedSample("vimeo", { event: "pause", data: { seconds: 12, duration: 60 } }),
    { state: "paused", time: 12, duration: 60 });
  assert.equal(V.embedSample("vimeo", { event: "seeked", data: { seconds: 30 } }).seekTo, 30);
  assert.equal(V.embedSample("vimeo", { event: "ready" }), null);
});

test("an embed's stream of times: play, a jump is a seek, pause, ended", () => {
  const { s, verbs, sent } = session(60);
  let clock = 0;
  const observe = V.createObserver(() => s, () => clock);
  observe({ state: "playing", time: 0, duration: 60 });
  clock += 1000;
  observe({ time: 1 });
  clock += 1000;
  observe({ time: 40 }); // 39 s ahead in 1 s of clock: a seek
  clock += 1000;
  observe({ state: "paused", time: 41 });
  observe({ state: "playing", time: 41 });
  clock += 19000;
  observe({ state: "ended", time: 60 });
  s.end(60);
  assert.deepEqual(verbs(), ["initialized", "played", "seeked", "paused", "played", "paused", "terminated"]);
  assert.equal(ext(sent[2], "time-from"), 1);
  assert.equal(ext(sent[2], "time-to"), 40);
  assert.equal(ext(sent[6], "played-segments"), "0[.]1[,]40[.]41[,]41[.]60");
});

test("an embed that says ended with no time on the way (dragged to the end): a seek there, not 5-100 s played", () => {
  const { s, sent } = session(100);
  let clock = 0;
  const observe = V.createObserver(() => s, () => clock);
  observe({ state: "playing", time: 0, duration: 100 });
  for (let t = 1; t <= 5; t++) {
    clock += 1000;
    observe({ time: t });
  }
  clock += 500;
  observe({ state: "ended", time: 100 });
  s.end(100);
  const verbs = sent.map((x) => x.verb);
  assert.deepEqual(verbs, ["initialized", "played", "seeked", "paused", "terminated"]);
  assert.equal(ext(sent[4], "played-segments"), "0[.]5");
  assert.equal(ext(sent[4], "progress"), 0.05);
  // played to the end in as long as it lasts: the whole of it
  const whole = session(100);
  clock = 0;
  const watch = V.createObserver(() => whole.s, () => clock);
  watch({ state: "playing", time: 0, duration: 100 });
  clock += 100000;
  watch({ state: "ended", time: 100 });
  whole.s.end(100);
  assert.equal(ext(whole.sent[whole.sent.length - 1], "played-segments"), "0[.]100");
});

test("an embed played again after its session was terminated (its page left) starts a new session", () => {
  const made = [];
  let clock = 0;
  const observe = V.createObserver(() => {
    made.push(session(60));
    return made[made.length - 1].s;
  }, () => clock);
  observe({ state: "playing", time: 0, duration: 60 });
  clock += 5000; // played 5 s (a time 5 s on in no time would be a seek)
  observe({ state: "paused", time: 5 });
  made[0].s.end(5); // the learner went to another page
  observe({ state: "playing", time: 5 });
  assert.equal(made.length, 2);
  assert.deepEqual(made[0].verbs(), ["initialized", "played", "paused", "terminated"]);
  assert.deepEqual(made[1].verbs(), ["initialized", "played"]);
});

test("earlier sessions' parts count: progress and played-segments cover them, completed is not sent again", () => {
  // 0-6 s of a 10 s clip watched before; this session plays 6-10 s: complete, as the course counts it
  const { s, sent, verbs } = session(10, 0.9, [[0, 6]]);
  s.play(6);
  s.pause(10);
  s.end(10);
  assert.deepEqual(verbs(), ["initialized", "played", "paused", "completed", "terminated"]);
  assert.equal(ext(sent[2], "progress"), 1);
  assert.equal(ext(sent[2], "played-segments"), "0[.]6[,]6[.]10");
  // a video completed in an earlier session: no second completed
  const again = session(10, 0.9, [[0, 10]]);
  again.s.play(2);
  again.s.pause(4);
  again.s.end(4);
  assert.deepEqual(again.verbs(), ["initialized", "played", "paused", "terminated"]);
  assert.equal(ext(again.sent[2], "progress"), 1);
});

test("a video the course moves to where the learner left it (Vimeo, at its first play): the session plays from there, no seek", () => {
  // 0-62 s watched before: the parts played through (player-video.js), not 0-63 s as when a part
  // begun counted
  const { s, verbs, sent } = session(100, 1, [[0, 62]]);
  let clock = 0;
  const observe = V.createObserver(() => s, () => clock);
  observe({ state: "playing", time: 0, duration: 100, from: 62 }); // the player's play, at 0
  clock += 250;
  observe({ time: 0.25 }); // before the move lands
  observe({ time: 62.1 }); // there, said before its seeked
  observe({ time: 62, seekTo: 62 }); // Vimeo's seeked there: the course's, not the learner's
  for (let t = 63; t <= 80; t++) {
    clock += 1000;
    observe({ time: t });
  }
  observe({ time: 90, seekTo: 90 }); // the learner's own jump: a seek
  clock += 1000;
  observe({ state: "paused", time: 91 });
  s.end(91);
  assert.deepEqual(verbs(), ["initialized", "played", "seeked", "paused", "terminated"]);
  assert.equal(ext(sent[1], "time"), 62);
  assert.equal(ext(sent[2], "time-from"), 80);
  assert.equal(ext(sent[4], "played-segments"), "0[.]62[,]62[.]80[,]90[.]91");
});
