"use strict";
/* The tracking core: the status decision table (completion rule x score x mastery), never a
 * downgrade, and what it asks of its adapter. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, rng, THEME } = require("./lib.js");
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
const facts = (seen, videosOk, best, used) => ({ seen, videosOk, best, used: used || 0 });
const SEEN = [true, true, true];
const UNSEEN = [true, false, true];

test("the decision: completion from the rule, success from the best score, both apart", () => {
  const rows = [
    // [completion rule, facts, completion, success, score, remaining, assessment left, out, done]
    [ALL, facts([false, false, false], false, null), "incomplete", "unknown", null, [0, 1, 2], "pass", false, false],
    [ALL, facts(SEEN, true, null), "incomplete", "unknown", null, [], "pass", false, false],
    [ALL, facts(SEEN, true, 90), "completed", "passed", 90, [], "", false, true],
    [ALL, facts(SEEN, true, 80), "completed", "passed", 80, [], "", false, true],
    [ALL, facts(UNSEEN, true, 90), "incomplete", "passed", 90, [1], "", false, false], // passed, a page unseen
    [ALL, facts(SEEN, false, 90), "incomplete", "passed", 90, [], "", false, false],   // passed, video missing
    [ALL, facts(SEEN, true, 79, 1), "incomplete", "failed", 79, [], "pass", false, false], // a retry is left
    [ALL, facts(UNSEEN, true, 50, 2), "incomplete", "failed", 50, [1], "pass", true, true], // out of attempts
    [{ pages: "all", video: 0, assessment: "attempted" }, facts(SEEN, true, 50, 1), "completed", "failed", 50, [], "", false, true],
    [{ pages: "all", video: 0, assessment: "attempted" }, facts(UNSEEN, true, 50, 2), "incomplete", "failed", 50, [1], "", true, false],
    [{ pages: "all", video: 0, assessment: "attempted" }, facts(SEEN, true, null), "incomplete", "unknown", null, [], "attempt", false, false],
    [{ pages: "all", video: 0, assessment: "none" }, facts(SEEN, true, null), "completed", "unknown", null, [], "", false, true],
    [{ pages: "all", video: 0, assessment: "none" }, facts(SEEN, true, 60, 1), "completed", "failed", 60, [], "", false, true],
    [{ pages: "none", video: 0, assessment: "passed" }, facts(UNSEEN, true, 95, 1), "completed", "passed", 95, [], "", false, true],
    [{ pages: "none", video: 0, assessment: "none" }, facts([false, false, false], true, null), "completed", "unknown", null, [], "", false, true]
  ];
  rows.forEach((r, n) => {
    const o = T.decide(course(r[0], 80), r[1]);
    assert.deepEqual([o.completion, o.success, o.score, o.remaining, o.assessment, o.outOfAttempts, o.done],
      r.slice(2), "row " + n);
  });
  const noQuiz = course({ pages: "all", video: 90, assessment: "passed" }, null, { assessment: null });
  assert.equal(T.decide(noQuiz, facts(SEEN, true, null)).completion, "completed");
  assert.equal(T.decide(noQuiz, facts(SEEN, false, null)).completion, "incomplete");
  assert.equal(T.decide(noQuiz, facts(SEEN, false, null)).video, true);
  // no mastery score: the pass mark judges
  assert.equal(T.decide(course(ALL, null), facts(SEEN, true, 85)).success, "passed");
});

test("outcome ranks: what a state that could not be restored never lowers", () => {
  const o = (completion, success) => ({ completion, success });
  assert.equal(T.rankOf(o("completed", "passed")), T.RANK.passed);
  assert.equal(T.rankOf(o("completed", "failed")), T.RANK.completed);
  assert.equal(T.rankOf(o("completed", "unknown")), T.RANK.completed);
  assert.equal(T.rankOf(o("incomplete", "failed")), T.RANK.failed);
  assert.equal(T.rankOf(o("incomplete", "passed")), T.RANK.incomplete);
  assert.equal(T.rankOf(o("incomplete", "unknown")), T.RANK.incomplete);
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
    setResult: rec("setResult"), setBookmark: rec("setBookmark"),
    recordInteraction: rec("recordInteraction"), setSessionTime: rec("setSessionTime"),
    setExit: rec("setExit"), commit: rec("commit"), finish: rec("finish")
  };
}

function names(a) {
  return a.calls.map((c) => c[0]);
}

/* The last outcome the core asked the adapter to record, as [completion, success, score]. */
function lastResult(a) {
  const o = a.calls.filter((c) => c[0] === "setResult").pop()[1];
  return [o.completion, o.success, o.score];
}

function play(tracker, answers) {
  tracker.quizBegin();
  tracker.state.quiz.items.forEach((it, i) => tracker.quizAnswer(i, answers[it.q]));
  tracker.state.quiz.items.forEach((it, i) => tracker.quizCheck(i, 1000, true));
  return tracker.quizFinish();
}

test("first launch: incomplete; pages, the outcome, exit, session time at every commit, one finish", () => {
  const a = recorder();
  let clock = 1000;
  const t = T.createTracker(course(ALL, 80), a, { now: () => clock, log: () => {} });
  t.start();
  assert.equal(a.calls[1][0], "setResult");
  assert.deepEqual(lastResult(a), ["incomplete", "unknown", null]);
  clock = 61000;
  t.pageSeen(0);
  const commit = names(a).indexOf("commit");
  assert.deepEqual(a.calls[commit - 1], ["setSessionTime", 60000]); // kept current at each commit
  t.pageSeen(1);
  t.videoProgress(1, 100);
  t.pageSeen(2);
  assert.equal(lastResult(a)[2], null);
  const r = play(t, [true, "a"]);
  assert.equal(r.score, 100);
  assert.deepEqual(lastResult(a), ["completed", "passed", 100]);
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
  assert.deepEqual(lastResult(a), ["incomplete", "failed", 0]);
  assert.deepEqual(a.calls.filter((c) => c[0] === "setExit").pop(), ["setExit", false]); // a retry is left
  assert.equal(t.canRetry(), true);
  assert.equal(t.quizRetry(), true);
  play(t, [true, "a"]);
  assert.deepEqual(lastResult(a), ["completed", "passed", 100]);
  assert.equal(t.canRetry(), false);
});

test("a pass on a retry replaces the fail even before every page is seen [issue 12]", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(2); // the assessment, from the menu
  play(t, [true, "b"]);
  assert.deepEqual(lastResult(a), ["incomplete", "failed", 50]);
  t.quizRetry();
  play(t, [true, "a"]);
  assert.deepEqual(lastResult(a), ["incomplete", "passed", 100]);
  assert.deepEqual(t.status().outcome.remaining, [0, 1]);
  t.pageSeen(0);
  t.pageSeen(1);
  t.videoProgress(1, 100);
  assert.deepEqual(lastResult(a), ["completed", "passed", 100]);
});

test("the next attempt's questions are drawn ahead, unsaved, and that attempt is exactly them", () => {
  const base = course(ALL, 80);
  const questions = [0, 1, 2, 3, 4, 5].map((n) => ({ id: "q" + n, type: "true-false", correct: [true] }));
  const config = course(ALL, 80, { assessment: Object.assign({}, base.assessment, { draw: 2, shuffle: true, questions }) });
  const a = recorder();
  const t = T.createTracker(config, a, { log: () => {}, rng: rng(11) });
  t.start();
  const written = a.calls.length;
  const ahead = t.quizAhead();
  assert.equal(ahead.length, 2);
  assert.deepEqual(t.quizAhead(), ahead); // drawn once, not again on each call
  assert.deepEqual(t.state.quiz.items, []); // nothing in the state the LMS will hold...
  assert.equal(a.calls.length, written); // ...and nothing written
  assert.equal(t.quizBegin(), true);
  assert.deepEqual(t.state.quiz.items.map((it) => it.q), ahead); // the attempt is what was fetched
  assert.deepEqual(t.quizAhead(), ahead); // while it lasts: its own questions
  t.quizFinish();
  assert.deepEqual(t.quizAhead(), []); // a result on screen: no attempt to come yet
  assert.equal(t.quizRetry(), true);
  assert.equal(t.quizAhead().length, 2);
  assert.deepEqual(t.quizAhead(), t.state.quiz.items.map((it) => it.q));
});

test("an attempt begun unsaved is written with the page seen next: one bookmark, one commit", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {}, rng: rng(3) });
  t.start();
  t.pageSeen(0);
  t.pageSeen(1);
  const before = a.calls.length;
  assert.equal(t.quizBegin(true), true); // entering the assessment (player-nav.js show)
  assert.equal(a.calls.length, before, "nothing written until the page seen saves it");
  t.pageSeen(2);
  const step = a.calls.slice(before);
  const bookmarks = step.filter((c) => c[0] === "setBookmark");
  assert.equal(bookmarks.length, 1);
  assert.equal(step.filter((c) => c[0] === "commit").length, 1);
  assert.equal(bookmarks[0][1], "final");
  const held = S.decode(course(ALL, 80), bookmarks[0][2]);
  assert.deepEqual(held.quiz.items.map((it) => it.q), t.state.quiz.items.map((it) => it.q));
  assert.equal(held.quiz.items.length, 2);
});

test("a state that cannot be restored never lowers the LMS's completed or passed", () => {
  const a = recorder({ status: "passed", entry: "resume" });
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(0);
  t.quizBegin();
  t.quizFinish(); // score 0 < mastery: would be failed
  assert.deepEqual(a.calls.filter((c) => c[0] === "setResult"), []);
});

test("a resume state cut short (an LMS that truncated it) is not an attempt: it is drawn again, whole", () => {
  const base = course(ALL, 80);
  const questions = [0, 1, 2, 3, 4, 5].map((n) => ({ id: "q" + n, type: "true-false", correct: [true] }));
  const config = course(ALL, 80, { assessment: Object.assign({}, base.assessment, { draw: 4, shuffle: true, questions }) });
  const s = S.fresh(config);
  s.visited = [true, true, true];
  s.page = 2;
  s.quiz.items = [0, 1, 2, 3].map((q) => ({ q, checked: q < 2, order: null, answer: q < 2 ? true : null }));
  const whole = S.encode(config, s, null).text;
  const cut = whole.split("|").slice(0, -2).join("|"); // the last two questions' fields lost
  const t = T.createTracker(config, recorder({ entry: "resume", status: "incomplete", suspendData: cut, location: "final" }), { log: () => {}, rng: rng(3) });
  t.start();
  assert.equal(t.resumed, true);
  assert.deepEqual(t.state.visited, [true, true, true]); // the rest of the state is kept
  assert.equal(t.quizBegin(), true);
  assert.equal(t.state.quiz.items.length, 4); // the attempt asks its four questions, not two
  assert.ok(t.state.quiz.items.every((it) => !it.checked));
  const right = t.state.quiz.items.map((it) => it.q);
  t.state.quiz.items.forEach((it, i) => t.quizAnswer(i, it.q === right[0]));
  t.state.quiz.items.forEach((it, i) => t.quizCheck(i, 1000, true));
  assert.equal(t.quizFinish().score, 25); // one of four, not scored on the two left
  // a whole state resumes its attempt as it was
  const t2 = T.createTracker(config, recorder({ entry: "resume", status: "incomplete", suspendData: whole, location: "final" }), { log: () => {} });
  t2.start();
  assert.equal(t2.quizBegin(), false);
  assert.deepEqual(t2.state.quiz.items, s.quiz.items);
});

test("the result screen says what the LMS holds when the state that earned it could not be restored", () => {
  const O = load("outcome.js");
  const told = (status, opts) => {
    const a = recorder({ status, entry: "resume", suspendData: "1|zzzz|junk" });
    const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
    t.start();
    t.pageSeen(2); // the assessment, from the menu: the other pages not seen in this session
    play(t, [true, "b"]); // 50: not passed
    const r = O.report(t.status(), Object.assign({ resumed: t.resumed }, opts));
    return [r.record.map((l) => l.key), r.todo];
  };
  assert.deepEqual(told("passed", {}), [["record_complete_passed"], []]);
  assert.deepEqual(told("passed", { holdsScore: true }), [["record_complete_passed"], []]);
  assert.deepEqual(told("passed", { failedAtEnd: true }), [["record_complete_passed"], []]);
  assert.deepEqual(told("completed", {}), [["record_complete"], []]);
  // what this session decides, where it is not below what the LMS holds
  assert.deepEqual(told("failed", {}), [["record_failed"], []]);
  assert.deepEqual(told("incomplete", { holdsScore: true }), [["record_failed_score_held"], []]);
  assert.deepEqual(told("", {}), [["record_failed"], []]);
  // a pass in this session that the LMS's earlier fail outranks (SCORM 1.2 one status)
  const a = recorder({ status: "failed", entry: "resume", suspendData: "1|zzzz|junk" });
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(2);
  play(t, [true, "a"]);
  const r = O.report(t.status(), { holdsScore: true, skip: 2, resumed: t.resumed });
  assert.deepEqual(r.record.map((l) => l.key), ["record_failed_score_held"]);
  assert.deepEqual([r.next.key, r.todo], ["record_passed_todo", [0, 1]]); // what turns it into a pass
  // a state restored: this session's facts are the whole story, whatever the LMS held at launch
  const config = course(ALL, 80);
  const s = S.fresh(config);
  const t2 = T.createTracker(config, recorder({ status: "failed", entry: "resume", suspendData: S.encode(config, s, null).text }), { log: () => {} });
  t2.start();
  t2.pageSeen(2);
  play(t2, [true, "a"]);
  assert.equal(t2.resumed, true);
  assert.deepEqual(O.report(t2.status(), { holdsScore: true, resumed: true }).record.map((l) => l.key), ["record_score_held"]);
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

test("review and browse modes and no LMS: the course plays, nothing is written", () => {
  for (const mode of ["review", "browse"]) {
    const a = recorder({ mode });
    const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
    t.start();
    t.pageSeen(1);
    play(t, [true, "a"]);
    t.exit();
    assert.deepEqual(names(a), ["init", "finish"], mode);
    assert.equal(t.status().recorded, false);
  }
  const none = load("adapter-none.js").create();
  const t2 = T.createTracker(course(ALL, 80), none, {});
  t2.start();
  assert.equal(t2.tracking, false);
  t2.pageSeen(2);
  assert.equal(play(t2, [true, "b"]).score, 50);
  assert.equal(t2.status().outcome.success, "failed");
  assert.equal(t2.status().recorded, false);
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

test("completion.assessmentOpens after-pages: the assessment waits for the pages, then never locks again", () => {
  const config = course(Object.assign({ assessmentOpens: "after-pages" }, ALL), 80);
  const t = T.createTracker(config, recorder(), { log: () => {} });
  t.start();
  assert.deepEqual(t.assessmentBlockers(), [0, 1]);
  t.pageSeen(2);
  assert.deepEqual(t.assessmentBlockers(), [0, 1], "opening the assessment does not unlock it");
  t.pageSeen(0);
  t.pageSeen(1);
  assert.deepEqual(t.assessmentBlockers(), []);
  t.quizBegin();
  const open = T.createTracker(course(ALL, 80), recorder(), { log: () => {} });
  open.start();
  assert.deepEqual(open.assessmentBlockers(), [], "by default the assessment is open");
});

test("hidden or leaving with nothing new: no commit, so an LMS's own finish stands (forma.lms)", () => {
  const a = recorder();
  let clock = 0;
  const t = T.createTracker(course(ALL, 80), a, { now: () => clock, log: () => {} });
  t.start();
  clock = 30000;
  t.pageSeen(0);
  const commits = () => names(a).filter((n) => n === "commit").length;
  const c = commits();
  clock = 45000;
  t.suspend();
  assert.equal(commits(), c, "everything was committed at the page: nothing to send");
  t.pageSeen(2);
  t.quizBegin();
  t.quizAnswer(0, true); // typed, not checked: new
  t.suspend();
  assert.equal(commits(), c + 2);
  clock = 60000;
  t.exit();
  assert.equal(commits(), c + 2, "LMSFinish stores the data itself");
  assert.deepEqual(a.calls.slice(-2), [["setSessionTime", 60000], ["finish"]]);
});

/* Issue 13 #7: "Your progress is saved in your learning platform" while the LMS rejected the
 * data (LMSSetValue -> "false", 405). What the learner is told follows what the LMS said. */
test("what the status line says of saving: the LMS's refusal with its error, until a commit is taken", () => {
  const O = load("outcome.js");
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  const keys = (opts) => O.statusLines(t.status(), Object.assign({ found: true }, opts)).map((l) => [l.key, l.vars]);
  assert.deepEqual(keys({}), [["tracking_on", null]]);
  assert.deepEqual(keys({ greeting: true }), [["tracking_on", null], ["resumed", null]]);
  const refused = { code: "405", text: "Incorrect Data Type" };
  assert.deepEqual(keys({ error: refused }), [["save_refused", { error: "405 \u2013 Incorrect Data Type" }]]);
  assert.deepEqual(keys({ error: { code: "391", text: "" } }), [["save_refused", { error: "391" }]]);
  const [[none]] = keys({ error: { code: 0, text: "" } }); // xAPI: no answer, said in words, never "error 0"
  assert.equal(none, "save_no_answer");
  const en = JSON.parse(require("node:fs").readFileSync(require("node:path").join(THEME, "i18n", "en.json"), "utf8"));
  for (const k of ["save_no_answer", "save_unread", "save_unreachable"]) assert.ok(!en[k].includes("{error}"), k);
  assert.deepEqual(keys({ error: { code: 403, text: "Forbidden", final: true, key: "save_unconfirmed" } }), [["save_unconfirmed", { error: "403 \u2013 Forbidden" }]]);
  assert.deepEqual(keys({ error: { code: 400, text: "Bad Request", final: true } }), [["save_lost", { error: "400 \u2013 Bad Request" }]]);
  assert.deepEqual(keys({ ended: true, error: refused }), [["session_ended_unsaved", null]]);
  assert.deepEqual(keys({ ended: true }), [["session_ended", null]]);
  assert.deepEqual(keys({ found: false }), [["tracking_off", null]]);
});

test("the result screen never says recorded while the writes that record it were refused", () => {
  const O = load("outcome.js");
  const a = recorder();
  const t = T.createTracker(course({ pages: "all", video: 0, assessment: "passed" }, 80), a, { log: () => {} });
  t.start();
  [0, 1, 2].forEach((i) => t.pageSeen(i));
  play(t, [true, "a"]);
  const record = (opts) => O.report(t.status(), opts).record.map((l) => l.key);
  assert.deepEqual(record({}), ["record_complete_passed"]);
  assert.deepEqual(record({ saveFailed: true }), ["record_unsaved"]);
});

test("a bookmark, an exit or an answer the LMS refused is written again at the next milestone", () => {
  const a = recorder();
  let refuse = true;
  const no = (name) => (...args) => { a.calls.push([name].concat(args)); return !refuse; };
  a.setBookmark = no("setBookmark");
  a.setExit = no("setExit");
  a.recordInteraction = no("recordInteraction");
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(0);
  t.quizBegin();
  t.state.quiz.items.forEach((it, i) => t.quizAnswer(i, it.q === 0 ? true : "a"));
  t.quizCheck(0, 1000);
  const count = (n) => a.calls.filter((c) => c[0] === n).length;
  const before = { b: count("setBookmark"), e: count("setExit"), i: count("recordInteraction") };
  refuse = false;
  t.pageSeen(0); // nothing new: only what was refused goes again
  assert.equal(count("setBookmark"), before.b + 1);
  assert.equal(a.calls.filter((c) => c[0] === "setBookmark").pop()[1], "p1"); // the location too
  assert.equal(count("setExit"), before.e + 1);
  assert.equal(count("recordInteraction"), before.i + 1);
  t.pageSeen(0); // taken: not again
  assert.equal(count("recordInteraction"), before.i + 1);
  assert.equal(count("setExit"), before.e + 1);
});

test("issue 15: a knowledge check's answer is an interaction, never the score, the status or the state", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  [0, 1, 2].forEach((p) => t.pageSeen(p));
  t.videoProgress(1, 95);
  const before = JSON.stringify(t.state);
  const it = { id: "p1CheckQ1", type: "true-false", response: true, patterns: [true], correct: true, latencyMs: 900, time: new Date(0), weighting: 0 };
  t.recordCheck(it);
  t.recordCheck(Object.assign({}, it, { response: false, correct: false }));
  const recorded = a.calls.filter((c) => c[0] === "recordInteraction").map((c) => c[1]);
  assert.deepEqual(recorded.map((r) => [r.id, r.correct, r.weighting]), [["p1CheckQ1", true, 0], ["p1CheckQ1", false, 0]]);
  assert.deepEqual(lastResult(a), ["incomplete", "unknown", null]); // the final decides, not a check
  assert.equal(JSON.stringify(t.state), before); // formative: nothing kept for the next session
  assert.equal(names(a).pop(), "commit"); // recorded at once
  play(t, [true, "a"]);
  assert.deepEqual(lastResult(a), ["completed", "passed", 100]);
});

test("issue 15: a check's answers are not recorded where nothing records (no LMS, browse)", () => {
  const a = recorder({ mode: "browse" });
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.recordCheck({ id: "x", type: "true-false", response: true, patterns: [true], correct: true, latencyMs: 1, time: new Date(0), weighting: 0 });
  assert.equal(names(a).filter((n) => n === "recordInteraction").length, 0);
});

test("a video's place alone: kept in memory at each timeupdate, written and committed at a pause", () => {
  const a = recorder();
  const t = T.createTracker(course(ALL, 80), a, { log: () => {} });
  t.start();
  t.pageSeen(1);
  const parts = "fffffffffffffff3000000000"; // 0-62 % watched
  assert.equal(t.videoProgress(1, 30, "b4" + parts), true); // 25 % crossed: a milestone commit
  const before = a.calls.length;
  t.videoProgress(1, 30, "h8" + parts); // the player moved on (a timeupdate): no LMS call
  assert.equal(a.calls.length, before);
  t.suspend(); // what player-video.js calls at a pause, an end, a hidden page
  const after = a.calls.slice(before);
  const bookmark = after.find((c) => c[0] === "setBookmark");
  assert.ok(bookmark && S.decode(course(ALL, 80), bookmark[2]).watched[0] === "h8" + parts, JSON.stringify(after));
  assert.deepEqual(names({ calls: after }).filter((n) => n === "commit"), ["commit"]);
  const done = a.calls.length;
  t.suspend(); // nothing new: no commit
  assert.equal(a.calls.length, done);
});
