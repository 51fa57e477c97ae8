"use strict";
/* SCORM 2004: an LMS that keeps the smaller maximums of an older edition or of the SPMs:
 * cmi.suspend_data refused over 4,000 characters (SCORM 2004 2nd edition's SPM), or handed back
 * cut to 4,000; cmi.interactions refused past its SPM of 250 [SCORM 2004 4th ed. RTE §4.2.9]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const A = load("adapter-scorm2004.js");
const T = load("tracking.js");
const S = load("state.js");

/* A fake API_1484_11 that refuses (406) a suspend_data over `dataMax` characters, and (351) an
 * interaction at or past `interactionsMax` (only its fields matching opts.refused, when given);
 * opts.data: what it holds at launch. */
function limited(opts) {
  const data = Object.assign({
    "cmi.entry": "ab-initio", "cmi.mode": "normal", "cmi.completion_status": "unknown",
    "cmi.success_status": "unknown", "cmi.learner_preference.language": ""
  }, opts.data || {});
  const calls = [];
  let last = "0", count = opts.count || 0, on = false;
  const fail = (code, r) => { last = code; return r; };
  return {
    data, calls,
    Initialize() { on = true; return fail("0", "true"); },
    Terminate() { on = false; return fail("0", "true"); },
    Commit() { calls.push(["Commit"]); return fail("0", "true"); },
    GetValue(el) {
      if (!on) return fail("122", "");
      if (el === "cmi.interactions._count") return fail("0", String(count));
      return el in data ? fail("0", data[el]) : fail("403", "");
    },
    SetValue(el, v) {
      calls.push(["SetValue", el, v]);
      if (el === "cmi.suspend_data" && v.length > opts.dataMax) return fail("406", "false");
      const m = /^cmi\.interactions\.(\d+)\.(\w+)$/.exec(el);
      if (m && Number(m[1]) >= opts.interactionsMax && (!opts.refused || opts.refused.test(m[2]))) return fail("351", "false");
      if (m && m[2] === "id" && Number(m[1]) === count) count += 1;
      data[el] = v;
      return fail("0", "true");
    },
    GetLastError() { return last; },
    GetErrorString(code) { return code === "406" ? "Data Model Element Type Mismatch" : "error " + code; },
    GetDiagnostic() { return ""; }
  };
}

/* A course whose learner can type more than 4,000 characters: 30 fill-in questions. */
function longCourse() {
  const questions = [];
  for (let i = 0; i < 30; i++) {
    questions.push({ id: "q" + i, interactionId: "final-q" + i, type: "fill-in", correct: ["x"], maxLength: 255 });
  }
  return {
    target: "scorm2004", languages: ["en"], completion: { pages: "all", video: 0, assessment: "passed" },
    masteryScore: 80, suspendDataLimit: 64000,
    pages: [{ id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 80, attempts: 0, shuffle: false, draw: null, display: "all", questions }
  };
}

function session(api, config, saved, logs) {
  const ad = A.create(api, {
    log: (m) => logs.push(m), setTimeout: () => 0, clearTimeout: () => {}, config,
    onsave: (ok, e) => saved.push(ok ? "saved" : e)
  });
  return T.createTracker(config, ad, { log: (m) => logs.push(m), now: () => 1000 });
}

/* The learner sees both pages (`pages`: which, by index), begins the assessment and types
 * `answer(i)` into each question i. */
function typeAnswers(t, answer, pages = [0, 1]) {
  t.start();
  for (const p of pages) t.pageSeen(p);
  t.quizBegin();
  for (let i = 0; i < 30; i++) t.quizAnswer(i, answer(i));
}

/* Every question checked (scored out of 100), and the attempt finished. */
function checkAll(t, again) {
  for (let i = 0; i < 30; i++) t.quizCheck(i, 100, again);
  t.quizFinish();
}

const last = (list) => list[list.length - 1];
const longText = () => "y".repeat(200);

test("suspend_data refused over 4,000 characters: written again within 4,000, and the loss said", () => {
  const config = longCourse();
  const api = limited({ dataMax: 4000, interactionsMax: 250 });
  const saved = [], logs = [];
  const t = session(api, config, saved, logs);
  typeAnswers(t, longText);
  t.pageSeen(1); // a milestone: the state is now some 6,000 characters
  const stored = api.data["cmi.suspend_data"];
  assert.ok(stored.length <= 4000, "the LMS holds a state within its limit: " + stored.length);
  const back = S.decode(config, stored);
  assert.ok(back, "what the LMS holds is a state of this course");
  assert.equal(back.quiz.items.length, 30, "the drawn questions are kept");
  assert.ok(back.quiz.items.every((it) => it.answer === ""), "the typed text of unchecked questions is dropped");
  // the learner is told that part of the progress is not kept, not that nothing is saved
  const said = last(saved);
  assert.equal(said.code, "406");
  assert.equal(said.final, true);
  assert.equal(said.kept, true, "the score and status are saved");
  assert.ok(logs.some((m) => /suspend_data .*4000/.test(m) && /typed text of unchecked questions/.test(m)), logs.join("\n"));
  // later saves go within 4,000 at once: the refused long write is not tried again
  const longWrites = () => api.calls.filter((c) => c[1] === "cmi.suspend_data" && c[2].length > 4000).length;
  const before = longWrites();
  t.quizCheck(0, 100);
  assert.equal(longWrites(), before);
  assert.equal(S.decode(config, api.data["cmi.suspend_data"]).quiz.items[0].checked, true);
});

test("once the state fits again, the learner is told it is saved", () => {
  const config = longCourse();
  const api = limited({ dataMax: 4000, interactionsMax: 250 });
  const saved = [];
  const t = session(api, config, saved, []);
  typeAnswers(t, longText, [1]);
  t.pageSeen(1);
  assert.equal(last(saved).final, true);
  for (let i = 0; i < 30; i++) t.quizAnswer(i, "");
  t.pageSeen(1);
  assert.equal(last(saved), "saved");
});

test("a suspend_data the LMS cut to 4,000 characters resumes what it can, never throws", () => {
  const config = longCourse();
  const full = limited({ dataMax: 64000, interactionsMax: 250 });
  const t1 = session(full, config, [], []);
  typeAnswers(t1, longText);
  t1.quizCheck(0, 100);
  t1.exit();
  const long = full.data["cmi.suspend_data"];
  assert.ok(long.length > 4000);
  const cut = limited({
    dataMax: 4000, interactionsMax: 250,
    data: { "cmi.entry": "resume", "cmi.completion_status": "incomplete", "cmi.location": "final", "cmi.suspend_data": long.slice(0, 4000) }
  });
  const logs = [];
  const t2 = session(cut, config, [], logs);
  const state = t2.start();
  assert.equal(t2.resumed, true, "the pages seen come back");
  assert.deepEqual(state.visited, [true, true]);
  assert.equal(state.page, 1);
  assert.ok(state.quiz.items.length < 30, "the LMS kept only some of the drawn questions");
  // a cut attempt is drawn again rather than scored on fewer questions (tracking-quiz.js whole)
  assert.equal(t2.quizBegin(), true);
  assert.equal(t2.state.quiz.items.length, 30);
  assert.ok(t2.state.quiz.items.every((it) => !it.checked && it.answer === ""));
});

test("the LMS refuses the 251st interaction: nothing said as a failed save, the score and status recorded", () => {
  const config = longCourse();
  const api = limited({ dataMax: 64000, interactionsMax: 250, count: 249 });
  const saved = [], logs = [];
  const t = session(api, config, saved, logs);
  typeAnswers(t, (i) => (i < 24 ? "x" : "no"));
  checkAll(t);
  assert.equal(api.data["cmi.interactions.249.id"], "final-q0", "the 250th is recorded");
  assert.equal(api.data["cmi.success_status"], "passed");
  assert.equal(api.data["cmi.completion_status"], "completed");
  assert.equal(api.data["cmi.score.raw"], "80");
  assert.equal(last(saved), "saved");
  assert.equal(t.status().recorded, true);
  const tried = api.calls.filter((c) => /^cmi\.interactions\.250\.id$/.test(c[1] || "")).length;
  assert.equal(tried, 1, "the 251st is tried once, then no more: " + tried);
  assert.equal(logs.filter((m) => /interactions/.test(m) && /250/.test(m)).length >= 1, true, logs.join("\n"));
  t.exit();
  assert.equal(last(saved), "saved");
});

test("the LMS refuses only a later field of the 251st interaction: no failed save, no more tried", () => {
  const config = longCourse();
  const api = limited({ dataMax: 64000, interactionsMax: 250, count: 249, refused: /^learner_response$/ });
  const saved = [], logs = [];
  const t = session(api, config, saved, logs);
  typeAnswers(t, () => "x", [1]);
  checkAll(t);
  assert.equal(api.data["cmi.interactions.250.id"], "final-q1", "the id past the SPM was taken");
  assert.equal(api.data["cmi.success_status"], "passed");
  assert.equal(api.data["cmi.score.raw"], "100");
  assert.equal(last(saved), "saved");
  assert.equal(t.status().recorded, true);
  const past = api.calls.filter((c) => /^cmi\.interactions\.(2[5-9]\d)\./.test(c[1] || "")).map((c) => c[1]);
  assert.deepEqual(past, ["id", "type", "timestamp", "weighting", "learner_response"].map((f) => "cmi.interactions.250." + f),
    "tried up to the refused field, then no more");
  t.exit();
  assert.equal(last(saved), "saved");
});

/* A course whose smallest state is over 4,000 characters: 2,100 videos' percents alone. */
function hugeCourse() {
  const config = longCourse();
  const videos = [];
  for (let i = 0; i < 2100; i++) videos.push({ id: "v" + i, kind: "page", video: { kind: "youtube" } });
  config.pages = videos.concat(config.pages);
  return config;
}

test("a state over 4,000 characters with nothing left to drop: the smallest state, no stale one, keeps the attempts", () => {
  const config = hugeCourse();
  const quizPage = config.pages.length - 1;
  // an earlier session, in an LMS that took 64,000 characters: one attempt failed at 40
  const old = S.fresh(config);
  old.page = quizPage;
  old.quiz = { used: 1, best: 40, last: 40, phase: 1, current: 0, items: [] };
  const oldText = S.encode(config, old, 64000).text;
  assert.ok(oldText.length > 4000);
  const api = limited({
    dataMax: 4000, interactionsMax: 250,
    data: { "cmi.entry": "resume", "cmi.completion_status": "incomplete", "cmi.success_status": "failed",
      "cmi.score.raw": "40", "cmi.location": "final", "cmi.suspend_data": oldText }
  });
  const saved = [], logs = [];
  const t1 = session(api, config, saved, logs);
  assert.equal(t1.start().quiz.best, 40);
  t1.quizRetry();
  for (let i = 0; i < 30; i++) t1.quizAnswer(i, "x");
  checkAll(t1, true);
  t1.exit();
  assert.equal(api.data["cmi.success_status"], "passed");
  assert.equal(api.data["cmi.score.raw"], "100");
  const said = last(saved);
  assert.equal(said.code, "406", "the learner is told part of the progress is not kept");
  assert.equal(said.kept, true, "the score and status are");
  assert.notEqual(api.data["cmi.suspend_data"], oldText, "the LMS does not keep the earlier state");
  // the next launch: what the LMS holds, never the earlier attempt's state over it
  api.data["cmi.entry"] = "resume";
  const t2 = session(api, config, [], []);
  const state = t2.start();
  assert.notEqual(state.quiz.best, 40, "the earlier attempt's state is not resumed");
  assert.ok(api.data["cmi.suspend_data"].length <= 4000);
  assert.deepEqual([state.quiz.used, state.quiz.best, state.quiz.last, state.quiz.phase], [2, 100, 100, 1],
    "the attempts used and the scores are kept: the smallest state drops the pages seen and the videos");
  assert.equal(state.page, quizPage, "and where the learner was");
  assert.equal(t2.resumed, false, "a partial state: the result the LMS holds stands");
  assert.equal(api.data["cmi.success_status"], "passed", "the LMS's result is not lowered");
  assert.equal(api.data["cmi.score.raw"], "100");
  t2.exit();
  assert.equal(api.data["cmi.success_status"], "passed");
  assert.equal(api.data["cmi.score.raw"], "100");
});
