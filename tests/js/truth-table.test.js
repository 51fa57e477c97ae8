"use strict";
/* docs/tracking.md's truth table, walked row by row: each row's journey is played through the
 * tracking core and the real adapters, against the preview's strict SCORM 1.2 and 2004 LMSs
 * (builder/preview/static) and a recording LRS, and what each one then holds, and what the result
 * screen says (tracking.js report), must be the row's. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { load } = require("./lib.js");

const ROOT = path.resolve(__dirname, "..", "..");
const T = load("tracking.js");
const A12 = load("adapter-scorm12.js");
const A2004 = load("adapter-scorm2004.js");
const AX = load("adapter-xapi.js");
const LMS12 = require(path.join(ROOT, "builder", "preview", "static", "scorm12-api.js"));
const LMS2004 = require(path.join(ROOT, "builder", "preview", "static", "scorm2004-api.js"));

const C1 = "https://c.example.ca/c1";
const act = (id, type) => ({ id, objectType: "Activity", definition: { type } });
const RULES = {
  R1: { pages: "all", video: 0, assessment: "passed" },
  R1m: { pages: "all", video: 0, assessment: "passed" },
  R2: { pages: "all", video: 90, assessment: "passed" },
  R3: { pages: "all", video: 0, assessment: "attempted" },
  R4: { pages: "all", video: 0, assessment: "none" },
  R5: { pages: "none", video: 0, assessment: "passed" },
  R6: { pages: "all", video: 0, assessment: "none" },
  R7: { pages: "all", video: 0, assessment: "passed" },
  R8: { pages: "all", video: 0, assessment: "attempted" }
};
const SURVEY = { id: "q3", interactionId: "finalQ3", type: "likert", scale: ["a", "b", "c", "d", "e"] };

/* The table's course: pages a, b (a video), c, and final (two questions, pass 80, 3 attempts);
 * R7 adds a survey (likert) question to them, R8's final is that survey question alone. */
function config(rule, target) {
  const quiz = rule !== "R6";
  const pages = [{ id: "a", kind: "page", video: null }, { id: "b", kind: "page", video: { kind: "youtube", duration: 60 } },
    { id: "c", kind: "page", video: null }];
  if (quiz) pages.push({ id: "final", kind: "assessment" });
  return {
    schema: 1, target, course: { id: C1, code: "C1", version: "1.0.0" }, languages: ["en", "fr"],
    completion: Object.assign({ assessmentOpens: "always" }, RULES[rule]),
    masteryScore: !quiz || rule === "R1m" ? null : 80,
    suspendDataLimit: target === "scorm12" ? 4096 : 64000,
    pages,
    assessment: quiz ? {
      id: "final", passMark: 80, attempts: 3, shuffle: false, draw: null, display: "all",
      questions: rule === "R8" ? [SURVEY] : [{ id: "q1", interactionId: "finalQ1", type: "true-false", correct: [true] },
        { id: "q2", interactionId: "finalQ2", type: "single", choices: ["a", "b"], correct: ["a"] }].concat(rule === "R7" ? [SURVEY] : [])
    } : null,
    xapi: {
      version: "1.0.3", languageTags: { en: "en-CA", fr: "fr-CA" }, lrs: null,
      course: act(C1, "http://adlnet.gov/expapi/activities/course"),
      pages: Object.fromEntries(pages.filter((p) => p.kind === "page").map((p) => [p.id, act(C1 + "/modules/" + p.id, "http://adlnet.gov/expapi/activities/module")])),
      videos: {},
      quiz: act(C1 + "/quizzes/final", "http://adlnet.gov/expapi/activities/assessment"),
      questions: { q1: act(C1 + "/quizzes/final/q/q1", "http://adlnet.gov/expapi/activities/cmi.interaction"),
        q2: act(C1 + "/quizzes/final/q/q2", "http://adlnet.gov/expapi/activities/cmi.interaction"),
        q3: act(C1 + "/quizzes/final/q/q3", "http://adlnet.gov/expapi/activities/cmi.interaction") }
    }
  };
}

/* --- the LMS side of each target: launch with what was stored, keep what was committed --- */

const PERSISTENT_12 = /^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|interactions\..*)$/;
const PERSISTENT_2004 = /^cmi\.(location|suspend_data|completion_status|success_status|progress_measure|score\..*|interactions\..*)$/;

/* SCORM 1.2 [SCORM 1.2 RTE §3.4]: entry "resume" after exit "suspend", else ""; the data is kept. */
function scorm12(store, cfg, mode, log) {
  const values = Object.assign({
    "cmi.core.student_id": "u1", "cmi.core.student_name": "Learner, A", "cmi.core.credit": "credit",
    "cmi.core.lesson_mode": mode, "cmi.core.lesson_status": "not attempted", "cmi.core.total_time": "0000:00:00.00",
    "cmi.core.entry": store.sessions === 0 ? "ab-initio" : store.exit === "suspend" ? "resume" : ""
  }, store.values);
  if (cfg.completion.assessment === "passed" && cfg.masteryScore !== null) values["cmi.student_data.mastery_score"] = "80";
  const calls = [];
  const api = LMS12.create({ values, onCall: (c) => calls.push(c) });
  const now = () => (api.state() === "finished" ? Object.assign({}, store.values, { "cmi.core.exit": store.exit }) : api.snapshot().values);
  const adapter = A12.create(api, { log, setTimeout: () => 0, clearTimeout: () => {}, suspendDataLimit: cfg.suspendDataLimit });
  return {
    adapter, calls,
    keep() {
      const v = api.snapshot().values;
      store.values = Object.fromEntries(Object.entries(v).filter(([k]) => PERSISTENT_12.test(k)));
      store.exit = v["cmi.core.exit"] == null ? null : v["cmi.core.exit"];
      store.sessions += 1;
    },
    row() {
      const v = now();
      const raw = v["cmi.core.score.raw"];
      const exit = v["cmi.core.exit"] == null ? "—" : v["cmi.core.exit"] === "" ? "normal" : v["cmi.core.exit"];
      return { record: (v["cmi.core.lesson_status"] || "not attempted") + " / " + (raw == null ? "–" : raw === "" ? '""' : raw), exit };
    }
  };
}

/* SCORM 2004 [SCORM 2004 4th ed. RTE §4.2.8]: only exit "suspend" keeps the attempt; review shows the last one.
 * forma.lms keeps the attempt's data whatever the exit, its entry "" unless resumed (its profile,
 * builder/preview/static/lms-profiles.js "forma-entry"). */
function scorm2004(store, cfg, mode, log) {
  const kept = store.exit === "suspend" || mode === "review" || store.profile === "forma";
  if (store.sessions > 0 && !kept) store.values = {};
  const resumed = store.sessions > 0 && store.exit === "suspend";
  const values = Object.assign({
    "cmi.learner_id": "u1", "cmi.learner_name": "Learner, A", "cmi.credit": "credit", "cmi.mode": mode,
    "cmi.entry": resumed ? "resume" : store.profile === "forma" && store.sessions > 0 ? "" : "ab-initio"
  }, cfg.masteryScore === null ? {} : { "cmi.scaled_passing_score": "0.8" }, store.values);
  const calls = [];
  const api = LMS2004.create({ values, onCall: (c) => calls.push(c) });
  const now = () => (api.state() === "finished" ? Object.assign({}, store.values, { "cmi.exit": store.exit }) : api.snapshot().values);
  const adapter = A2004.create(api, { log, setTimeout: () => 0, clearTimeout: () => {} });
  return {
    adapter, calls,
    keep() {
      const v = api.snapshot().values;
      store.values = Object.fromEntries(Object.entries(v).filter(([k]) => PERSISTENT_2004.test(k)));
      store.exit = v["cmi.exit"] == null ? null : v["cmi.exit"];
      store.sessions += 1;
    },
    row() {
      const v = now();
      const scaled = v["cmi.score.scaled"];
      const exit = v["cmi.exit"] == null ? "—" : v["cmi.exit"];
      return { record: [v["cmi.completion_status"] || "unknown", v["cmi.success_status"] || "unknown", scaled == null ? "–" : scaled].join(" / "), exit };
    }
  };
}

/* xAPI: a recording LRS keeps statements and the State document between launches. */
function xapi(store, cfg, mode, log) {
  store.lrs = store.lrs || { statements: [], docs: new Map() };
  const lrs = store.lrs;
  let clock = Date.UTC(2025, 0, 6, 14) + store.sessions * 3600000;
  const env = {
    config: cfg, log, storage: null, now: () => (clock += 1000),
    launch: { endpoint: "https://lrs.example.ca/xapi/", auth: "Basic dTpw", registration: "760e3480-ba55-4991-94b0-01820dbd23a2",
      actor: { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u1" } } },
    setTimeout: (fn) => { Promise.resolve().then(fn); return 1; }, clearTimeout: () => {},
    profile: { readOnly: mode !== "normal" },
    fetch: (url, init) => {
      const where = url.replace("https://lrs.example.ca/xapi/", "").split("?")[0];
      let status = 204;
      let body = "";
      if (where === "statements") {
        JSON.parse(init.body).forEach((s) => lrs.statements.push(s));
        status = 200;
      } else if (init.method === "PUT") lrs.docs.set("resume", init.body);
      else if (lrs.docs.has("resume")) [status, body] = [200, lrs.docs.get("resume")];
      else status = 404;
      return Promise.resolve({ status, text: () => Promise.resolve(body) });
    }
  };
  const adapter = AX.createCore(env);
  return {
    adapter, calls: [],
    keep() {
      store.sessions += 1;
    },
    row() {
      const verbs = lrs.statements.map((s) => s.verb.display["en-US"]).filter((v) => /^(passed|failed|completed)$/.test(v));
      const need = cfg.assessment && cfg.completion.assessment === "passed" ? (cfg.completion.pages === "all" || cfg.completion.video > 0 ? ["completed", "passed"] : ["passed"]) : ["completed"];
      return { record: verbs.join(", ") || "—", moveOn: need.every((v) => verbs.includes(v)) ? "met" : "not met" };
    }
  };
}

const LMS = { scorm12, scorm2004, xapi };

async function settle() {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

/* Play a row's steps for one target; what the LMS holds and what the learner is told at the end. */
async function play(rule, steps, target) {
  const profile = (/\((\w+)\)$/.exec(rule) || [])[1] || "strict";
  rule = rule.split(" ")[0];
  const cfg = config(rule, target === "xapi" ? "xapi" : target);
  const store = { sessions: 0, values: {}, exit: null, profile };
  const logs = [];
  let lms = null;
  let t = null;
  async function launch(mode) {
    lms = LMS[target](store, cfg, mode, (m) => logs.push(m));
    t = T.createTracker(cfg, lms.adapter, { log: (m) => logs.push(m), now: () => 1000 + store.sessions * 60000, rng: () => 0.5 });
    if (lms.adapter.loadState) await new Promise((done) => lms.adapter.loadState(done));
    t.start();
    open(t.state.page); // the player shows where the learner is (player.js begin)
  }
  function open(i) {
    if (t.state.quiz && i === cfg.pages.length - 1 && cfg.assessment) t.quizBegin();
    t.pageSeen(i);
  }
  function attempt(answers) {
    if (t.state.quiz.phase === 1) t.quizRetry();
    t.quizBegin();
    t.state.quiz.items.forEach((it, i) => t.quizAnswer(i, answers[cfg.assessment.questions[it.q].id]));
    t.state.quiz.items.forEach((it, i) => t.quizCheck(i, 1000, true));
    t.quizFinish();
  }
  async function end() {
    t.exit();
    await settle();
    lms.keep();
  }
  const tokens = steps.match(/`[^`]+`/g).map((s) => s.slice(1, -1));
  for (const step of tokens) {
    if (t === null || (t.status().ended && !/^(relaunch|review)$/.test(step))) {
      if (step === "browse") {
        await launch("browse");
        continue;
      }
      if (t === null) await launch("normal");
    }
    switch (step) {
      case "open all": cfg.pages.forEach((p, i) => open(i)); break;
      case "open final": open(cfg.pages.length - 1); break;
      case "open a": open(0); break;
      case "open rest": cfg.pages.forEach((p, i) => { if (!t.state.visited[i]) open(i); }); break;
      case "watch": t.videoProgress(1, 100); break;
      case "pass": attempt({ q1: true, q2: "a", q3: "c" }); break;
      case "fail": attempt({ q1: true, q2: "b", q3: "c" }); break;
      case "half": t.quizBegin(); t.quizAnswer(0, true); break;
      case "lang": t.setLanguage(1); break;
      case "leave": t.suspend(); await end(); break;
      case "exit": if (lms.adapter.exitButton) lms.adapter.exitButton(); await end(); break;
      case "relaunch": await launch("normal"); break;
      case "review": await launch("review"); break;
      default: throw new Error("unknown step " + step);
    }
  }
  await settle();
  const status = t.status();
  const told = T.report(status, { holdsScore: lms.adapter.holdsScore, failedAtEnd: lms.adapter.failedAtEnd,
    skip: cfg.assessment ? cfg.pages.length - 1 : -1, grade: t.grade });
  const held = lms.row(); // what the LMS holds now: every milestone commits
  if (!status.ended) await end();
  const refused = lms.calls.filter((c) => /SetValue|Commit|Finish|Terminate|Initialize/.test(c.method) && c.error !== "0");
  return Object.assign({ told: told.lines.map((l) => l.key).join(", ") || "—", refused, logs }, held);
}

/* The rows of the table in docs/tracking.md. */
function rows() {
  const text = fs.readFileSync(path.join(ROOT, "docs", "tracking.md"), "utf8");
  const table = text.slice(text.indexOf("## The table"));
  return table.split("\n").filter((l) => /^\| \d+ \|/.test(l)).map((l) => {
    const c = l.split("|").slice(1, -1).map((x) => x.trim());
    return { n: c[0], rule: c[1], journey: c[2], steps: c[3], told12: c[4], told2004: c[5], toldX: c[6], s12: c[7], s2004: c[8], x: c[9], moveOn: c[10], exit: c[11] };
  });
}

test("the table has every journey the issue names, for the seed courses' rule", () => {
  const r = rows();
  assert.ok(r.length >= 30, r.length + " rows");
  const journeys = new Set(r.filter((x) => x.rule === "R1").map((x) => x.journey));
  for (const j of ["straight pass", "fail, then pass on a retry", "pass before every page is seen", "fail out of attempts",
    "leave mid-assessment and resume", "switch language mid-course", "close the window without Exit",
    "relaunch after completion", "review mode", "browse mode"]) assert.ok(journeys.has(j), j);
  assert.deepEqual([...new Set(r.map((x) => x.rule.split(" ")[0]))].sort(), Object.keys(RULES).sort());
});

for (const row of rows()) {
  test("row " + row.n + ": " + row.rule + ", " + row.journey + ", " + row.steps, async () => {
    const exits = row.exit.split(" / ");
    const s12 = await play(row.rule, row.steps, "scorm12");
    const s2004 = await play(row.rule, row.steps, "scorm2004");
    const sx = await play(row.rule, row.steps, "xapi");
    const where = "row " + row.n + " ";
    assert.equal(s12.told, row.told12, where + "told, SCORM 1.2");
    assert.equal(s2004.told, row.told2004, where + "told, SCORM 2004");
    assert.equal(sx.told, row.toldX, where + "told, xAPI/cmi5");
    assert.equal(s12.record, row.s12, where + "SCORM 1.2 record");
    assert.equal(s2004.record, row.s2004, where + "SCORM 2004 record");
    assert.equal(sx.record, row.x, where + "xAPI statements");
    assert.equal(sx.moveOn, row.moveOn, where + "cmi5 moveOn");
    assert.equal(s12.exit, exits[0], where + "SCORM 1.2 exit");
    assert.equal(s2004.exit, exits[exits.length - 1], where + "SCORM 2004 exit");
    assert.deepEqual(s12.refused.concat(s2004.refused).map((c) => c.method + " " + JSON.stringify(c.args) + " " + c.error), [],
      where + "a value the strict LMS refused");
  });
}

/* An LMS that answers junk or throws: the course goes on, never claims what was not stored. */
function junkAPI(names, mode) {
  const api = {};
  let n = 0;
  const answers = [undefined, null, 1, true, "true\n0", "<br /><b>Warning</b>", {}, "0"];
  names.forEach((m) => {
    api[m] = () => {
      n += 1;
      if (mode === "throw" && n % 3 === 0) throw new SyntaxError("Unexpected token '<'");
      return m.indexOf("Initialize") >= 0 ? "true" : answers[n % answers.length];
    };
  });
  return api;
}

for (const [target, A, names] of [
  ["scorm12", A12, ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]],
  ["scorm2004", A2004, ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"]]
]) {
  for (const mode of ["junk", "throw"]) {
    test(target + ": an LMS that answers " + mode + " never breaks the course, and the course claims nothing", () => {
      const cfg = config("R1", target);
      const logs = [];
      const adapter = A.create(junkAPI(names, mode), { log: (m) => logs.push(m), setTimeout: () => 0, clearTimeout: () => {} });
      const t = T.createTracker(cfg, adapter, { log: (m) => logs.push(m), rng: () => 0.5 });
      t.start();
      cfg.pages.forEach((p, i) => t.pageSeen(i));
      t.quizBegin();
      t.state.quiz.items.forEach((it, i) => t.quizAnswer(i, [true, "a"][it.q]));
      t.state.quiz.items.forEach((it, i) => t.quizCheck(i, 1000, true));
      t.quizFinish();
      t.suspend();
      t.exit();
      const s = t.status();
      assert.equal(s.outcome.success, "passed", "the learner's own result stands");
      assert.equal(s.recorded, false, "an LMS that did not say true did not store it");
      assert.ok(logs.length > 0, "what went wrong is logged");
    });
  }
}
