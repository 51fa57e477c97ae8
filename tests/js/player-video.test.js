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
  // a part counts once played through, not once begun (as counted() for a file): the figures
  // below were one part more per run while a part begun counted
  const seen = { buckets: none(), last: null };
  assert.equal(PV.watched(seen, yt({ idle: true, time: 0, duration: 100 }), 100), null); // unstarted
  assert.equal(PV.watched(seen, yt({ idle: true }), 100), null); // cued (5): its time comes apart
  assert.equal(PV.watched(seen, yt({ time: 0 }), 100), null);
  assert.equal(PV.watched(seen, yt({ state: "playing", time: 0 }), 100), 0); // 0-1 s begun
  assert.equal(PV.watched(seen, yt({ time: 1 }), 100), 1); // a time alone while it plays: play
  assert.equal(PV.watched(seen, yt({ state: "paused", time: 1.5 }), 100), 1); // played up to its pause
  assert.equal(PV.watched(seen, yt({ time: 50 }), 100), null); // moved while paused: not watched
  assert.equal(PV.watched(seen, vimeo("timeupdate", 50, 100), 100), null);
  assert.equal(PV.watched(seen, vimeo("play", 50, 100), 100), null); // Vimeo's play: no progress report
  assert.equal(PV.watched(seen, vimeo("timeupdate", 51, 100), 100), 2);
  assert.equal(PV.watched(seen, yt({ state: "ended", time: 52 }), 100), 3); // to where it ended
  assert.deepEqual(seen.buckets.slice(0, 3), [1, 0, 0]);
  assert.deepEqual(PV.segments(seen.buckets, 100), [[0, 1], [50, 52]]);
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

/* The reports of an embed playing `from` to `to` s: Vimeo says play, then its time every quarter
 * second; YouTube its state with its time, every second. -> the events, in order. */
function reports(provider, from, to) {
  const out = [];
  if (provider === "vimeo") {
    out.push(vimeo("play", from, 100));
    for (let t = from; t <= to; t += 0.25) out.push(vimeo("timeupdate", t, 100));
  } else {
    for (let t = from; t <= to; t++) out.push(yt({ state: "playing", time: t }));
  }
  return out;
}

const play = (seen, events) => events.map((ev) => PV.watched(seen, ev, 100)).filter((n) => n !== null).pop();

test("an embed counts a 1 % part once played through, as a file does: 0-62 s of 100 s is 62 %", () => {
  assert.equal(PV.counted(none(), [[0, 62]], 100), 62); // a <video> file played 0-62 s
  ["youtube", "vimeo"].forEach((provider) => {
    const seen = { buckets: none(), last: null, playing: false };
    const paused = provider === "vimeo" ? vimeo("pause", 62, 100) : yt({ state: "paused", time: 62 });
    assert.equal(play(seen, reports(provider, 0, 62).concat([paused])), 62, provider); // part 62 only begun
    assert.deepEqual(PV.segments(seen.buckets, 100), [[0, 62]], provider);
    assert.equal(play(seen, reports(provider, 62, 62.5)), 62, provider); // resumed: still begun only
    assert.equal(play(seen, reports(provider, 63, 63)), 63, provider); // now played through
  });
});

test("an embed played to its end: the last part counts when the player says it ended", () => {
  const seen = { buckets: none(), last: null, playing: false };
  assert.equal(play(seen, reports("vimeo", 95, 99.75)), 4); // 99-100 s begun: not yet
  assert.equal(PV.watched(seen, vimeo("ended", 100, 100), 100), 5); // Vimeo's ended: at its end
  const tube = { buckets: none(), last: null, playing: false };
  assert.equal(play(tube, reports("youtube", 95, 99)), 4);
  // its ended within half a second of the end (a last frame) is the end, as for a file
  assert.equal(PV.watched(tube, yt({ state: "ended", time: 99.6 }), 100), 5);
  const early = { buckets: none(), last: null, playing: false };
  assert.equal(play(early, reports("youtube", 0, 2)), 2);
  assert.equal(PV.watched(early, yt({ state: "ended", time: 2.5 }), 100), 2); // not near the end: where it is
  const over = { buckets: none(), last: null, playing: false }; // a player longer than the course says
  assert.equal(play(over, reports("youtube", 98, 102)), 2);
  assert.equal(over.buckets.length, 100);
});

test("an embed whose first report comes just after its beginning counts it from 0; a seek starts a new run", () => {
  const seen = { buckets: none(), last: null, playing: false };
  assert.equal(PV.watched(seen, yt({ state: "playing", time: 0.08 }), 100), 0); // its first frames, said late
  assert.equal(PV.watched(seen, yt({ time: 1.08 }), 100), 1);
  assert.equal(PV.watched(seen, yt({ time: 40.5 }), 100), 1); // a seek while playing: 40-40.5 s begun
  assert.equal(PV.watched(seen, yt({ time: 41.5 }), 100), 1); // 40.5-41.5 s: no part whole
  assert.equal(PV.watched(seen, yt({ time: 42.5 }), 100), 2); // 41-42 s
});

test("the xAPI Video Profile's progress and played-segments say what the course counts", () => {
  const V = load("xapi-video.js");
  const X = load("xapi-client.js");
  const EXT = "https://w3id.org/xapi/video/extensions/";
  const parts = none();
  const sent = [];
  let clock = 0;
  function launch(provider, from, to) { // one session: the learner plays from-to s, pauses
    const seen = { buckets: parts, last: null, playing: false };
    const observe = V.createObserver(() => V.createSession({
      length: 100, threshold: 1, before: PV.segments(parts, 100), duration: X.duration,
      newId: () => "sid", send: (verb, opts) => sent.push(Object.assign({ verb }, opts))
    }), () => clock);
    const paused = provider === "vimeo" ? vimeo("pause", to, 100) : yt({ state: "paused", time: to });
    let n = null;
    reports(provider, from, to).concat([paused]).forEach((ev) => {
      clock += provider === "vimeo" ? 250 : 1000;
      observe(V.sample(ev)); // xapi-video.js hears a report first (the page's order)
      const m = PV.watched(seen, ev, 100);
      if (m !== null) n = m;
    });
    const last = sent[sent.length - 1].result.extensions;
    return [n, Math.round(100 * last[EXT + "progress"]), last[EXT + "played-segments"]];
  }
  assert.deepEqual(launch("youtube", 0, 62), [62, 62, "0[.]62"]);
  assert.deepEqual(launch("vimeo", 62, 80), [80, 80, "0[.]62[,]62[.]80"]);
});

/* The same run of play, as a <video> file's played ranges and as an embed's reports (`clock`:
 * the milliseconds each report comes after the last): the parts watched are the Video Profile's
 * played-segments, what was played [xAPI Video Profile 1.0 §2.5.4.1], for both alike. */
function embedRun(events) {
  const seen = { buckets: none(), last: null, playing: false };
  let now = 0, n = null;
  events.forEach(([ev, clock]) => {
    now += clock;
    const m = PV.watched(seen, ev, 100, now);
    if (m !== null) n = m;
  });
  return [n, PV.segments(seen.buckets, 100)];
}
const fileRun = (ranges) => { const parts = none(); PV.counted(parts, ranges, 100); return [parts.reduce((a, b) => a + b, 0), PV.segments(parts, 100)]; };
const tube = (state, time, clock) => [yt({ state, time }), clock === undefined ? 1000 : clock];
const playing = (from, to, step) => { const out = []; for (let t = from; t <= to; t += step || 1) out.push(tube("playing", t)); return out; };

test("a file and an embed count the same run alike: play 0-30 s, seek to 60 s, play to 90 s", () => {
  const file = fileRun([[0, 30], [60, 90]]);
  assert.deepEqual(file, [60, [[0, 30], [60, 90]]]);
  // seeked while playing, and while paused (its time said paused, then played from there)
  assert.deepEqual(embedRun(playing(0, 30).concat(playing(60, 90), [tube("paused", 90)])), file);
  assert.deepEqual(embedRun(playing(0, 30).concat([tube("paused", 30), tube("paused", 60, 5000)], playing(60, 90),
    [tube("paused", 90)])), file);
  const vim = (event, t, clock) => [vimeo(event, t, 100), clock === undefined ? 250 : clock];
  const quarter = (from, to) => { const out = []; for (let t = from; t <= to; t += 0.25) out.push(vim("timeupdate", t)); return out; };
  assert.deepEqual(embedRun([vim("play", 0)].concat(quarter(0, 30), [vim("seeked", 60)], quarter(60, 90), [vim("pause", 90)])), file);
});

test("a seek shorter than 3 s is a seek, as for a file: 0-30 s, then 32-40 s is 38 %, not 40", () => {
  const file = fileRun([[0, 30], [32, 40]]);
  assert.deepEqual(file, [38, [[0, 30], [32, 40]]]);
  // moved while paused: the play starts again elsewhere
  assert.deepEqual(embedRun(playing(0, 30).concat([tube("paused", 30), tube("playing", 32, 4000)], playing(33, 40),
    [tube("paused", 40)])), file);
  // moved while playing: 2 s further in a second of the clock (what xapi-video.js calls a seek)
  assert.deepEqual(embedRun(playing(0, 30).concat([tube("playing", 32, 250)], playing(33, 40), [tube("paused", 40)])), file);
  // a pause and a play from where it stopped, mid-part: one run, as a file's played range
  assert.deepEqual(embedRun(playing(0, 30).concat([tube("paused", 30.4), tube("playing", 30.4, 9000)], playing(31.4, 35.4),
    [tube("paused", 35.4)])), fileRun([[0, 35.4]]));
  // ... and its first time said a little after where it paused (a report, not a move)
  assert.deepEqual(embedRun(playing(0, 30).concat([tube("paused", 30.4), tube("playing", 30.7, 9000)], playing(31.7, 35.7),
    [tube("paused", 35.7)])), fileRun([[0, 35.7]]));
  // a player that said it plays before its length was known: its first run starts with its length
  const early = { buckets: none(), playing: false };
  assert.equal(PV.watched(early, yt({ state: "playing", time: 0 }), 0, 0), null);
  assert.equal(PV.watched(early, yt({ time: 1 }), 100, 1000), 0);
  assert.equal(PV.watched(early, yt({ time: 2 }), 100, 2000), 1);
  // reports a background tab sends late (a minute apart) are still continuous play
  assert.deepEqual(embedRun([tube("playing", 0), tube("playing", 60, 60000), tube("paused", 61)]), fileRun([[0, 61]]));
});

test("ended with no report of its time while it played (dragged to the end, or states only): the last part", () => {
  // a <video> file dragged to its end: its last part, once it ended
  const v = { duration: 100, ended: true, played: { length: 2, start: (k) => [0, 99.8][k], end: (k) => [5, 99.95][k] } };
  assert.deepEqual(PV.played(v), [[0, 5], [99.8, 100], [99, 100]]);
  assert.deepEqual(fileRun(PV.played(v)), [6, [[0, 5], [99, 100]]]);
  // YouTube: played at 0, the learner drags to the end, it says ended there: the same
  assert.deepEqual(embedRun(playing(0, 5).concat([tube("ended", 100, 500)])), fileRun(PV.played(v)));
  // a player that says its states only: playing at 0, ended at 100 a second later
  assert.deepEqual(embedRun([tube("playing", 0), tube("ended", 100, 1000)]), [1, [[99, 100]]]);
  // ... and when it did play the whole video, its clock says so
  assert.deepEqual(embedRun([tube("playing", 0), tube("ended", 100, 100000)]), [100, [[0, 100]]]);
  // a file that did not end keeps what it played
  assert.deepEqual(PV.played({ duration: 100, ended: false, played: { length: 1, start: () => 0, end: () => 30 } }), [[0, 30]]);
});
