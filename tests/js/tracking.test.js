"use strict";
/* The tracking core: the status decision table (completion rule x score x mastery), never a
 * downgrade, and what it asks of its adapter. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, rng } = require("./lib.js");
const T = load("tracking.js");
const S = load("state.js");
const CONFIGS = require("./fixtures/budget-configs.json");

function course(completion, masteryScore, extra) {
  return Object.assign({
    languages: ["en"], completion, masteryScore, suspendDataLimit: 4096,
    pages: [{ id: "p1", kind: "page", video: null }, { id: "v", kind: "page", video: { kind: "link" } }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 80, attempts: 2, shuffle: false, draw: null, display: "all",
      questions: [{ id: "q1", type: "true-false", correct: [true] }, { id: "q2", type: "single", choices: ["a", "b"], correct: ["a"] }] }
  }, extra || {});
}

const ALL = { pages: "all", video: 90, assessment: "passed" };
const facts = (allSeen, videosOk, best, outOfAttempts) => ({ allSeen, videosOk, best, outOfAttempts: !!outOfAttempts });

test("status decision table", () => {
  const rows = [
    // [completion, mastery, facts, status, score written, done]
    [ALL, 80, facts(false, false, null), "incomplete", null, false],
    [ALL, 80, facts(true, true, null), "incomplete", null, false],
    [ALL, 80, facts(true, true, 90), "passed", 90, true],
    [ALL, 80, facts(true, true, 80), "passed", 80, true],
    [ALL, 80, facts(false, true, 90), "incomplete", null, false], // passed, pages missing: score held back
    [ALL, 80, facts(true, false, 90), "incomplete", null, false], // passed, video missing: score held back
    [ALL, 80, facts(true, true, 79), "failed", 79, false],      // attempts left
    [ALL, 80, facts(false, true, 50, true), "failed", 50, true], // no attempts left
    [{ pages: "all", video: 0, assessment: "attempted" }, 80, facts(true, true, 50), "failed", 50, true],
    [{ pages: "all", video: 0, assessment: "attempted" }, 80, facts(true, true, 85), "passed", 85, true],
    [{ pages: "all", video: 0, assessment: "attempted" }, 80, facts(false, true, 50), "failed", 50, false],
    [{ pages: "all", video: 0, assessment: "attempted" }, 80, facts(true, true, null), "incomplete", null, false],
    [{ pages: "all", video: 0, assessment: "none" }, 80, facts(true, true, null), "completed", null, true],
    [{ pages: "all", video: 0, assessment: "none" }, 80, facts(false, true, null), "incomplete", null, false],
    [{ pages: "all", video: 0, assessment: "none" }, 80, facts(true, true, 60), "failed", 60, true],
    [{ pages: "all", video: 0, assessment: "none" }, 80, facts(true, true, 95), "passed", 95, true],
    [{ pages: "none", video: 0, assessment: "passed" }, 80, facts(false, true, 95), "passed", 95, true],
    [{ pages: "none", video: 0, assessment: "none" }, 80, facts(false, true, null), "completed", null, true],
    // no mastery score: the LMS does not judge; the score is reported, the status follows the rule
    [ALL, null, facts(true, true, 85), "completed", 85, true],
    [ALL, null, facts(true, true, 60), "incomplete", 60, false]
  ];
  rows.forEach((r, n) => {
    const d = T.decideStatus(course(r[0], r[1]), r[2]);
    assert.deepEqual(d, { status: r[3], score: r[4], done: r[5] }, "row " + n);
  });
  const noQuiz = course({ pages: "all", video: 90, assessment: "passed" }, null, { assessment: null });
  assert.equal(T.decideStatus(noQuiz, facts(true, true, null)).status, "completed");
  assert.equal(T.decideStatus(noQuiz, facts(true, false, null)).status, "incomplete");
});

test("never downgrade", () => {
  const order = ["", "not attempted", "browsed", "incomplete", "failed", "completed", "passed"];
  assert.equal(T.mayWrite("completed", "incomplete"), false);
  assert.equal(T.mayWrite("passed", "incomplete"), false);
  assert.equal(T.mayWrite("passed", "failed"), false);
  assert.equal(T.mayWrite("passed", "completed"), false);
  assert.equal(T.mayWrite("completed", "failed"), false);
  assert.equal(T.mayWrite("failed", "incomplete"), false);
  assert.equal(T.mayWrite("failed", "passed"), true);
  assert.equal(T.mayWrite("incomplete", "failed"), true);
  assert.equal(T.mayWrite("not attempted", "incomplete"), true);
  assert.equal(T.mayWrite("failed", "failed"), true);
  assert.ok(order.every((s) => T.mayWrite(s, "passed")));
});

test("learner preference to language", () => {
  assert.equal(T.languageIndex(["en", "fr"], "fr-CA"), 1);
  assert.equal(T.languageIndex(["en", "fr"], "French"), 1);
  assert.equal(T.languageIndex(["en", "fr"], "français"), 1);
  assert.equal(T.languageIndex(["en", "fr"], "es"), -1);
  assert.equal(T.languageIndex(["en", "fr"], ""), -1);
});

/* An adapter that records what the core asks of it. */
function recorder(init) {
  const calls = [];
  const rec = (name) => (...args) => { calls.push([name].concat(args)); return true; };
  return {
    calls,
    name: "rec", tracking: true,
    init: () => { calls.push(["init"]); return Object.assign({ ok: true, entry: "", status: "not attempted", mode: "normal", location: "", suspendData: "", language: "" }, init); },
    setScore: rec("setScore"), setStatus: rec("setStatus"), setBookmark: rec("setBookmark"),
    recordInteraction: rec("recordInteraction"), setSessionTime: rec("setSessionTime"),
    setExit: rec("setExit"), commit: rec("commit"), finish: rec("finish")
  };
}

function names(a) {
  return a.calls.map((c) => c[0]);
}

function play(tracker, answers) {
  tracker.quizBegin();
  tracker.state.quiz.items.forEach((it, i) => tracker.quizAnswer(i, answers[it.q]));
  tracker.state.quiz.items.forEach((it, i) => tracker.quizCheck(i, 1000, true));
  return tracker.quizFinish();
}

test("first launch: incomplete; pages, score before status, exit, one finish", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { now: () => 1000, log: () => {} });
  t.start();
  assert.deepEqual(a.calls[1], ["setStatus", "incomplete"]);
  t.pageSeen(0);
  t.pageSeen(1);
  t.videoProgress(1, 100);
  t.pageSeen(2);
  assert.ok(!names(a).includes("setScore"));
  const r = play(t, [true, "a"]);
  assert.equal(r.score, 100);
  const i = names(a).lastIndexOf("setScore");
  assert.deepEqual(a.calls[i], ["setScore", 100]);
  assert.deepEqual(a.calls[i + 1], ["setStatus", "passed"]);
  assert.deepEqual(a.calls.filter((c) => c[0] === "setExit").pop(), ["setExit", true]);
  assert.equal(names(a).filter((n) => n === "recordInteraction").length, 2);
  t.exit();
  t.exit();
  assert.equal(names(a).filter((n) => n === "finish").length, 1);
  assert.equal(names(a).pop(), "finish");
  const before = a.calls.length;
  t.pageSeen(0);
  t.suspend();
  assert.equal(a.calls.length, before, "nothing after finish");
});

test("a failed attempt reports failed, a passed retry upgrades; after passing nothing goes down", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  [0, 1, 2].forEach((p) => t.pageSeen(p));
  t.videoProgress(1, 95);
  play(t, [false, "b"]);
  assert.deepEqual(a.calls.filter((c) => c[0] === "setStatus").pop(), ["setStatus", "failed"]);
  assert.deepEqual(a.calls.filter((c) => c[0] === "setExit").pop(), ["setExit", false]); // a retry is left
  assert.equal(t.canRetry(), true);
  assert.equal(t.quizRetry(), true);
  play(t, [true, "a"]);
  assert.deepEqual(a.calls.filter((c) => c[0] === "setStatus").pop(), ["setStatus", "passed"]);
  assert.equal(t.canRetry(), false);
});

test("resume: an LMS status of completed or passed is never written down", () => {
  const a = recorder({ status: "passed", entry: "resume" });
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(0);
  t.quizBegin();
  t.quizFinish(); // score 0 < mastery: would be failed
  const statuses = a.calls.filter((c) => c[0] === "setStatus" || c[0] === "setScore");
  assert.deepEqual(statuses, []);
});

test("resume restores the state and the page; a stale state starts afresh", () => {
  const config = course(ALL, 80);
  const s = S.fresh(config);
  s.page = 2;
  s.visited = [true, false, true];
  s.lang = 0;
  const text = S.encode(config, s, null).text;
  const t = T.createTracker(config, recorder({ entry: "resume", status: "incomplete", suspendData: text, location: "final" }), { log: () => {} });
  t.start();
  assert.equal(t.resumed, true);
  assert.deepEqual(t.state.visited, [true, false, true]);
  const logs = [];
  const t2 = T.createTracker(config, recorder({ suspendData: "1|zzzz|junk", location: "v", language: "en" }), { log: (m) => logs.push(m) });
  t2.start();
  assert.equal(t2.resumed, false);
  assert.equal(t2.state.page, 1); // from lesson_location
  assert.equal(logs.length, 1);
});

test("review mode and no LMS: the course plays, nothing is written", () => {
  const a = recorder({ mode: "review" });
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(1);
  play(t, [true, "a"]);
  t.exit();
  assert.deepEqual(names(a), ["init", "finish"]);
  const none = load("adapter-none.js").create();
  const t2 = T.createTracker(course(ALL, 80), none, {});
  t2.start();
  assert.equal(t2.tracking, false);
  t2.pageSeen(2);
  assert.equal(play(t2, [true, "b"]).score, 50);
  assert.equal(t2.status().decision.status, "failed");
  assert.equal(t2.exit(), true);
});

test("suspend_data is never longer than config.suspendDataLimit; what is dropped is logged", () => {
  const config = JSON.parse(JSON.stringify(CONFIGS[3].config));
  config.suspendDataLimit = 120;
  const a = recorder();
  const logs = [];
  const t = T.createTracker(config, a, { log: (m) => logs.push(m), rng: rng(1) });
  t.start();
  t.pageSeen(2);
  t.quizBegin();
  t.state.quiz.items.forEach((it, i) => {
    const q = config.assessment.questions[it.q];
    if (q.type === "fill-in") t.quizAnswer(i, "x".repeat(200));
  });
  t.suspend();
  const data = a.calls.filter((c) => c[0] === "setBookmark").map((c) => c[2]);
  assert.ok(data.length > 0);
  data.forEach((d) => assert.ok(d === null || d.length <= 120, String(d && d.length)));
  assert.ok(logs.some((m) => /dropped typed text of unchecked questions/.test(m)), logs.join("\n"));
});

test("video progress commits at milestones only", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  const commits = () => names(a).filter((n) => n === "commit").length;
  let c = commits();
  assert.equal(t.videoProgress(1, 10), false);
  assert.equal(commits(), c);
  assert.equal(t.videoProgress(1, 26), true);
  assert.equal(commits(), c + 1);
  assert.equal(t.videoProgress(1, 20), false); // never goes back
  assert.equal(t.state.video[0], 26);
  c = commits();
  assert.equal(t.videoProgress(1, 91), true); // crosses 50, 75 and the course's 90
  assert.equal(commits(), c + 1);
  assert.equal(t.videoProgress(0, 50), false); // a page without video
});
