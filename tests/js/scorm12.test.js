"use strict";
/* The SCORM 1.2 adapter against a recording fake API [SCORM 1.2 RTE §3.3-3.4]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, fakeAPI, sets } = require("./lib.js");
const A = load("adapter-scorm12.js");
const T = load("tracking.js");
const F = load("formats.js");

function win(props) {
  const w = Object.assign({}, props);
  if (!("parent" in w)) w.parent = w;
  return w;
}

/* A window whose every property access throws, like a cross-origin frame. */
function crossOrigin(parent) {
  return new Proxy({}, {
    get(t, k) {
      if (k === "parent") return parent;
      throw new Error("SecurityError: Blocked a frame with origin");
    }
  });
}

test("API discovery: self, parents (even past 7 hops), cross-origin frames, opener", () => {
  const api = fakeAPI();
  assert.equal(A.findAPI(win({ API: api })), api);
  let top = win({ API: api });
  let w = top;
  for (let i = 0; i < 12; i++) w = win({ parent: w });
  assert.equal(A.findAPI(w), api);
  assert.equal(A.findAPI(win({ parent: crossOrigin(win({ API: api })) })), api);
  const popup = win({ opener: win({ parent: win({ API: api }) }) });
  assert.equal(A.findAPI(popup), api);
  const popupTop = win({});
  const child = win({ parent: popupTop, top: popupTop });
  popupTop.opener = win({ API: api });
  assert.equal(A.findAPI(child), api);
  assert.equal(A.findAPI(win({ API: { notAnAPI: true } })), null);
  assert.equal(A.findAPI(win({})), null);
  const loop = {};
  loop.parent = { parent: loop };
  assert.equal(A.findAPI(loop), null); // a cycle ends at the hop cap
  assert.equal(A.findAPI(crossOrigin(null)), null);
});

test("LMSInitialize once, with \"\", compared with === \"true\"; reads the resume elements", () => {
  const api = fakeAPI({ data: { "cmi.core.entry": "resume", "cmi.suspend_data": "1|x", "cmi.core.lesson_location": "intro" }, unsupported: ["cmi.student_preference"] });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  const info = ad.init();
  assert.deepEqual(api.calls[0], ["LMSInitialize", ""]);
  assert.equal(info.ok, true);
  assert.equal(info.entry, "resume");
  assert.equal(info.suspendData, "1|x");
  assert.equal(info.location, "intro");
  assert.equal(info.language, "");
  assert.deepEqual(logs, [], "an optional element answering 401 is not an error");
  assert.equal(ad.init().ok, false);
  assert.equal(api.calls.filter((c) => c[0] === "LMSInitialize").length, 1);
});

test("a refused LMSInitialize: no other call, ever", () => {
  const api = fakeAPI({ initialize: "false" });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  assert.equal(ad.init().ok, false);
  ad.setResult({ completion: "incomplete", success: "unknown", score: null });
  ad.commit();
  ad.finish();
  assert.deepEqual(api.calls.map((c) => c[0]), ["LMSInitialize", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]);
  assert.match(logs[0], /LMSInitialize failed: error 101/);
  const truthy = fakeAPI({ initialize: "false " });
  assert.equal(A.create(truthy, { log: () => {} }).init().ok, false);
});

test("values are validated before they reach the LMS", () => {
  const api = fakeAPI();
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m), suspendDataLimit: 10 });
  ad.init();
  const n = api.calls.length;
  assert.equal(ad.setResult({ completion: "done", success: "unknown", score: null }), false);
  assert.equal(ad.setResult({ completion: "completed", success: "passed", score: "abc", done: true }), false);
  ad.setBookmark("x".repeat(256), "y".repeat(11));
  assert.equal(sets(api).filter((x) => x[0] !== "cmi.core.lesson_status").length, 0, "nothing invalid was sent");
  assert.equal(logs.length, 4);
  ad.setResult({ completion: "incomplete", success: "failed", score: 150, done: true });
  assert.deepEqual(sets(api).slice(-4), [["cmi.core.score.raw", "100"], ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"], ["cmi.core.lesson_status", "failed"]], "clamped to 100, score before status");
  ad.setSessionTime(59996);
  assert.deepEqual(sets(api).pop(), ["cmi.core.session_time", "0000:01:00.00"]);
  ad.setExit(false);
  assert.deepEqual(sets(api).pop(), ["cmi.core.exit", "suspend"]);
  ad.setExit(true);
  assert.deepEqual(sets(api).pop(), ["cmi.core.exit", ""]);
});

test("interactions: n = _count, id first, 1.2 formats, result correct/wrong", () => {
  const api = fakeAPI();
  const ad = A.create(api, { log: () => {} });
  ad.init();
  const when = new Date(2024, 4, 6, 14, 3, 9);
  ad.recordInteraction({ id: "final-dos", type: "multiple", response: ["a", "c"], patterns: [["a", "b"]], correct: false, latencyMs: 12340, time: when, weighting: 1 });
  ad.recordInteraction({ id: "final fill.in", type: "fill-in", response: "Hashtag", patterns: ["hashtag", "#hashtag"], correct: true, latencyMs: 500, time: when });
  ad.recordInteraction({ id: "m", type: "matching", response: [["1", "a"]], patterns: [[["1", "a"], ["2", "b"]]], correct: false, latencyMs: 0, time: when });
  ad.recordInteraction({ id: "tf", type: "true-false", response: true, patterns: [true], correct: true, latencyMs: 0, time: when });
  ad.recordInteraction({ id: "n", type: "numeric", response: 94, patterns: [], correct: true, latencyMs: 0, time: when });
  const s = sets(api);
  assert.deepEqual(s.slice(0, 8), [
    ["cmi.interactions.0.id", "final-dos"],
    ["cmi.interactions.0.type", "choice"],
    ["cmi.interactions.0.time", "14:03:09"],
    ["cmi.interactions.0.weighting", "1"],
    ["cmi.interactions.0.student_response", "a,c"],
    ["cmi.interactions.0.correct_responses.0.pattern", "a,b"],
    ["cmi.interactions.0.result", "wrong"],
    ["cmi.interactions.0.latency", "0000:00:12.34"]
  ]);
  assert.deepEqual(s[8], ["cmi.interactions.1.id", "final_fill_in"]);
  assert.deepEqual(s.filter((x) => /^cmi\.interactions\.1\.correct_responses/.test(x[0])).map((x) => x[1]), ["hashtag", "#hashtag"]);
  assert.ok(s.some((x) => x[0] === "cmi.interactions.1.result" && x[1] === "correct"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.2.student_response" && x[1] === "1.a"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.2.correct_responses.0.pattern" && x[1] === "1.a,2.b"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.3.student_response" && x[1] === "t"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.4.student_response" && x[1] === "94"));
  assert.ok(!s.some((x) => /^cmi\.interactions\.4\.correct_responses/.test(x[0])));
  // every index n is the _count read just before its id
  const gets = api.calls.filter((c) => c[0] === "LMSGetValue" && c[1] === "cmi.interactions._count").length;
  assert.equal(gets, 5);
  s.filter((x) => /\.id$/.test(x[0])).forEach((x, i) => assert.equal(x[0], "cmi.interactions." + i + ".id"));
});

test("an LMS without interactions (401): logged once, then left alone", () => {
  const api = fakeAPI({ unsupported: ["cmi.interactions"] });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  ad.init();
  const it = { id: "q", type: "true-false", response: true, patterns: [true], correct: true, latencyMs: 0, time: new Date() };
  assert.equal(ad.recordInteraction(it), null); // nothing to record again later
  assert.equal(ad.recordInteraction(it), null);
  assert.equal(logs.length, 1);
  assert.equal(api.calls.filter((c) => c[0] === "LMSGetValue" && c[1] === "cmi.interactions._count").length, 1);
});

test("an LMS error never breaks the page: it is logged with the element and the code", () => {
  const api = fakeAPI({ reject: (el) => el === "cmi.core.lesson_status" });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  ad.init();
  assert.equal(ad.setResult({ completion: "completed", success: "passed", score: 90 }), false);
  assert.match(logs[0], /LMSSetValue\(cmi\.core\.lesson_status, "passed"\) failed: error 405 \(error 405\)/);
  const throwing = fakeAPI();
  throwing.LMSCommit = () => { throw new Error("network down"); };
  const logs2 = [];
  const ad2 = A.create(throwing, { log: (m) => logs2.push(m), setTimeout: () => 0 });
  ad2.init();
  assert.equal(ad2.commit(), false);
  assert.match(logs2[0], /LMSCommit\(\) threw: network down/);
});

test("a failed commit is said at once, retried, then again at the next milestone", () => {
  const api = fakeAPI({ commits: ["false", "false", "true", "false", "false", "false", "false"] });
  const timers = [];
  const saved = [];
  const ad = A.create(api, { log: () => {}, setTimeout: (fn, ms) => { timers.push({ fn, ms }); return timers.length; }, clearTimeout: () => {}, onsave: (ok) => saved.push(ok) });
  ad.init();
  const commits = () => api.calls.filter((c) => c[0] === "LMSCommit").length;
  assert.equal(ad.commit(), false);
  assert.equal(commits(), 1);
  assert.deepEqual(saved, [false]); // not saved: said at once
  timers.shift().fn();
  assert.equal(commits(), 2);
  timers.shift().fn();
  assert.equal(commits(), 3);
  assert.deepEqual(saved, [false, true]);
  assert.equal(timers.length, 0);
  // fails 4 times: 1 + 3 retries, then gives up until the next milestone
  assert.equal(ad.commit(), false);
  while (timers.length) timers.shift().fn();
  assert.equal(commits(), 7);
  assert.deepEqual(saved, [false, true, false]);
  assert.equal(ad.commit(), true);
  assert.deepEqual(saved, [false, true, false, true]);
});

test("LMSFinish once; no call at all after it (not even pending retries)", () => {
  const api = fakeAPI({ commits: ["false"] });
  const timers = [];
  const ad = A.create(api, { log: () => {}, setTimeout: (fn) => { timers.push(fn); return 1; }, clearTimeout: () => {} });
  ad.init();
  ad.commit();
  assert.equal(ad.finish(), true);
  const n = api.calls.length;
  timers.forEach((fn) => fn());
  assert.equal(ad.finish(), false);
  ad.setResult({ completion: "completed", success: "passed", score: 90 });
  ad.setBookmark("x", "y");
  ad.recordInteraction({ id: "q", type: "true-false", response: true, patterns: [], correct: true, latencyMs: 0, time: new Date() });
  ad.commit();
  assert.equal(api.calls.length, n);
  assert.equal(api.calls[n - 1][0], "LMSFinish");
});

test("the core with the SCORM 1.2 adapter: a whole session, in order", () => {
  const config = {
    languages: ["en", "fr"], completion: { pages: "all", video: 0, assessment: "passed" }, masteryScore: 50, suspendDataLimit: 4096,
    pages: [{ id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 50, attempts: 1, shuffle: false, draw: null, display: "all",
      questions: [{ id: "q1", interactionId: "finalQ1", type: "true-false", correct: [true] }, { id: "q2", type: "numeric", min: 1, max: 2 }] }
  };
  const api = fakeAPI({ data: { "cmi.student_preference.language": "fr-CA" } });
  const logs = [];
  const t = T.createTracker(config, A.create(api, { log: (m) => logs.push(m) }), { now: () => 5000, log: (m) => logs.push(m) });
  t.start();
  assert.equal(t.state.lang, 1);
  t.pageSeen(0);
  t.pageSeen(1);
  t.quizBegin();
  t.quizAnswer(0, true);
  t.quizAnswer(1, "3");
  t.quizCheck(0, 1500);
  t.quizCheck(1, 2500);
  t.quizFinish();
  t.exit();
  const s = sets(api);
  const at = (el, v) => s.findIndex((x) => x[0] === el && (v === undefined || x[1] === v));
  assert.equal(s[0][0], "cmi.core.lesson_status");
  assert.equal(s[0][1], "incomplete");
  assert.ok(at("cmi.core.score.raw", "50") >= 0);
  assert.ok(at("cmi.core.score.raw", "50") < at("cmi.core.lesson_status", "passed"), "score before status");
  assert.deepEqual(s.find((x) => x[0] === "cmi.interactions.0.id"), ["cmi.interactions.0.id", "finalQ1"]);
  assert.deepEqual(s.find((x) => x[0] === "cmi.interactions.1.id"), ["cmi.interactions.1.id", "final-q2"]);
  assert.deepEqual(s.filter((x) => x[0] === "cmi.core.lesson_location").map((x) => x[1]), ["intro", "final"]);
  assert.match(s.find((x) => x[0] === "cmi.core.session_time")[1], F.CMI_TIMESPAN);
  assert.deepEqual(s.filter((x) => x[0] === "cmi.core.exit").pop(), ["cmi.core.exit", ""]);
  assert.ok(s.every((x) => x[0] !== "cmi.core.lesson_status" || x[1] !== "not attempted"));
  assert.ok(s.filter((x) => x[0] === "cmi.suspend_data").every((x) => x[1].length <= 4096 && /^1\|/.test(x[1])));
  const names = api.calls.map((c) => c[0]);
  assert.equal(names.filter((n) => n === "LMSInitialize").length, 1);
  assert.equal(names.filter((n) => n === "LMSFinish").length, 1);
  assert.equal(names[names.length - 1], "LMSFinish");
  assert.ok(names.filter((n) => n === "LMSCommit").length >= 4);
  assert.deepEqual(logs, [], "every call succeeded");
});

test("the outcome as one lesson_status [docs/tracking.md]: the score waits until it is settled", () => {
  const r = (completion, success, score, done) => A.record12({ completion, success, score, done: !!done });
  assert.deepEqual(r("completed", "passed", 90, true), { status: "passed", score: 90 });
  assert.deepEqual(r("completed", "failed", 40, true), { status: "completed", score: 40 });
  assert.deepEqual(r("completed", "unknown", null, true), { status: "completed", score: null });
  assert.deepEqual(r("incomplete", "passed", 90), { status: "incomplete", score: null });
  assert.deepEqual(r("incomplete", "failed", 40), { status: "failed", score: null }, "a retry may still pass");
  assert.deepEqual(r("incomplete", "failed", 40, true), { status: "failed", score: 40 }, "out of attempts");
  assert.deepEqual(r("incomplete", "unknown", null), { status: "incomplete", score: null });
});

test("a pass on a retry replaces the fail; the score is written once the course is complete", () => {
  const api = fakeAPI();
  const ad = A.create(api, { log: () => {} });
  ad.init();
  const o = (completion, success, score, done) => ({ completion, success, score, done: !!done });
  assert.equal(ad.setResult(o("incomplete", "failed", 50)), true);
  assert.equal(ad.setResult(o("incomplete", "passed", 100)), true);
  assert.equal(ad.setResult(o("incomplete", "passed", 100)), true);
  assert.deepEqual(sets(api), [["cmi.core.lesson_status", "failed"], ["cmi.core.lesson_status", "incomplete"]],
    "no score while a pass or a fail could still change: an LMS would judge it (Moodle keeps even a blank as 0)");
  ad.setResult(o("completed", "passed", 100, true));
  assert.deepEqual(sets(api).slice(2), [["cmi.core.score.raw", "100"], ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"], ["cmi.core.lesson_status", "passed"]]);
});

/* Issue 13 #7: the learner was told "saved" while LMSSetValue answered "false" (405). */
test("a refused LMSSetValue (405) is not saved: the LMS's error is said, the value sent again, saved only once taken", () => {
  let refuse = true;
  const api = fakeAPI({ reject: (el) => refuse && (el === "cmi.core.lesson_status" || el === "cmi.suspend_data") });
  const saved = [];
  const ad = A.create(api, { log: () => {}, setTimeout: () => 0, clearTimeout: () => {}, onsave: (ok, e) => saved.push(ok ? "saved" : e) });
  const config = {
    languages: ["en"], completion: { pages: "all", video: 0, assessment: "none" }, masteryScore: null, suspendDataLimit: 4096,
    pages: [{ id: "a", kind: "page", video: null }, { id: "b", kind: "page", video: null }], assessment: null
  };
  const t = T.createTracker(config, ad, { log: () => {} });
  t.start();
  t.pageSeen(0);
  assert.deepEqual(saved, [{ code: "405", text: "error 405" }]);
  assert.equal(t.status().recorded, false);
  assert.equal(api.data["cmi.suspend_data"], "");
  refuse = false;
  t.pageSeen(0); // the next milestone: the refused values go again, and are taken
  assert.deepEqual(saved.slice(1), ["saved"]);
  assert.equal(api.data["cmi.core.lesson_status"], "incomplete");
  assert.notEqual(api.data["cmi.suspend_data"], "");
  assert.equal(t.status().recorded, true);
});

test("a refused LMSCommit is said at once, with the LMS's error, and cleared when a retry is taken", () => {
  const api = fakeAPI({ commits: ["false"] });
  const timers = [];
  const saved = [];
  const ad = A.create(api, { log: () => {}, setTimeout: (fn) => timers.push(fn), clearTimeout: () => {}, onsave: (ok, e) => saved.push(ok ? "saved" : e) });
  ad.init();
  assert.equal(ad.commit(), false);
  assert.deepEqual(saved, [{ code: "101", text: "error 101" }]);
  timers.shift()();
  assert.deepEqual(saved, [{ code: "101", text: "error 101" }, "saved"]);
});

test("a partly right answer: its credit as a CMIDecimal result, its weight as weighting (issue 15)", () => {
  const api = fakeAPI();
  const ad = A.create(api, { log: () => {} });
  ad.init();
  const when = new Date(2024, 4, 6, 14, 3, 9);
  ad.recordInteraction({ id: "m", type: "matching", response: [["1", "a"], ["2", "a"]], patterns: [[["1", "a"], ["2", "b"]]], correct: false, credit: 0.5, latencyMs: 0, time: when, weighting: 3 });
  ad.recordInteraction({ id: "w", type: "multiple", response: ["b"], patterns: [["a"]], correct: false, credit: 0, latencyMs: 0, time: when, weighting: 2 });
  const s = sets(api);
  assert.ok(s.some((x) => x[0] === "cmi.interactions.0.result" && x[1] === "0.5"), JSON.stringify(s));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.0.weighting" && x[1] === "3"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.1.result" && x[1] === "wrong"));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.1.weighting" && x[1] === "2"));
});
