"use strict";
/* The preview's strict SCORM 2004 4th edition API (builder/preview/static/scorm2004-api.js)
 * [SCORM 2004 4th ed. RTE §3.1, §4.2]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { quietTracker } = require("./lib.js");

const LMS = require(path.resolve(__dirname, "..", "..", "builder", "preview", "static", "scorm2004-api.js"));
const ADAPTER = path.resolve(__dirname, "..", "..", "templates", "theme", "static", "adapter-scorm2004.js");

const LAUNCH = { "cmi.learner_id": "preview-learner", "cmi.learner_name": "Author, Preview", "cmi.entry": "ab-initio",
  "cmi.scaled_passing_score": "0.8" };

function started(extra) {
  const calls = [];
  const commits = [];
  const api = LMS.create({ values: Object.assign({}, LAUNCH, extra || {}), onCall: (c) => calls.push(c),
    onCommit: (snap, finished) => commits.push({ snap, finished }) });
  assert.equal(api.Initialize(""), "true");
  return { api, calls, commits };
}

function code(api, result, expected, label) {
  assert.equal(api.GetLastError(), expected, label);
  return result;
}

test("call order: 122/132/142/112 before Initialize, 103 twice, 104/113/123/133/143 after Terminate", () => {
  const api = LMS.create({ values: LAUNCH });
  assert.equal(code(api, api.GetValue("cmi.entry"), "122"), "");
  assert.equal(code(api, api.SetValue("cmi.location", "x"), "132"), "false");
  assert.equal(code(api, api.Commit(""), "142"), "false");
  assert.equal(code(api, api.Terminate(""), "112"), "false");
  assert.equal(code(api, api.Initialize("x"), "201"), "false");
  assert.equal(api.Initialize(""), "true");
  assert.equal(code(api, api.Initialize(""), "103"), "false");
  assert.equal(code(api, api.Commit("x"), "201"), "false");
  assert.equal(api.Terminate(""), "true");
  assert.equal(code(api, api.Terminate(""), "113"), "false");
  assert.equal(code(api, api.GetValue("cmi.entry"), "123"), "");
  assert.equal(code(api, api.SetValue("cmi.location", "x"), "133"), "false");
  assert.equal(code(api, api.Commit(""), "143"), "false");
  assert.equal(code(api, api.Initialize(""), "104"), "false");
  assert.equal(api.GetErrorString("104"), "Content instance terminated");
});

test("defaults, values never set (403), read-only (404), write-only (405), undefined (401)", () => {
  const { api } = started();
  assert.equal(api.GetValue("cmi._version"), "1.0");
  assert.equal(api.GetValue("cmi.completion_status"), "unknown");
  assert.equal(api.GetValue("cmi.success_status"), "unknown");
  assert.equal(api.GetValue("cmi.total_time"), "PT0H0M0S");
  assert.equal(api.GetValue("cmi.mode"), "normal");
  assert.equal(api.GetValue("cmi.scaled_passing_score"), "0.8");
  assert.equal(code(api, api.GetValue("cmi.location"), "403"), "");
  assert.equal(code(api, api.GetValue("cmi.suspend_data"), "403"), "");
  assert.equal(code(api, api.GetValue("cmi.completion_threshold"), "403"), "");
  assert.equal(code(api, api.SetValue("cmi.learner_id", "x"), "404"), "false");
  assert.equal(code(api, api.SetValue("cmi.entry", "resume"), "404"), "false");
  assert.equal(code(api, api.GetValue("cmi.exit"), "405"), "");
  assert.equal(code(api, api.GetValue("cmi.session_time"), "405"), "");
  assert.equal(code(api, api.GetValue("cmi.core.lesson_status"), "401"), "");
  assert.equal(code(api, api.SetValue("cmi.lesson_status", "passed"), "401"), "false");
  assert.equal(code(api, api.GetValue(""), "301"), "");
  assert.equal(code(api, api.SetValue("", "x"), "351"), "false");
  assert.equal(code(api, api.GetValue("cmi.location._children"), "301"), "");
  assert.equal(code(api, api.GetValue("cmi.score._count"), "301"), "");
  assert.equal(code(api, api.SetValue("cmi.interactions._count", "2"), "404"), "false");
  assert.equal(api.GetValue("cmi.score._children"), "scaled,raw,min,max");
});

test("a read the LMS cannot answer: 403, not initialized only for an element the LMS alone sets", () => {
  const { api, calls } = started();
  for (const element of ["cmi.completion_threshold", "cmi.max_time_allowed", "cmi.launch_data", "cmi.location"]) {
    assert.equal(code(api, api.GetValue(element), "403", element), "");
  }
  assert.deepEqual(calls.filter((c) => c.method === "GetValue").map((c) => c.notInitialized), [true, true, true, false]);
  assert.equal(api.GetValue("cmi.scaled_passing_score"), "0.8");
  assert.equal(calls[calls.length - 1].notInitialized, false);
});

test("types (406) and ranges (407): statuses, scores, progress, times, SPMs", () => {
  const { api } = started();
  assert.equal(code(api, api.SetValue("cmi.completion_status", "passed"), "406"), "false");
  assert.equal(code(api, api.SetValue("cmi.success_status", "completed"), "406"), "false");
  assert.equal(api.SetValue("cmi.success_status", "passed"), "true");
  assert.equal(code(api, api.SetValue("cmi.score.scaled", "1.2"), "407"), "false");
  assert.equal(code(api, api.SetValue("cmi.score.scaled", "80%"), "406"), "false");
  assert.equal(api.SetValue("cmi.score.scaled", "-0.5"), "true");
  assert.equal(api.SetValue("cmi.score.raw", "250"), "true"); // raw is any real in 2004
  assert.equal(code(api, api.SetValue("cmi.progress_measure", "1.01"), "407"), "false");
  assert.equal(api.SetValue("cmi.session_time", "PT1H2M3.25S"), "true");
  for (const bad of ["0000:01:00", "PT1.123S", "P", "PT", "1H"]) {
    assert.equal(code(api, api.SetValue("cmi.session_time", bad), "406", bad), "false");
  }
  assert.equal(api.SetValue("cmi.exit", "normal"), "true");
  assert.equal(code(api, api.SetValue("cmi.exit", "finished"), "406"), "false");
  assert.equal(api.SetValue("cmi.suspend_data", "x".repeat(64000)), "true");
  assert.equal(code(api, api.SetValue("cmi.suspend_data", "x".repeat(64001)), "406"), "false");
  assert.equal(code(api, api.SetValue("cmi.location", "l".repeat(1001)), "406"), "false");
  assert.equal(api.SetValue("cmi.learner_preference.language", "fr-CA"), "true");
  assert.equal(code(api, api.SetValue("cmi.learner_preference.language", "français"), "406"), "false");
  assert.equal(api.SetValue("adl.nav.request", "suspendAll"), "true");
  assert.equal(api.SetValue("adl.nav.request", "{target=intro}choice"), "true");
  assert.equal(code(api, api.SetValue("adl.nav.request", "quit"), "406"), "false");
});

test("interactions: id first (408), type before responses (408), [,] [.] formats, indices in order (351)", () => {
  const { api } = started();
  assert.equal(code(api, api.SetValue("cmi.interactions.0.type", "choice"), "408"), "false");
  assert.equal(code(api, api.SetValue("cmi.interactions.1.id", "q2"), "351"), "false");
  assert.equal(api.SetValue("cmi.interactions.0.id", "final-q1"), "true");
  assert.equal(code(api, api.SetValue("cmi.interactions.0.learner_response", "a"), "408"), "false");
  assert.equal(api.SetValue("cmi.interactions.0.type", "choice"), "true");
  assert.equal(code(api, api.SetValue("cmi.interactions.0.learner_response", "a,c"), "406"), "false");
  assert.equal(code(api, api.SetValue("cmi.interactions.0.learner_response", "a[,]a"), "406"), "false");
  assert.equal(api.SetValue("cmi.interactions.0.learner_response", "a[,]c"), "true");
  assert.equal(api.GetValue("cmi.interactions.0.learner_response"), "a[,]c"); // readable in 2004
  assert.equal(code(api, api.GetValue("cmi.interactions.0.description"), "403"), "");
  assert.equal(code(api, api.SetValue("cmi.interactions.0.result", "wrong"), "406"), "false");
  assert.equal(api.SetValue("cmi.interactions.0.result", "incorrect"), "true");
  assert.equal(api.SetValue("cmi.interactions.0.timestamp", "2025-01-31T10:00:00.5Z"), "true");
  assert.equal(code(api, api.SetValue("cmi.interactions.0.timestamp", "10:00:00"), "406"), "false");
  assert.equal(api.SetValue("cmi.interactions.1.id", "final-q2"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.type", "matching"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.correct_responses.0.pattern", "1[.]a[,]2[.]b"), "true");
  assert.equal(code(api, api.SetValue("cmi.interactions.1.learner_response", "1.a,2.b"), "406"), "false");
  assert.equal(api.SetValue("cmi.interactions.2.id", "q3"), "true");
  assert.equal(api.SetValue("cmi.interactions.2.type", "true-false"), "true");
  assert.equal(code(api, api.SetValue("cmi.interactions.2.learner_response", "t"), "406"), "false");
  assert.equal(api.SetValue("cmi.interactions.2.learner_response", "true"), "true");
  assert.equal(api.SetValue("cmi.interactions.3.id", "q4"), "true");
  assert.equal(api.SetValue("cmi.interactions.3.type", "numeric"), "true");
  assert.equal(api.SetValue("cmi.interactions.3.correct_responses.0.pattern", "90[:]100"), "true");
  assert.equal(api.SetValue("cmi.interactions.3.learner_response", "94"), "true");
  assert.equal(api.GetValue("cmi.interactions._count"), "4");
  assert.equal(code(api, api.GetValue("cmi.interactions.4.id"), "301"), "");
});

test("objectives: id first, unique, never changed (408, 351)", () => {
  const { api } = started();
  assert.equal(code(api, api.SetValue("cmi.objectives.0.success_status", "passed"), "408"), "false");
  assert.equal(api.SetValue("cmi.objectives.0.id", "obj-1"), "true");
  assert.equal(api.SetValue("cmi.objectives.0.id", "obj-1"), "true");
  assert.equal(code(api, api.SetValue("cmi.objectives.0.id", "obj-2"), "351"), "false");
  assert.equal(code(api, api.SetValue("cmi.objectives.1.id", "obj-1"), "351"), "false");
  assert.equal(api.SetValue("cmi.objectives.0.score.scaled", "0.9"), "true");
});

test("navigation: only continue, previous, choice and jump can be asked about (one SCO: false)", () => {
  const { api } = started();
  assert.equal(api.GetValue("adl.nav.request"), "_none_");
  assert.equal(api.GetValue("adl.nav.request_valid.continue"), "false");
  assert.equal(api.GetValue("adl.nav.request_valid.previous"), "false");
  assert.equal(api.GetValue("adl.nav.request_valid.choice.{target=intro}"), "false");
  assert.equal(api.GetValue("adl.nav.request_valid.jump.{target=intro}"), "false");
  assert.equal(code(api, api.GetValue("adl.nav.request_valid.suspendAll"), "401"), "");
  assert.equal(code(api, api.SetValue("adl.nav.request_valid.continue", "true"), "404"), "false");
});

test("Terminate hands the whole CMI over, as Commit does", () => {
  const { api, commits } = started();
  api.SetValue("cmi.location", "dos");
  api.SetValue("cmi.session_time", "PT10S");
  assert.equal(api.Commit(""), "true");
  assert.equal(api.Terminate(""), "true");
  assert.deepEqual(commits.map((c) => c.finished), [false, true]);
  assert.equal(commits[1].snap.values["cmi.location"], "dos");
});

test("the course's SCORM 2004 adapter runs a session without a single LMS error", () => {
  const A = require(ADAPTER);
  const calls = [];
  const api = LMS.create({ values: LAUNCH, onCall: (c) => calls.push(c) });
  const tracker = quietTracker(A, api, "scorm2004");
  tracker.start();
  tracker.pageSeen(0);
  tracker.pageSeen(1);
  tracker.quizBegin();
  tracker.quizAnswer(0, "a");
  tracker.quizCheck(0, 1200, false);
  tracker.quizFinish();
  tracker.exit();
  const said = (c) => c.method + " " + c.args[0] + " " + c.error;
  assert.deepEqual(calls.filter((c) => c.error && c.error !== "0" && !c.notInitialized).map(said), []);
  // no completion threshold: the LMS says so (403), which is not an error [SCORM 2004 RTE §3.1.7.6]
  assert.deepEqual(calls.filter((c) => c.notInitialized).map(said), ["GetValue cmi.completion_threshold 403"]);
  const values = api.snapshot().values;
  assert.equal(values["cmi.success_status"], "passed");
  assert.equal(values["cmi.completion_status"], "completed");
  assert.equal(api.state(), "finished");
});
