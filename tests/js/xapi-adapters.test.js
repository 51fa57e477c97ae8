"use strict";
/* adapter-xapi.js (the core every xAPI adapter shares) and adapter-cmi5.js's rules, against a
 * recording fake LRS [docs/xapi.md; cmi5 §9-11]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const A = load("adapter-xapi.js");
const C = load("adapter-cmi5.js");
const T = load("tracking.js");

const { C1, act, CONFIG, ACTOR, REG, memoryStorage } = require("./xapi-fixture.js");

/* A core with a fake LRS: every statement lands in `lrs.statements`, documents in `lrs.docs`. */
function setup(opts) {
  opts = opts || {};
  const lrs = { statements: [], docs: new Map(opts.docs || []), requests: [] };
  let clock = Date.UTC(2025, 0, 6, 14);
  const env = {
    config: JSON.parse(JSON.stringify(opts.config || CONFIG)),
    launch: { endpoint: "https://lrs.example.ca/xapi/", auth: "Basic dTpw", actor: ACTOR, registration: REG, activityId: opts.activityId || "" },
    storage: opts.storage || memoryStorage(),
    now: () => (clock += 1000),
    setTimeout: opts.setTimeout || ((fn) => { Promise.resolve().then(fn); return 1; }),
    clearTimeout: () => {},
    profile: opts.profile,
    onsave: opts.onsave,
    fetch: (url, init) => {
      const path = url.replace("https://lrs.example.ca/xapi/", "").split("?")[0];
      lrs.requests.push([init.method, path, init.keepalive]);
      const forced = opts.answer && opts.answer(init.method, path, init); // [status, statusText]
      if (forced) return Promise.resolve({ status: forced[0], statusText: forced[1], text: () => Promise.resolve("") });
      let status = 204;
      let body = "";
      if (path === "statements" && init.method === "GET") { // ?statementId=, as Ralph answers it
        const id = decodeURIComponent(url.split("statementId=")[1]);
        const found = lrs.statements.filter((s) => s.id === id);
        status = found.length ? 200 : 404;
        body = found.length ? JSON.stringify({ statements: found }) : "";
      } else if (path === "statements") {
        JSON.parse(init.body).forEach((s) => lrs.statements.push(s));
        status = 200;
      } else if (path === "activities/state") {
        if (opts.noState) status = 404;
        else if (init.method === "PUT") lrs.docs.set("resume", init.body);
        else if (lrs.docs.has("resume")) {
          status = 200;
          body = lrs.docs.get("resume");
        } else status = 404;
      }
      return Promise.resolve({ status, text: () => Promise.resolve(body) });
    }
  };
  const core = A.createCore(env);
  const tracker = T.createTracker(env.config, core, { log: () => {} });
  async function settle() {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  }
  const verbs = () => lrs.statements.map((s) => s.verb.display["en-US"] + " " + s.object.id.replace(C1, "") );
  return { core, tracker, lrs, settle, verbs, env };
}

async function start(h) {
  await new Promise((done) => h.core.loadState(done));
  h.tracker.start();
  await h.settle();
}

async function passCourse(h) {
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  h.tracker.quizAnswer(0, true);
  h.tracker.quizCheck(0, 12340, true);
  h.tracker.quizFinish();
  h.tracker.exit();
  await h.settle();
}

test("a full pass: the statements of docs/xapi.md, in order", async () => {
  const h = setup();
  await start(h);
  await passCourse(h);
  assert.deepEqual(h.verbs(), [
    "initialized ", "experienced /modules/intro", "answered /quizzes/final/q/q1", "passed ", "completed ", "terminated "
  ]);
  const [init, , answered, passed, completed, terminated] = h.lrs.statements;
  assert.equal(init.context.language, "en-CA");
  assert.equal(init.context.revision, "2.0.0");
  assert.deepEqual(answered.result, { response: "true", success: true, duration: "PT12.34S" });
  assert.deepEqual(answered.context.contextActivities.parent, [{ id: C1 + "/quizzes/final", objectType: "Activity" }]);
  assert.deepEqual(passed.result.score, { scaled: 1, raw: 100, min: 0, max: 100 });
  assert.equal(passed.result.success, true);
  assert.deepEqual(Object.keys(completed.result), ["completion", "duration"]);
  assert.deepEqual(Object.keys(terminated.result), ["duration"]);
  assert.ok(h.lrs.statements.every((s) => s.context.registration === REG));
  // the resume state went to the State API
  const doc = JSON.parse(h.lrs.docs.get("resume"));
  assert.equal(doc.status, "passed");
  assert.deepEqual(doc.sent, { passed: passed.id, completed: completed.id }); // the statements that went
});

test("relaunch: resumes from the State document; completed and passed are not sent again", async () => {
  const first = setup();
  await start(first);
  await passCourse(first);
  const again = setup({ docs: first.lrs.docs, storage: memoryStorage() }); // another browser
  await start(again);
  assert.equal(again.tracker.resumed, true);
  again.tracker.pageSeen(0);
  again.core.setResult({ completion: "completed", success: "passed", score: 100 }); // even if asked
  again.core.setResult({ completion: "completed", success: "failed", score: 10 }); // never failed after passed [cmi5 §9.3.5]
  again.tracker.exit();
  await again.settle();
  assert.deepEqual(again.verbs(), ["initialized ", "experienced /modules/intro", "terminated "]);
});

test("a result an earlier session left unsent that the LRS refuses for good is sent again [cmi5 §9.3.6]", async () => {
  const storage = memoryStorage();
  const timers = [];
  const first = setup({ storage, answer: (m, path) => (path === "statements" ? [503, "Service Unavailable"] : null), setTimeout: (fn) => timers.push(fn) });
  await start(first);
  await passCourse(first); // nothing delivered: it all waits in the browser
  const left = JSON.parse(storage.getItem("coursebuild.xapi.queue:" + REG)).statements.map((s) => s.id);
  const closed = (m, path, init) => (m === "POST" && path === "statements" && left.some((id) => init.body.includes(id)) ? [403, "Forbidden"] : null);
  const again = setup({ docs: first.lrs.docs, storage, answer: closed });
  await start(again);
  again.core.queue.flush();
  await again.settle();
  again.tracker.exit();
  await again.settle();
  assert.deepEqual(again.verbs(), ["initialized ", "passed ", "completed ", "terminated "]);
  assert.ok(again.lrs.statements.every((s) => !left.includes(s.id)));
  const doc = JSON.parse(again.lrs.docs.get("resume"));
  const id = (verb) => again.lrs.statements.find((s) => s.verb.id.endsWith("/" + verb)).id;
  assert.deepEqual(doc.sent, { passed: id("passed"), completed: id("completed") }); // the ones sent again
  assert.deepEqual([doc.refused.passed.length, doc.refused.completed.length], [1, 1]); // the earlier session's, refused
  assert.ok([...doc.refused.passed, ...doc.refused.completed].every((s) => left.includes(s)));
});

test("the State document: the browser's copy with more saves wins; a failed read is never written over", async () => {
  const S = load("xapi-state.js");
  const remote = Object.assign(S.fresh(), { n: 2, location: "intro", sent: { passed: true } });
  const local = Object.assign(S.fresh(), { n: 3, location: "final", sent: { completed: true } });
  assert.equal(S.pick(remote, local), local);
  assert.deepEqual(local.sent, { completed: true, passed: true });
  assert.equal(S.pick(Object.assign({}, remote, { n: 3, sent: {} }), local).location, "intro"); // a tie: the LRS's
  assert.equal(S.pick(null, null).v, 1);
  const saved = [];
  const h = setup({
    docs: [["resume", JSON.stringify(remote)]], onsave: (ok, e) => saved.push(ok ? "saved" : e),
    answer: (m, path) => (m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : null)
  });
  await start(h);
  h.tracker.pageSeen(1);
  await h.settle();
  assert.equal(h.lrs.requests.filter((r) => r[0] === "PUT").length, 0);
  assert.deepEqual(JSON.parse(h.lrs.docs.get("resume")), remote);
  assert.deepEqual(saved.pop(), { code: 503, text: "Service Unavailable" }); // read again later: xapi-delivery.test.js
});

test("no State API (Ralph): said once, the resume state stays in this browser", async () => {
  const logs = [];
  const storage = memoryStorage();
  const h = setup({ noState: true, storage });
  h.core = A.createCore(Object.assign(h.env, { log: (m) => logs.push(m) }));
  h.tracker = T.createTracker(h.env.config, h.core, { log: () => {} });
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  await h.settle();
  h.tracker.pageSeen(0);
  await h.settle();
  assert.equal(logs.filter((m) => /no State API/.test(m)).length, 1);
  assert.equal(h.lrs.requests.filter((r) => r[0] === "PUT").length, 1); // not asked again
  const local = [...storage.map.keys()].find((k) => k.startsWith("coursebuild.xapi.state:"));
  assert.equal(JSON.parse(storage.map.get(local)).location, "intro");
});

test("experienced once per arrival; a language switch changes context.language", async () => {
  const h = setup();
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(0); // the same page again (language switch re-shows it)
  h.tracker.setLanguage(1);
  h.tracker.pageSeen(1);
  h.tracker.pageSeen(0);
  await h.settle();
  const exp = h.lrs.statements.filter((s) => s.verb.display["en-US"] === "experienced");
  assert.deepEqual(exp.map((s) => s.context.language), ["en-CA", "fr-CA"]);
});

test("nothing before initialized, nothing after terminated", async () => {
  const h = setup();
  await new Promise((done) => h.core.loadState(done));
  h.core.notify("page", { index: 0 });
  assert.equal(h.core.finish(), false);
  h.tracker.start();
  h.tracker.exit();
  h.core.notify("page", { index: 0 });
  h.core.setResult({ completion: "completed", success: "unknown", score: null });
  await h.settle();
  assert.deepEqual(h.verbs(), ["initialized ", "terminated "]);
});

test("a fail is sent when the session ends, so that a retry that passes replaces it [cmi5 §9.3]", async () => {
  const h = setup();
  await start(h);
  const o = (completion, success, score) => ({ completion, success, score });
  h.core.setResult(o("incomplete", "failed", 50));
  h.core.setResult(o("incomplete", "failed", 60));
  h.core.setResult(o("incomplete", "passed", 90));
  await h.settle();
  assert.deepEqual(h.verbs().slice(1), ["passed "], "one of passed and failed a session; no completed while pages are unseen");
  h.core.setResult(o("completed", "passed", 90));
  h.core.setResult(o("completed", "passed", 90));
  h.core.finish();
  await h.settle();
  assert.deepEqual(h.verbs().slice(1), ["passed ", "completed ", "terminated "]);
  const f = setup();
  await start(f);
  f.core.setResult(o("incomplete", "failed", 50));
  f.core.setResult(o("incomplete", "failed", 60));
  f.core.finish();
  await f.settle();
  assert.deepEqual(f.verbs().slice(1), ["failed ", "terminated "]);
  assert.equal(f.lrs.statements[1].result.success, false);
  assert.equal(f.lrs.statements[1].result.score.raw, 60);
  const cfg = JSON.parse(JSON.stringify(CONFIG));
  cfg.completion.assessment = "attempted";
  const k = setup({ config: cfg });
  await start(k);
  k.core.setResult(o("completed", "failed", 50));
  k.core.setResult(o("completed", "failed", 50));
  k.core.finish();
  await k.settle();
  assert.deepEqual(k.verbs().slice(1), ["completed ", "failed ", "terminated "]);
});

test("the launch's activity_id is the course object [Tin Can launch §Launch; cmi5 §9.4]", async () => {
  const h = setup({ activityId: "https://lms.example.ca/activities/42" });
  await start(h);
  h.tracker.pageSeen(0);
  await h.settle();
  assert.equal(h.lrs.statements[0].object.id, "https://lms.example.ca/activities/42");
  assert.deepEqual(h.lrs.statements[1].context.contextActivities.grouping, [{ id: "https://lms.example.ca/activities/42", objectType: "Activity" }]);
});

/* ---- cmi5 ---- */

const SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const LAUNCH_DATA = {
  contextTemplate: { contextActivities: { grouping: [{ id: C1 + "/au" }] }, extensions: { [SESSION]: "s-42" } },
  launchMode: "Normal", moveOn: "CompletedAndPassed", masteryScore: 0.8, returnURL: "https://lms.example.ca/back"
};

test("cmi5 launch parameters [§8.1]", () => {
  const actor = encodeURIComponent(JSON.stringify(ACTOR));
  const ok = C.parseLaunch("?endpoint=https%3A%2F%2Flms%2Flrs&fetch=https%3A%2F%2Flms%2Ffetch%2F1&actor=" + actor + "&registration=" + REG + "&activityId=https%3A%2F%2Flms%2Fa%2F1");
  assert.equal(ok.ok, true);
  assert.equal(ok.endpoint, "https://lms/lrs/");
  const mbox = encodeURIComponent(JSON.stringify({ mbox: "mailto:a@b.ca" }));
  assert.deepEqual(C.parseLaunch("?endpoint=https%3A%2F%2Flms&actor=" + mbox).problems, ["fetch", "actor", "registration", "activityId"]);
});

test("cmi5 defined statements: template, cmi5 category, moveon iff success/completion, masteryscore [§9.6]", async () => {
  const h = setup({ profile: C.profile(LAUNCH_DATA), activityId: "https://lms.example.ca/a/1" });
  await start(h);
  await passCourse(h);
  const cat = (s) => ((s.context.contextActivities || {}).category || []).map((a) => a.id.split("/").pop());
  const rows = h.lrs.statements.map((s) => [s.verb.display["en-US"], cat(s).join("+"), s.context.extensions[SESSION]]);
  assert.deepEqual(rows, [
    ["initialized", "cmi5", "s-42"],
    ["experienced", "", "s-42"],      // cmi5 allowed: the template, no cmi5 category
    ["answered", "", "s-42"],
    ["passed", "cmi5+moveon", "s-42"],
    ["completed", "cmi5+moveon", "s-42"],
    ["terminated", "cmi5", "s-42"]
  ]);
  const passed = h.lrs.statements[3];
  assert.equal(passed.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.8);
  assert.ok(passed.result.score.scaled >= 0.8);
  assert.ok(h.lrs.statements.every((s) => s.context.contextActivities.grouping[0].id === C1 + "/au"));
  assert.ok(h.lrs.statements.filter((s) => cat(s).includes("cmi5")).every((s) => s.object.id === "https://lms.example.ca/a/1"));
  assert.equal(h.lrs.statements.filter((s) => cat(s).includes("cmi5") && s.verb.display["en-US"] !== "passed" && s.verb.display["en-US"] !== "failed")
    .some((s) => s.result && s.result.score), false); // score only on passed/failed [§9.5.1]
});

test("cmi5 Browse and Review: initialized and terminated only, nothing saved [§10 launchMode]", async () => {
  for (const mode of ["Browse", "Review"]) {
    const h = setup({ profile: C.profile(Object.assign({}, LAUNCH_DATA, { launchMode: mode })) });
    await start(h);
    assert.equal(h.tracker.readOnly, true);
    assert.equal(h.tracker.mode, mode.toLowerCase(), "the status line says browse or review");
    await passCourse(h);
    assert.deepEqual(h.verbs(), ["initialized ", "terminated "], mode);
    assert.equal(h.lrs.requests.some((r) => r[0] === "PUT"), false, mode);
  }
});

test("cmi5 learner preferences: the first language the course has [§11]", () => {
  assert.equal(C.preferredLanguage({ languagePreference: "de-DE, fr-CA,en-US" }, ["en", "fr"]), "fr-CA");
  assert.equal(C.preferredLanguage({ languagePreference: "de-DE" }, ["en", "fr"]), "");
  assert.equal(C.preferredLanguage(null, ["en"]), "");
});

/* Issue 13 #7, xAPI: statements or the State document the LRS refused (405, 5xx) are not saved. */
test("a statement or State PUT the LRS refuses is said with its error until the LRS takes it", async () => {
  const saved = [];
  const timers = [];
  let down = { statements: [405, "Method Not Allowed"] };
  const h = setup({
    onsave: (ok, e) => saved.push(ok ? "saved" : e), answer: (m, path) => down[path] || null,
    setTimeout: (fn) => timers.push(fn)
  });
  const tick = async () => {
    timers.splice(0).forEach((fn) => fn());
    await h.settle();
  };
  await start(h);
  await tick(); // initialized goes: 405
  assert.deepEqual(saved.pop(), { code: 405, text: "Method Not Allowed" });
  down = { "activities/state": [500, "Internal Server Error"] };
  await tick(); // the backoff ends: delivered
  assert.equal(saved.pop(), "saved");
  h.tracker.pageSeen(0); // the State PUT fails
  await tick();
  assert.deepEqual(saved.pop(), { code: 500, text: "Internal Server Error" });
  down = {};
  h.tracker.pageSeen(1); // tried again at the next commit, and taken
  await tick();
  assert.equal(saved.pop(), "saved");
  assert.ok(h.lrs.docs.has("resume"));
});

test("a survey (likert) answer is sent without success; the score counts the graded answer only", async () => {
  const config = JSON.parse(JSON.stringify(CONFIG));
  config.assessment.questions.push({ id: "mood", interactionId: "finalMood", type: "likert", scale: ["a", "b", "c"] });
  config.xapi.questions.mood = act(C1 + "/quizzes/final/q/mood", "http://adlnet.gov/expapi/activities/cmi.interaction");
  const h = setup({ config });
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  const items = h.tracker.state.quiz.items;
  items.forEach((it, n) => h.tracker.quizAnswer(n, it.q === 0 ? true : "b"));
  items.forEach((it, n) => h.tracker.quizCheck(n, 1000, true));
  assert.equal(h.tracker.quizFinish().score, 100);
  h.tracker.exit();
  await h.settle();
  const answered = h.lrs.statements.filter((s) => s.verb.display["en-US"] === "answered");
  const survey = answered.find((s) => s.object.id.endsWith("/q/mood"));
  assert.deepEqual(survey.result, { response: "b", duration: "PT1S" });
  const graded = answered.find((s) => s.object.id.endsWith("/q/q1"));
  assert.equal(graded.result.success, true);
  assert.ok(h.verbs().includes("passed "));
});

test("a partly right answer: answered with result.score.scaled and success false (issue 15)", async () => {
  const config = JSON.parse(JSON.stringify(CONFIG));
  config.assessment.questions = [{ id: "q1", interactionId: "final-q1", type: "matching", partial: true, weight: 2,
    sources: ["1", "2"], targets: ["a", "b"], correct: ["1.a", "2.b"] }];
  const h = setup({ config });
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  h.tracker.quizAnswer(0, ["a", "a"]);
  h.tracker.quizCheck(0, 1000, true);
  h.tracker.quizFinish();
  await h.settle();
  const answered = h.lrs.statements.find((s) => s.verb.id.endsWith("/answered"));
  assert.equal(answered.result.success, false);
  assert.deepEqual(answered.result.score, { scaled: 0.5 });
  assert.equal(h.tracker.state.quiz.last, 50);
});
