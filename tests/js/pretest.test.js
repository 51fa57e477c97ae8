"use strict";
/* The pre-test's tracking (tracking-pretest.js): one attempt, its answers interactions with the
 * pre-test's ids and the questions' weights, its score told to the learner and kept for a resume,
 * never the course's: a learner who aces the pre-test and fails the final has failed, in every
 * standard (docs/tracking.md). */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, fakeAPI, sets } = require("./lib.js");
const T = load("tracking.js");
const S = load("state.js");
const P = load("tracking-pretest.js");
const A12 = load("adapter-scorm12.js");
const A2004 = load("adapter-scorm2004.js");
const AX = load("adapter-xapi.js");
const C5 = load("adapter-cmi5.js");

const C1 = "https://c.example.ca/c1";
const act = (id, type) => ({ id, objectType: "Activity", definition: { type } });
const QS = (prefix) => [
  { id: "q1", interactionId: prefix + "Q1", type: "true-false", correct: [true], weight: 2, partial: false },
  { id: "q2", interactionId: prefix + "Q2", type: "single", choices: ["a", "b"], correct: ["a"], weight: 1, partial: false }
];
function config(target) {
  return {
    schema: 1, target, course: { id: C1, code: "C1", version: "1.0.0" }, languages: ["en"],
    completion: { pages: "all", video: 0, assessment: "passed" }, masteryScore: 80, suspendDataLimit: 4096,
    pages: [{ id: "baseline", kind: "pretest" }, { id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 80, attempts: 1, shuffle: false, draw: null, display: "all", questions: QS("final") },
    pretest: { id: "baseline", shuffle: false, draw: null, questions: QS("baseline"), feedback: "attempt", reveal: true },
    checks: [],
    xapi: {
      version: "1.0.3", languageTags: { en: "en-CA" }, lrs: null,
      course: act(C1, "http://adlnet.gov/expapi/activities/course"),
      pages: { intro: act(C1 + "/modules/intro", "http://adlnet.gov/expapi/activities/module") },
      videos: {},
      quiz: act(C1 + "/quizzes/final", "http://adlnet.gov/expapi/activities/assessment"),
      questions: { q1: act(C1 + "/quizzes/final/q/q1", "x"), q2: act(C1 + "/quizzes/final/q/q2", "x") },
      checks: {},
      pretest: {
        activity: act(C1 + "/quizzes/baseline", "http://adlnet.gov/expapi/activities/assessment"),
        questions: { q1: act(C1 + "/quizzes/baseline/q/q1", "x"), q2: act(C1 + "/quizzes/baseline/q/q2", "x") }
      }
    }
  };
}

const ACE = [{ q: 0, order: null, answer: true }, { q: 1, order: null, answer: "a" }];

/* The learner aces the pre-test, sees every page, then fails the final (its only attempt). */
function aceThenFail(t, cfg) {
  t.start();
  t.pageSeen(0);
  const st = P.take(t, cfg, ACE, [4000, 5000], 0);
  t.pageSeen(1);
  t.pageSeen(2);
  t.quizBegin();
  t.quizAnswer(0, false);
  t.quizAnswer(1, "b");
  t.quizCheck(0, 1000, true);
  t.quizCheck(1, 1000, true);
  t.quizFinish();
  return st;
}

test("SCORM 1.2: the pre-test's answers are interactions of its own; an aced pre-test never passes a failed final", () => {
  const cfg = config("scorm12");
  const api = fakeAPI();
  const t = T.createTracker(cfg, A12.create(api, { log: () => {} }), { log: () => {} });
  const st = aceThenFail(t, cfg);
  assert.deepEqual([st.taken, st.score, st.correct, st.asked], [true, 100, 2, 2]);
  const set = sets(api);
  const ids = set.filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, v]) => v);
  assert.deepEqual(ids, ["baselineQ1", "baselineQ2", "finalQ1", "finalQ2"]);
  const weights = set.filter(([k]) => /^cmi\.interactions\.[01]\.weighting$/.test(k)).map(([, v]) => v);
  assert.deepEqual(weights, ["2", "1"]); // the question's weight, never the course's score
  const status = set.filter(([k]) => k === "cmi.core.lesson_status").map(([, v]) => v);
  assert.equal(status.pop(), "failed");
  assert.ok(!status.includes("passed"));
  const raw = set.filter(([k]) => k === "cmi.core.score.raw").map(([, v]) => v);
  assert.ok(raw.every((v) => v === "0"), "the course's score is the final's: " + raw);
});

test("SCORM 2004: the same learner is failed, the pre-test's interactions weighted, never scored", () => {
  const cfg = config("scorm2004");
  const calls = [];
  const data = { "cmi.entry": "ab-initio", "cmi.mode": "normal", "cmi.location": "", "cmi.suspend_data": "", "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.learner_preference.language": "", "cmi.interactions._count": "0" };
  const api = {
    Initialize: () => "true", Terminate: () => "true", Commit: () => "true",
    GetValue: (k) => (k in data ? data[k] : ""), SetValue: (k, v) => { calls.push([k, String(v)]); data[k] = String(v); if (/^cmi\.interactions\.(\d+)\.id$/.test(k)) data["cmi.interactions._count"] = String(Number(k.split(".")[2]) + 1); return "true"; },
    GetLastError: () => "0", GetErrorString: () => "", GetDiagnostic: () => ""
  };
  const t = T.createTracker(cfg, A2004.create(api, { log: () => {} }), { log: () => {} });
  aceThenFail(t, cfg);
  const ids = calls.filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, v]) => v);
  assert.deepEqual(ids, ["baselineQ1", "baselineQ2", "finalQ1", "finalQ2"]);
  assert.equal(data["cmi.success_status"], "failed");
  assert.equal(data["cmi.score.scaled"] || "0", "0");
});

function xapiSetup(profile) {
  const statements = [];
  const env = {
    config: config("xapi"),
    launch: { endpoint: "https://lrs.example.ca/xapi/", auth: "Basic dTpw", actor: { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u1" } }, registration: "760e3480-ba55-4991-94b0-01820dbd23a2", activityId: "" },
    storage: null, now: (() => { let c = Date.UTC(2025, 0, 6); return () => (c += 1000); })(),
    setTimeout: (fn) => { Promise.resolve().then(fn); return 1; }, clearTimeout: () => {}, stateless: true, profile,
    fetch: (url, init) => {
      if (url.indexOf("statements") >= 0) JSON.parse(init.body).forEach((s) => statements.push(s));
      return Promise.resolve({ status: 200, text: () => Promise.resolve("") });
    }
  };
  const core = AX.createCore(env);
  return { core, env, statements, tracker: T.createTracker(env.config, core, { log: () => {} }) };
}

async function settle() {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

test("xAPI: answered under the pre-test, one scored statement on it; the course is failed, never passed", async () => {
  const h = xapiSetup();
  await new Promise((done) => h.core.loadState(done));
  aceThenFail(h.tracker, h.env.config);
  h.tracker.exit();
  await settle();
  const seen = h.statements.map((s) => s.verb.display["en-US"] + " " + s.object.id.replace(C1, ""));
  assert.deepEqual(seen.slice(0, 4), ["initialized ", "answered /quizzes/baseline/q/q1", "answered /quizzes/baseline/q/q2", "scored /quizzes/baseline"]);
  const scored = h.statements[3];
  assert.equal(scored.verb.id, "http://adlnet.gov/expapi/verbs/scored");
  assert.deepEqual(scored.result, { score: { scaled: 1, raw: 100, min: 0, max: 100 } });
  assert.deepEqual(h.statements[1].context.contextActivities.parent, [{ id: C1 + "/quizzes/baseline", objectType: "Activity" }]);
  assert.ok(seen.includes("failed "));
  assert.ok(!seen.some((v) => v.startsWith("passed")));
  assert.ok(!h.statements.some((s) => s.object.id === C1 + "/quizzes/baseline" && /passed|failed/.test(s.verb.id)));
});

test("cmi5: the pre-test's statements are allowed ones: the template, no cmi5 category", async () => {
  const template = { contextActivities: { grouping: [{ id: "https://lms.example.ca/au/1", objectType: "Activity" }] } };
  const h = xapiSetup(C5.profile ? C5.profile({ contextTemplate: template, launchMode: "Normal", masteryScore: 0.8 }) : { template });
  await new Promise((done) => h.core.loadState(done));
  aceThenFail(h.tracker, h.env.config);
  h.tracker.exit();
  await settle();
  const mine = h.statements.filter((s) => s.object.id.indexOf("/quizzes/baseline") >= 0);
  assert.equal(mine.length, 3);
  mine.forEach((s) => {
    assert.deepEqual(s.context.contextActivities.grouping[0], template.contextActivities.grouping[0]);
    assert.ok(!(s.context.contextActivities.category || []).length, "no cmi5 category on " + s.verb.id);
  });
});

test("a pre-test is taken once, and its result survives a resume", () => {
  const cfg = config("scorm12");
  const api = fakeAPI();
  const t = T.createTracker(cfg, A12.create(api, { log: () => {} }), { log: () => {} });
  t.start();
  P.take(t, cfg, [{ q: 0, order: null, answer: false }, { q: 1, order: null, answer: "a" }], [1, 1], 0);
  const again = P.take(t, cfg, ACE, [1, 1], 0);
  assert.deepEqual([again.score, again.correct, again.asked], [33, 1, 2]); // weights 2 and 1: 1/3 right
  const data = sets(api).filter(([k]) => k === "cmi.suspend_data").pop()[1];
  const back = S.decode(cfg, data);
  assert.deepEqual([back.pretest.taken, back.pretest.score, back.pretest.correct, back.pretest.asked], [true, 33, 1, 2]);
  assert.deepEqual(back.pretest.items.map((it) => it.answer), [false, "a"]);
  assert.equal(sets(api).filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).length, 2);
});

test("a survey pre-test has no score: its answers are recorded, completed is said instead", () => {
  const cfg = config("scorm12");
  cfg.pretest.questions = [{ id: "s1", interactionId: "baselineS1", type: "likert", scale: ["1", "2"], weight: 1, partial: false }];
  const t = T.createTracker(cfg, A12.create(fakeAPI(), { log: () => {} }), { log: () => {} });
  t.start();
  const st = P.take(t, cfg, [{ q: 0, order: null, answer: "2" }], [1], 0);
  assert.deepEqual([st.score, st.correct, st.asked], [null, 0, 0]);
});

test("completion pages: all never waits for the pre-test's page, nor does an after-pages lock", () => {
  const cfg = config("scorm12");
  const o = T.decide(cfg, { seen: [false, true, true], videosOk: true, best: 100, used: 1 });
  assert.deepEqual([o.completion, o.remaining], ["completed", []]);
  cfg.completion.assessmentOpens = "after-pages";
  const t = T.createTracker(cfg, A12.create(fakeAPI(), { log: () => {} }), { log: () => {} });
  t.start();
  t.pageSeen(1);
  assert.deepEqual(t.assessmentBlockers(), []);
});

test("SCORM 2004 progress is the share of the pages to see: the pre-test's is not one of them", () => {
  const cfg = config("scorm12");
  const a = { calls: [], name: "rec", tracking: true };
  ["setResult", "setBookmark", "recordInteraction", "setSessionTime", "setExit", "commit", "finish", "setProgress"].forEach((n) => {
    a[n] = (...args) => { a.calls.push([n].concat(args)); return true; };
  });
  a.init = () => ({ ok: true, entry: "", status: "not attempted", mode: "normal", location: "", suspendData: "", language: "" });
  const t = T.createTracker(cfg, a, { log: () => {} });
  t.start();
  t.pageSeen(1);
  t.pageSeen(2);
  const progress = a.calls.filter((c) => c[0] === "setProgress").map((c) => c[1]);
  assert.equal(progress.pop(), 1); // the pre-test skipped: every page to see is seen
});

test("a pre-test without a final assessment: its block alone, the budget as the state", () => {
  const cfg = config("scorm12");
  cfg.assessment = null;
  cfg.pages = cfg.pages.slice(0, 2);
  const t = T.createTracker(cfg, A12.create(fakeAPI(), { log: () => {} }), { log: () => {} });
  t.start();
  const st = P.take(t, cfg, ACE, [1, 1], 0);
  const text = S.encode(cfg, t.state, null).text;
  assert.deepEqual(S.decode(cfg, text).pretest, st);
});
