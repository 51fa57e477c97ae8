"use strict";
/* player-video.js: how much of a video counts as watched, and what the resume state keeps of it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const PV = load("player-video.js");

const none = () => PV.kept("").parts;

test("only what was played counts: the last half second of a 10 s clip is 5 %", () => {
  const parts = none();
  assert.equal(PV.counted(parts, [[9.5, 10]], 10), 5);
  assert.deepEqual(PV.segments(parts, 10), [[9.5, 10]]);
  assert.equal(PV.counted(none(), [[0, 6.15]], 10), 61); // a part begun is not a part watched
});

test("what earlier sessions watched counts with this session's ranges, a seam of a frame included", () => {
  const parts = none();
  assert.equal(PV.counted(parts, [[0, 6.2]], 10), 62);
  const entry = PV.keep(620, parts);
  assert.equal(entry, "h8" + "fffffffffffffff3" + "000000000");
  const was = PV.kept(entry);
  assert.equal(was.at, 620);
  assert.deepEqual(was.parts, parts);
  assert.equal(PV.counted(was.parts, [[6.2004, 10]], 10), 100); // resumed where it was left
  assert.equal(PV.counted(PV.kept(entry).parts, [[7, 10]], 10), 92); // skipped 6.2-7 s
});

test("the parts watched as segments, and a damaged entry as nothing", () => {
  const parts = none();
  [0, 1, 2, 50, 99].forEach((b) => { parts[b] = 1; });
  assert.deepEqual(PV.segments(parts, 200), [[0, 6], [100, 102], [198, 200]]);
  assert.deepEqual(PV.kept("h8"), { at: 0, parts: none() });
});

/* An embedded player's resume: YouTube's IFrame API cues the video from a start time without
 * playing it (cueVideoById; seekTo would play a cued video); Vimeo's setCurrentTime starts a video
 * that has not played, so it is moved when the learner starts it from its beginning. */
const yt = (info) => ({ player: "youtube", event: "infoDelivery", ready: false, state: info.state,
  idle: !!info.idle, time: info.time, duration: info.duration, progress: typeof info.time === "number" });
const vimeo = (event, seconds, duration) => ({ player: "vimeo", event, ready: event === "ready",
  state: { play: "playing", pause: "paused", ended: "ended" }[event], idle: false, time: seconds, duration,
  progress: event === "timeupdate" });

test("YouTube: an unstarted player is cued where the learner left it, once", () => {
  const resume = PV.resumer("youtube", 620, "dQw4w9WgXcQ");
  assert.deepEqual(resume(yt({ idle: true, time: 0, duration: 200 }), 200),
    { event: "command", func: "cueVideoById", args: [{ videoId: "dQw4w9WgXcQ", startSeconds: 124 }] });
  assert.equal(resume(yt({ idle: true, time: 124 }), 200), null); // its "cued" report: not again
  assert.equal(resume(yt({ state: "playing", time: 124 }), 200), null);
});

test("YouTube: never moved once the learner started it, nor before the first 1 %", () => {
  const playing = PV.resumer("youtube", 620, "dQw4w9WgXcQ");
  assert.equal(playing(yt({ state: "playing", time: 5 }), 200), null);
  assert.equal(playing(yt({ idle: true, time: 0 }), 200), null); // stopped later: still the learner's
  const begun = PV.resumer("youtube", 620, "dQw4w9WgXcQ");
  assert.equal(begun(yt({ idle: true, time: 30 }), 200), null); // already away from the start
  assert.equal(PV.resumer("youtube", 9, "dQw4w9WgXcQ")(yt({ idle: true, time: 0 }), 200), null);
  assert.equal(PV.resumer("youtube", 620, null)(yt({ idle: true, time: 0 }), 200), null); // no id
  const later = PV.resumer("youtube", 620, "dQw4w9WgXcQ");
  assert.equal(later(yt({ idle: true, time: 0 }), undefined), null); // no length yet: waits
  assert.equal(later(yt({ idle: true, time: 0, duration: 100 }), 100).args[0].startSeconds, 62);
});

test("Vimeo: moved at the learner's first play from the beginning, never later", () => {
  const resume = PV.resumer("vimeo", 620);
  assert.equal(resume(vimeo("ready"), 60), null);
  assert.equal(resume(vimeo("timeupdate", 0, 60), 60), null);
  assert.deepEqual(resume(vimeo("play", 0, 60), 60), { method: "setCurrentTime", value: 37.2 });
  assert.equal(resume(vimeo("pause", 40, 60), 60), null);
  assert.equal(resume(vimeo("play", 0, 60), 60), null); // the learner went back to 0: theirs
  const moved = PV.resumer("vimeo", 620);
  assert.equal(moved(vimeo("play", 20, 60), 60), null); // started elsewhere by the learner
  assert.equal(moved(vimeo("play", 0, 60), 60), null);
});

test("an embed's reports count as watched only while it plays: a cued time reported apart is no play", () => {
  const seen = { buckets: none(), last: null };
  assert.equal(PV.watched(seen, yt({ idle: true, time: 0, duration: 100 }), 100), null); // unstarted
  assert.equal(PV.watched(seen, yt({ idle: true }), 100), null); // cued (5): its time comes apart
  assert.equal(PV.watched(seen, yt({ time: 0 }), 100), null);
  assert.equal(PV.watched(seen, yt({ state: "playing", time: 0 }), 100), 1);
  assert.equal(PV.watched(seen, yt({ time: 1 }), 100), 2); // a time alone while it plays: play
  assert.equal(PV.watched(seen, yt({ state: "paused", time: 1.5 }), 100), 2); // played up to its pause
  assert.equal(PV.watched(seen, yt({ time: 50 }), 100), null); // moved while paused: not watched
  assert.equal(PV.watched(seen, vimeo("timeupdate", 50, 100), 100), null);
  assert.equal(PV.watched(seen, vimeo("play", 50, 100), 100), null); // Vimeo's play: no progress report
  assert.equal(PV.watched(seen, vimeo("timeupdate", 51, 100), 100), 4);
  assert.equal(PV.watched(seen, yt({ state: "ended", time: 53 }), 100), 6); // to its end
  assert.deepEqual(seen.buckets.slice(0, 3), [1, 1, 0]);
});

test("where the course will move a video, asked without moving it (xapi-video.js hears the event first)", () => {
  const resume = PV.resumer("vimeo", 620);
  assert.deepEqual(resume(vimeo("play", 0, 60), 60, true), { method: "setCurrentTime", value: 37.2 });
  assert.deepEqual(resume(vimeo("play", 0, 60), 60), { method: "setCurrentTime", value: 37.2 });
  assert.equal(resume(vimeo("play", 0, 60), 60, true), null); // moved once: never again
  const cue = PV.resumer("youtube", 620, "dQw4w9WgXcQ");
  assert.equal(cue(yt({ idle: true, time: 0, duration: 200 }), 200, true).args[0].startSeconds, 124);
  assert.equal(cue(yt({ idle: true, time: 0, duration: 200 }), 200).args[0].startSeconds, 124);
});
