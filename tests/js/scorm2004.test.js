"use strict";
/* The SCORM 2004 adapter: pure formats and decisions, then against a recording fake
 * API_1484_11 [SCORM 2004 4th ed. RTE §3.1, §4.2]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const A = load("adapter-scorm2004.js");
const W = load("scorm2004-answers.js");
const T = load("tracking.js");
const F = load("formats.js");

/* The ISO 8601 duration SCORM 2004 accepts, seconds with at most 2 decimals (scorm-again's). */
const DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?)?$/;

/* A recording fake of API_1484_11. opts.data: element values; opts.unsupported: prefixes that
 * answer 401; opts.reject(el, v): true for a 406; opts.commits: Commit results in turn. */
function fake2004(opts) {
  opts = opts || {};
  const calls = [];
  const data = Object.assign({
    "cmi.entry": "ab-initio", "cmi.mode": "normal",
    "cmi.completion_status": "unknown", "cmi.success_status": "unknown",
    "cmi.learner_preference.language": ""
  }, opts.data || {});
  const unsupported = opts.unsupported || [];
  const commits = (opts.commits || []).slice();
  let last = "0";
  let state = 0; // 0 not initialized, 1 running, 2 terminated
  let count = 0;
  const fail = (code, r) => { last = code; return r; };
  const api = {
    calls, data,
    Initialize(arg) {
      calls.push(["Initialize", arg]);
      if (opts.initialize) return fail(opts.initialize === "true" ? "0" : "102", opts.initialize);
      if (arg !== "") return fail("201", "false");
      if (state) return fail(state === 1 ? "103" : "104", "false");
      state = 1;
      return fail("0", "true");
    },
    GetValue(el) {
      calls.push(["GetValue", el]);
      if (state !== 1) return fail(state ? "123" : "122", "");
      if (unsupported.some((u) => el.indexOf(u) === 0)) return fail("401", "");
      if (el === "cmi.interactions._count") return fail("0", String(count));
      if (!(el in data)) return fail("403", "");
      return fail("0", data[el]);
    },
    SetValue(el, v) {
      calls.push(["SetValue", el, v]);
      if (state !== 1) return fail(state ? "133" : "132", "false");
      if (unsupported.some((u) => el.indexOf(u) === 0)) return fail("401", "false");
      if (opts.reject && opts.reject(el, v)) return fail("406", "false");
      const m = /^cmi\.interactions\.(\d+)\.(\w+)/.exec(el);
      if (m && m[2] !== "id" && !(("cmi.interactions." + m[1] + ".id") in data)) return fail("408", "false");
      if (m && m[2] === "id" && Number(m[1]) === count) count += 1;
      data[el] = v;
      return fail("0", "true");
    },
    Commit(arg) {
      calls.push(["Commit", arg]);
      if (state !== 1) return fail(state ? "143" : "142", "false");
      const r = commits.length ? commits.shift() : "true";
      return fail(r === "true" ? "0" : "391", r);
    },
    Terminate(arg) {
      calls.push(["Terminate", arg]);
      if (state !== 1) return fail(state ? "113" : "112", "false");
      state = 2;
      return fail("0", "true");
    },
    GetLastError() { calls.push(["GetLastError"]); return last; },
    GetErrorString(code) { calls.push(["GetErrorString", code]); return "error " + code; },
    GetDiagnostic(code) { calls.push(["GetDiagnostic", code]); return ""; }
  };
  return api;
}

const sets = (api) => api.calls.filter((c) => c[0] === "SetValue").map((c) => [c[1], c[2]]);
const names = (api) => api.calls.map((c) => c[0]);

test("ISO 8601 durations: hundredths, rounding (59.996 s is a minute), hours past 99", () => {
  assert.equal(F.isoDuration(0), "PT0S");
  assert.equal(F.isoDuration(-5), "PT0S");
  assert.equal(F.isoDuration(NaN), "PT0S");
  assert.equal(F.isoDuration(1234), "PT1.23S");
  assert.equal(F.isoDuration(1235), "PT1.24S");
  assert.equal(F.isoDuration(59996), "PT1M");
  assert.equal(F.isoDuration(59994), "PT59.99S");
  assert.equal(F.isoDuration(3600000), "PT1H");
  assert.equal(F.isoDuration(3723450), "PT1H2M3.45S");
  assert.equal(F.isoDuration(101 * 3600000 + 70), "PT101H0.07S");
  for (let ms = 0; ms < 200000; ms += 997) assert.match(F.isoDuration(ms * 37.3), DURATION);
});

test("ISO 8601 timestamps: UTC, hundredths, Z after the fraction", () => {
  assert.equal(W.time2004(Date.UTC(2026, 10, 21, 9, 5, 7, 349)), "2026-11-21T09:05:07.34Z");
  assert.equal(W.time2004(new Date(Date.UTC(2024, 0, 2, 23, 59, 59, 999))), "2024-01-02T23:59:59.99Z");
  assert.match(W.time2004(NaN), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/, "never throws");
});

test("2004 response formats: [,] and [.], true/false, fill-in ignoring case, numeric [:]", () => {
  const r = W.response2004;
  const p = W.pattern2004;
  assert.equal(r("true-false", true), "true");
  assert.equal(r("true-false", false), "false");
  assert.equal(r("true-false", "t"), "");
  assert.equal(r("single", ["a"]), "a");
  assert.equal(r("multiple", ["a", "c", "bad id", "d"]), "a[,]c[,]d");
  assert.equal(r("matching", [["1", "a"], ["2", "b"], ["3"]]), "1[.]a[,]2[.]b");
  assert.equal(r("fill-in", "  Accessible "), "Accessible");
  assert.equal(r("fill-in", "a[,]b"), "a,b", "the list delimiter never comes from the learner");
  assert.equal(r("fill-in", "x".repeat(300)).length, 250);
  // a leading "{" would be read as a delimiter ({lang=fr}, {case_matters=true}), and a strict
  // LMS refuses a text that starts with one (406): a space keeps it the learner's text
  assert.equal(r("fill-in", " {hashtag}"), " {hashtag}");
  assert.equal(r("fill-in", "{lang=fr}oui"), " {lang=fr}oui");
  assert.equal(r("fill-in", "{" + "x".repeat(300)), " {" + "x".repeat(248));
  assert.equal(r("fill-in", "a{b}"), "a{b}");
  assert.equal(r("numeric", 94), "94");
  assert.equal(r("numeric", 0.1 + 0.2), "0.3");
  assert.equal(r("numeric", -3.5), "-3.5");
  assert.equal(r("numeric", null), "");
  assert.equal(r("other", "x"), "");
  assert.equal(p("true-false", false), "false");
  assert.equal(p("multiple", ["a", "b"]), "a[,]b");
  assert.equal(p("matching", [["1", "a"], ["2", "b"]]), "1[.]a[,]2[.]b");
  assert.equal(p("fill-in", "accessible"), "accessible", "case_matters is false unless said [SCORM 2004 4th ed. RTE §4.2.9.1]");
  assert.equal(p("fill-in", "  "), "");
  assert.equal(p("numeric", 94), "94[:]94");
});

test("the outcome as two statuses [docs/tracking.md]; progress agrees with completion", () => {
  const r = (completion, success, score) => A.record2004({ completion, success, score });
  assert.deepEqual(r("incomplete", "unknown", null), { completion: "incomplete", success: "", score: null });
  assert.deepEqual(r("completed", "unknown", null), { completion: "completed", success: "", score: null });
  assert.deepEqual(r("completed", "passed", 90), { completion: "completed", success: "passed", score: 90 });
  assert.deepEqual(r("incomplete", "passed", 90), { completion: "incomplete", success: "passed", score: 90 });
  assert.deepEqual(r("incomplete", "failed", 50), { completion: "incomplete", success: "failed", score: 50 },
    "out of attempts under a rule that needs a pass: not complete, as in SCORM 1.2");
  assert.deepEqual(r("completed", "failed", 50), { completion: "completed", success: "failed", score: 50 });
  const c = A.coreStatus;
  assert.equal(c("unknown", "unknown"), "");
  assert.equal(c("not attempted", "unknown"), "");
  assert.equal(c("incomplete", "unknown"), "incomplete");
  assert.equal(c("incomplete", "failed"), "failed");
  assert.equal(c("completed", "failed"), "completed");
  assert.equal(c("completed", "passed"), "passed");
  assert.equal(c("incomplete", "passed"), "incomplete");
  assert.equal(A.progress(1 / 6, false), 0.1666);
  assert.equal(A.progress(1, false), 0.99);
  assert.equal(A.progress(0.5, true), 1);
  assert.equal(A.progress(-1, false), 0);
  assert.equal(A.progress(NaN, false), 0);
  // the LMS's cmi.completion_threshold: below it until complete, none when it is 0 [SCORM 2004 RTE §4.2.4]
  assert.equal(A.progress(1, false, 0.5), 0.4999);
  assert.equal(A.progress(0.3, false, 0.5), 0.3);
  assert.equal(A.progress(1, false, 0.50005), 0.4999);
  assert.equal(A.progress(1, false, 1), 0.99);
  assert.equal(A.progress(0.5, false, 0), null);
  assert.equal(A.progress(0.5, true, 0.5), 1);
  assert.deepEqual(["0.5", "0", "1", "", "1.5", "-0.1", "x"].map(A.thresholdOf), [0.5, 0, 1, null, null, null, null]);
});

test("API discovery: API_1484_11 in parents (past 7 hops), cross-origin frames, the opener", () => {
  const api = fake2004();
  const win = (props) => { const w = Object.assign({}, props); if (!("parent" in w)) w.parent = w; return w; };
  assert.equal(A.findAPI(win({ API_1484_11: api })), api);
  let w = win({ API_1484_11: api });
  for (let i = 0; i < 20; i++) w = win({ parent: w });
  assert.equal(A.findAPI(w), api);
  const blocked = new Proxy({}, { get(t, k) { if (k === "parent") return win({ API_1484_11: api }); throw new Error("SecurityError"); } });
  assert.equal(A.findAPI(win({ parent: blocked })), api);
  assert.equal(A.findAPI(win({ opener: win({ parent: win({ API_1484_11: api }) }) })), api);
  const top = win({ opener: win({ API_1484_11: api }) });
  assert.equal(A.findAPI(win({ parent: top, top })), api);
  assert.equal(A.findAPI(win({ API: { LMSInitialize() {} } })), null, "a SCORM 1.2 API is not ours");
  const loop = {};
  loop.parent = { parent: loop };
  assert.equal(A.findAPI(loop), null);
  assert.equal(A.launch(win({}), { suspendDataLimit: 64000 }), null);
  assert.equal(A.launch(win({ API_1484_11: api }), { suspendDataLimit: 64000 }).name, "scorm2004");
});

test("Initialize once; the bookmark is read whenever the attempt has data, whatever cmi.entry says", () => {
  const api = fake2004({ data: { "cmi.learner_preference.language": "fr" } });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  const info = ad.init();
  assert.deepEqual(api.calls[0], ["Initialize", ""]);
  assert.deepEqual(info, { ok: true, entry: "ab-initio", status: "", mode: "normal", location: "", suspendData: "", language: "fr" });
  assert.ok(!api.calls.some((c) => c[1] === "cmi.location" || c[1] === "cmi.suspend_data"), "a fresh attempt: no 403");
  assert.equal(ad.init().ok, false);
  assert.equal(names(api).filter((n) => n === "Initialize").length, 1);
  const errors = api.calls.filter((c, i) => c[0] === "GetLastError" && api.calls[i - 1][0] === "GetValue");
  assert.equal(errors.length, 6, "GetLastError after every GetValue");
  assert.deepEqual(logs, []);

  const resumed = fake2004({ data: { "cmi.entry": "resume", "cmi.completion_status": "incomplete", "cmi.success_status": "failed", "cmi.location": "dos" }, unsupported: ["cmi.learner_preference"] });
  // "ab-initio" with a status held and the data handed back (forma.lms): the data is used
  const handed = fake2004({ data: { "cmi.completion_status": "incomplete", "cmi.location": "dos", "cmi.suspend_data": "1|x" } });
  const info3 = A.create(handed, { log: (m) => logs.push(m) }).init();
  assert.deepEqual([info3.entry, info3.location, info3.suspendData], ["ab-initio", "dos", "1|x"]);
  const info2 = A.create(resumed, { log: (m) => logs.push(m) }).init();
  assert.deepEqual([info2.status, info2.location, info2.suspendData, info2.language], ["failed", "dos", "", ""]);
  assert.deepEqual(logs, [], "403 (no suspend_data) and 401 on optional elements are not errors");
});

test("a refused Initialize: no other call but the error queries", () => {
  const api = fake2004({ initialize: "false" });
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m) });
  assert.equal(ad.init().ok, false);
  ad.setResult({ completion: "incomplete", success: "unknown", score: null });
  ad.commit();
  ad.finish();
  assert.deepEqual(names(api), ["Initialize", "GetLastError", "GetErrorString", "GetDiagnostic"]);
  assert.match(logs[0], /Initialize failed: error 102/);
});

test("the LMS's passing score is the one the course judges by [SCORM 2004 4th ed. RTE §4.2.19, §4.2.22]", () => {
  // the score at which score.scaled (as written) is at least scaled_passing_score
  assert.equal(A.masteryOf("0.8"), 80);
  assert.equal(A.masteryOf("0.07"), 7); // 0.07 * 100 is 7.000000000000001
  assert.equal(A.masteryOf("0.57"), 57); // 0.57 * 100 is 56.99999999999999
  assert.equal(A.masteryOf("0.855"), 85.5);
  assert.equal(A.masteryOf("1"), 100);
  assert.equal(A.masteryOf("-0.5"), 0, "any score passes");
  for (const none of ["", "abc", "1.5", "-2", "0.8.1"]) assert.equal(A.masteryOf(none), null, none);

  const config = { masteryScore: 80 };
  const api = fake2004({ data: { "cmi.scaled_passing_score": "0.95" } });
  A.create(api, { log: () => {}, config }).init();
  assert.equal(config.masteryScore, 95, "the core judges by the LMS's passing score");
  const same = { masteryScore: 80 };
  A.create(fake2004({ data: { "cmi.scaled_passing_score": "0.8" } }), { log: () => {}, config: same }).init();
  assert.equal(same.masteryScore, 80);
  // no mastery score, no minNormalizedMeasure in the manifest: nothing to read (it would be 403)
  const none = { masteryScore: null };
  const bare = fake2004();
  A.create(bare, { log: () => {}, config: none }).init();
  assert.equal(none.masteryScore, null);
  assert.ok(!bare.calls.some((c) => c[1] === "cmi.scaled_passing_score"));
  // an LMS without one (403, or "" from a lax one): the course's own
  const kept = { masteryScore: 80 };
  A.create(fake2004(), { log: () => {}, config: kept }).init();
  assert.equal(kept.masteryScore, 80);
});

test("score before statuses; each status written when it changes; progress follows", () => {
  const api = fake2004();
  const ad = A.create(api, { log: () => {} });
  const o = (completion, success, score) => ({ completion, success, score });
  ad.init();
  ad.setResult(o("incomplete", "unknown", null));
  ad.setProgress(0.5);
  ad.setResult(o("incomplete", "failed", 60));
  ad.setExit(false);
  ad.setProgress(1);
  ad.setResult(o("incomplete", "passed", 90)); // a retry passes, a page is still unseen
  ad.setResult(o("completed", "passed", 90));
  ad.setExit(true);
  ad.setResult(o("completed", "passed", 90));
  assert.deepEqual(sets(api), [
    ["cmi.completion_status", "incomplete"],
    ["cmi.progress_measure", "0.5"],
    ["cmi.score.scaled", "0.6"], ["cmi.score.raw", "60"], ["cmi.score.min", "0"], ["cmi.score.max", "100"],
    ["cmi.success_status", "failed"],
    ["cmi.exit", "suspend"],
    ["cmi.progress_measure", "0.99"],
    ["cmi.score.scaled", "0.9"], ["cmi.score.raw", "90"], ["cmi.score.min", "0"], ["cmi.score.max", "100"],
    ["cmi.success_status", "passed"],
    ["cmi.completion_status", "completed"],
    ["cmi.progress_measure", "1"],
    ["cmi.exit", "normal"]
  ]);
  const recorded = fake2004({ data: { "cmi.entry": "resume", "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.raw": "90" } });
  const ad2 = A.create(recorded, { log: () => {} });
  assert.equal(ad2.init().status, "passed");
  ad2.setResult(o("completed", "passed", 90));
  assert.deepEqual(sets(recorded), [], "what the LMS holds is not written again");
});

test("values are validated before they reach the LMS", () => {
  const api = fake2004();
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m), suspendDataLimit: 100000 });
  ad.init();
  const n = api.calls.length;
  assert.equal(ad.setResult({ completion: "not attempted", success: "unknown", score: "abc" }), false);
  ad.setBookmark("x".repeat(1001), "y".repeat(64001));
  assert.equal(api.calls.length, n, "nothing invalid was sent");
  assert.equal(logs.length, 3);
  ad.setBookmark("x".repeat(1000), "y".repeat(64000));
  assert.deepEqual(sets(api).map((s) => s[1].length), [1000, 64000]);
  ad.setSessionTime(59996);
  assert.deepEqual(sets(api).pop(), ["cmi.session_time", "PT1M"]);
  ad.setResult({ completion: "completed", success: "passed", score: 150 });
  assert.deepEqual(sets(api).slice(-6, -4), [["cmi.score.scaled", "1"], ["cmi.score.raw", "100"]]);
});

test("interactions: n = _count, id first, 2004 types and formats, result incorrect", () => {
  const api = fake2004();
  const ad = A.create(api, { log: () => {} });
  ad.init();
  const when = Date.UTC(2026, 10, 21, 10, 11, 12, 340);
  ad.recordInteraction({ id: "final-dos", type: "multiple", response: ["a", "c"], patterns: [["a", "b"]], correct: false, latencyMs: 12340, time: new Date(when), weighting: 1 });
  ad.recordInteraction({ id: "final fill", type: "fill-in", response: "Accessible", patterns: ["a", "b", "c", "d", "e", "f"], correct: true, latencyMs: 500, time: when });
  ad.recordInteraction({ id: "n", type: "numeric", response: 94, patterns: [94], correct: true, latencyMs: 0, time: when });
  const s = sets(api);
  assert.deepEqual(s.slice(0, 8), [
    ["cmi.interactions.0.id", "final-dos"],
    ["cmi.interactions.0.type", "choice"],
    ["cmi.interactions.0.timestamp", "2026-11-21T10:11:12.34Z"],
    ["cmi.interactions.0.weighting", "1"],
    ["cmi.interactions.0.learner_response", "a[,]c"],
    ["cmi.interactions.0.correct_responses.0.pattern", "a[,]b"],
    ["cmi.interactions.0.result", "incorrect"],
    ["cmi.interactions.0.latency", "PT12.34S"]
  ]);
  assert.deepEqual(s[8], ["cmi.interactions.1.id", "final_fill"]);
  const fill = s.filter((x) => /^cmi\.interactions\.1\.correct_responses/.test(x[0])).map((x) => x[1]);
  assert.deepEqual(fill, ["a", "b", "c", "d", "e"], "at most 5 (SPM)");
  assert.ok(s.some((x) => x[0] === "cmi.interactions.2.correct_responses.0.pattern" && x[1] === "94[:]94"));
  // a pattern with a character some LMS refuses in it is not sent (forma.lms: - _ . ! ~ * ' ( ))
  ad.recordInteraction({ id: "m", type: "matching", response: [["1", "a"]], patterns: [[["1", "a"], ["2", "b"]]], correct: false, latencyMs: 0, time: when });
  ad.recordInteraction({ id: "f", type: "fill-in", response: "manager.", patterns: ["manager.", "boss"], correct: true, latencyMs: 0, time: when });
  const after = sets(api);
  assert.ok(after.some((x) => x[0] === "cmi.interactions.3.learner_response" && x[1] === "1[.]a"), "the response is kept");
  assert.ok(!after.some((x) => /^cmi\.interactions\.3\.correct_responses/.test(x[0])));
  assert.deepEqual(after.filter((x) => /^cmi\.interactions\.4\.correct_responses/.test(x[0])).map((x) => x[1]), ["boss"]);
  assert.ok(s.every((x) => !/\.interactions\./.test(x[0]) || x[1] !== "wrong"));
  assert.deepEqual(api.calls.filter((c) => c[0] === "GetLastError" && api.calls[api.calls.indexOf(c) - 1][0] === "SetValue"), [], "no SetValue failed");
});

test("cmi.exit and adl.nav.request: suspendAll on the Exit button mid-course, when the LMS has it; never exitAll", () => {
  const run = (data, done, button, unsupported) => {
    const api = fake2004({ data, unsupported });
    const ad = A.create(api, { log: () => {} });
    ad.init();
    ad.setExit(done);
    if (button) ad.exitButton();
    assert.equal(ad.finish(), true);
    return api;
  };
  const nav = { "adl.nav.request_valid.continue": "unknown" };
  let api = run(nav, false, true);
  assert.deepEqual(sets(api), [["cmi.exit", "suspend"], ["adl.nav.request", "suspendAll"]]);
  assert.equal(names(api).pop(), "Terminate");
  assert.ok(!api.calls.some((c) => /request_valid\.(exitAll|suspendAll)/.test(c[1] || "")), "not in the 4th edition");
  api = run(nav, true, true);
  assert.deepEqual(sets(api), [["cmi.exit", "normal"]], "done: no exitAll (Moodle answers it with an error page)");
  api = run(nav, true, false);
  assert.deepEqual(sets(api), [["cmi.exit", "normal"]], "pagehide: no navigation request");
  api = run(Object.assign({ "cmi.mode": "review" }, nav), false, true);
  assert.ok(!sets(api).some((x) => x[0] === "adl.nav.request"), "review: nothing to suspend");
  api = run(nav, true, true, ["adl.nav."]); // an LMS without the navigation element: 401
  assert.deepEqual(sets(api), [["cmi.exit", "normal"]]);
});

test("a failed Commit is retried; Terminate once; after it only GetLastError", () => {
  const api = fake2004({ commits: ["false", "false", "true", "false"] });
  const timers = [];
  const saved = [];
  const logs = [];
  const ad = A.create(api, { log: (m) => logs.push(m), setTimeout: (fn) => { timers.push(fn); return timers.length; }, clearTimeout: () => {}, onsave: (ok) => saved.push(ok) });
  ad.init();
  assert.equal(ad.commit(), false);
  timers.shift()();
  timers.shift()();
  assert.deepEqual(saved, [false, true]); // said at once, then saved by a retry
  assert.equal(names(api).filter((n) => n === "Commit").length, 3);
  assert.match(logs[0], /Commit failed: error 391 \(error 391\)/);
  ad.commit(); // fails: a retry is pending when the learner leaves
  assert.equal(timers.length, 1);
  assert.equal(ad.finish(), true);
  const n = api.calls.length;
  timers.forEach((fn) => fn());
  assert.equal(ad.finish(), false);
  ad.setResult({ completion: "completed", success: "passed", score: 90 });
  ad.setBookmark("x", "y");
  ad.commit();
  assert.equal(api.calls.length, n);
  assert.equal(names(api).pop(), "Terminate");
});

test("the core with the SCORM 2004 adapter: a whole session, in order", () => {
  const config = {
    languages: ["en", "fr"], completion: { pages: "all", video: 0, assessment: "passed" }, masteryScore: 50, suspendDataLimit: 64000,
    pages: [{ id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 50, attempts: 1, shuffle: false, draw: null, display: "all",
      questions: [{ id: "q1", interactionId: "final-q1", type: "true-false", correct: [true] }, { id: "q2", interactionId: "final-q2", type: "fill-in", correct: ["x"] }] }
  };
  const api = fake2004({ data: { "cmi.learner_preference.language": "fr-CA" } });
  const logs = [];
  const t = T.createTracker(config, A.create(api, { log: (m) => logs.push(m) }), { now: () => 5000, log: (m) => logs.push(m) });
  t.start();
  assert.equal(t.state.lang, 1);
  t.pageSeen(0);
  t.pageSeen(1);
  t.quizBegin();
  t.quizAnswer(0, true);
  t.quizAnswer(1, "nope");
  t.quizCheck(0, 1500);
  t.quizCheck(1, 2500);
  t.quizFinish();
  t.exit();
  const d = api.data;
  assert.deepEqual([d["cmi.completion_status"], d["cmi.success_status"], d["cmi.score.scaled"], d["cmi.progress_measure"], d["cmi.exit"]],
    ["completed", "passed", "0.5", "1", "normal"]);
  assert.deepEqual([d["cmi.interactions.0.learner_response"], d["cmi.interactions.1.result"]], ["true", "incorrect"]);
  assert.match(d["cmi.session_time"], DURATION);
  const s = sets(api);
  const at = (el, v) => s.findIndex((x) => x[0] === el && (v === undefined || x[1] === v));
  assert.deepEqual(s[0], ["cmi.completion_status", "incomplete"]);
  assert.ok(at("cmi.score.scaled") < at("cmi.success_status", "passed"), "score before status");
  assert.deepEqual(s.filter((x) => x[0] === "cmi.location").map((x) => x[1]), ["intro", "final"]);
  const n = names(api);
  assert.equal(n.filter((x) => x === "Initialize").length, 1);
  assert.equal(n.filter((x) => x === "Terminate").length, 1);
  assert.equal(n[n.length - 1], "Terminate");
  assert.deepEqual(logs, [], "every call succeeded");
});

/* Issue 13 #7, SCORM 2004: SetValue "false" (406, 407) or Commit "false" (391) is not saved. */
test("a refused SetValue (406) is said with the LMS's error until a commit takes it again", () => {
  let refuse = true;
  const api = fake2004({ reject: (el) => refuse && el === "cmi.completion_status" });
  const saved = [];
  const ad = A.create(api, { log: () => {}, setTimeout: () => 0, clearTimeout: () => {}, onsave: (ok, e) => saved.push(ok ? "saved" : e) });
  const config = {
    languages: ["en"], completion: { pages: "all", video: 0, assessment: "none" }, masteryScore: null, suspendDataLimit: 64000,
    pages: [{ id: "a", kind: "page", video: null }], assessment: null
  };
  const t = T.createTracker(config, ad, { log: () => {} });
  t.start();
  t.pageSeen(0);
  assert.deepEqual(saved, [{ code: "406", text: "error 406" }]);
  assert.equal(t.status().recorded, false);
  refuse = false;
  t.pageSeen(0);
  assert.deepEqual(saved.slice(1), ["saved"]);
  assert.equal(api.data["cmi.completion_status"], "completed");
  assert.equal(t.status().recorded, true);
});

test("a partly right answer: its credit as a real-number result, its weight as weighting (issue 15)", () => {
  const api = fake2004();
  const ad = A.create(api, { log: () => {} });
  ad.init();
  ad.recordInteraction({ id: "m", type: "matching", response: [["1", "a"], ["2", "a"], ["3", "c"]], patterns: [[["1", "a"], ["2", "b"], ["3", "c"]]], correct: false, credit: 2 / 3, latencyMs: 0, time: new Date(0), weighting: 2 });
  const s = sets(api);
  assert.ok(s.some((x) => x[0] === "cmi.interactions.0.result" && x[1] === "0.6666666667"), JSON.stringify(s));
  assert.ok(s.some((x) => x[0] === "cmi.interactions.0.weighting" && x[1] === "2"));
});
