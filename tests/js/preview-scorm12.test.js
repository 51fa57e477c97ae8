"use strict";
/* The preview's strict SCORM 1.2 LMS API (builder/preview/static/scorm12-api.js)
 * [SCORM 1.2 RTE §3.3-3.4]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { load, quietTracker } = require("./lib.js");

const LMS = require(path.resolve(__dirname, "..", "..", "builder", "preview", "static", "scorm12-api.js"));

const LAUNCH = {
  "cmi.core.student_id": "preview-learner",
  "cmi.core.student_name": "Author, Preview",
  "cmi.core.credit": "credit",
  "cmi.core.entry": "ab-initio",
  "cmi.core.lesson_status": "not attempted",
  "cmi.core.lesson_mode": "normal",
  "cmi.core.total_time": "0000:00:00.00",
  "cmi.student_data.mastery_score": "80"
};

function started(extra) {
  const calls = [];
  const commits = [];
  const api = LMS.create({
    values: Object.assign({}, LAUNCH, extra || {}),
    onCall: (c) => calls.push(c),
    onCommit: (snap, finished) => commits.push({ snap, finished })
  });
  assert.equal(api.LMSInitialize(""), "true");
  return { api, calls, commits };
}

function expectError(api, result, code) {
  assert.equal(api.LMSGetLastError(), code, "last error");
  return result;
}

test("every function returns a string; GetLastError is '0' after a good call", () => {
  const { api } = started();
  for (const r of [api.LMSGetValue("cmi.core.student_id"), api.LMSSetValue("cmi.core.lesson_location", "p2"),
    api.LMSCommit(""), api.LMSGetLastError(), api.LMSGetErrorString("405"), api.LMSGetDiagnostic("")]) {
    assert.equal(typeof r, "string");
  }
  assert.equal(api.LMSGetValue("cmi.core.lesson_location"), "p2");
  assert.equal(api.LMSGetLastError(), "0");
  assert.equal(api.LMSGetErrorString("405"), "Incorrect data type");
  assert.equal(api.LMSGetErrorString("999"), "");
});

test("call order: nothing before LMSInitialize (301), Initialize once (101), nothing after LMSFinish (301)", () => {
  const api = LMS.create({ values: LAUNCH });
  assert.equal(api.LMSGetValue("cmi.core.student_id"), "");
  assert.equal(api.LMSGetLastError(), "301");
  assert.equal(api.LMSSetValue("cmi.core.lesson_location", "x"), "false");
  assert.equal(api.LMSGetLastError(), "301");
  assert.equal(api.LMSCommit(""), "false");
  assert.equal(api.LMSFinish(""), "false");
  assert.equal(api.LMSGetLastError(), "301");
  assert.equal(api.LMSInitialize(""), "true");
  assert.equal(api.LMSInitialize(""), "false");
  assert.equal(api.LMSGetLastError(), "101");
  assert.equal(api.LMSFinish(""), "true");
  assert.equal(api.LMSGetValue("cmi.core.lesson_status"), "");
  assert.equal(api.LMSGetLastError(), "301");
  assert.match(api.LMSGetDiagnostic(""), /after LMSFinish/);
  assert.equal(api.LMSSetValue("cmi.core.lesson_status", "completed"), "false");
  assert.equal(api.LMSCommit(""), "false");
  assert.equal(api.LMSFinish(""), "false");
  assert.equal(api.LMSGetLastError(), "301");
  assert.equal(api.LMSInitialize(""), "false");
  assert.equal(api.LMSGetLastError(), "101");
});

test('Initialize, Finish and Commit take "" only (201)', () => {
  const api = LMS.create({ values: LAUNCH });
  assert.equal(api.LMSInitialize(), "false");
  assert.equal(api.LMSGetLastError(), "201");
  assert.equal(api.LMSInitialize("x"), "false");
  assert.equal(api.LMSInitialize(""), "true");
  assert.equal(expectError(api, api.LMSCommit("now"), "201"), "false");
  assert.equal(expectError(api, api.LMSFinish(null), "201"), "false");
  assert.equal(api.state(), "running");
});

test("read-only (403), write-only (404), unknown elements (401), categories (201)", () => {
  const { api } = started();
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.student_id", "x"), "403"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.entry", "resume"), "403"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.total_time", "0000:01:00"), "403"), "false");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core.exit"), "404"), "");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core.session_time"), "404"), "");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core.lesson_stat"), "401"), "");
  assert.equal(expectError(api, api.LMSGetValue("cmi.completion_status"), "401"), "");
  assert.equal(expectError(api, api.LMSSetValue("cmi.success_status", "passed"), "401"), "false");
  assert.equal(expectError(api, api.LMSGetValue(""), "201"), "");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core"), "201"), "");
  assert.equal(api.LMSGetValue("cmi.core.student_name"), "Author, Preview");
  assert.equal(api.LMSGetValue("cmi._version"), "3.4");
});

test("keywords: _children and _count (202, 203), never set (402)", () => {
  const { api } = started();
  assert.equal(api.LMSGetValue("cmi.core._children"),
    "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time");
  assert.equal(api.LMSGetValue("cmi.core.score._children"), "raw,min,max");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "0");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core.lesson_status._children"), "202"), "");
  assert.equal(expectError(api, api.LMSGetValue("cmi.core._count"), "203"), "");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions._count", "3"), "402"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.core._children", "x"), "402"), "false");
  assert.equal(expectError(api, api.LMSGetValue("cmi.bogus._children"), "401"), "");
});

test("vocabularies: lesson_status (never 'not attempted'), exit, interaction type and result (405)", () => {
  const { api } = started();
  for (const bad of ["bogus", "not attempted", "Completed", "complete", ""]) {
    assert.equal(expectError(api, api.LMSSetValue("cmi.core.lesson_status", bad), "405"), "false", bad);
  }
  assert.match(api.LMSGetDiagnostic(""), /lesson_status/);
  for (const good of ["incomplete", "browsed", "failed", "completed", "passed"]) {
    assert.equal(api.LMSSetValue("cmi.core.lesson_status", good), "true", good);
  }
  for (const good of ["suspend", "logout", "time-out", ""]) assert.equal(api.LMSSetValue("cmi.core.exit", good), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.exit", "normal"), "405"), "false");
  api.LMSSetValue("cmi.interactions.0.id", "q1");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.type", "long-fill-in"), "405"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.result", "incorrect"), "405"), "false");
  assert.equal(api.LMSSetValue("cmi.interactions.0.result", "wrong"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.result", "0.5"), "true");
});

test("data types: CMITimespan, CMITime, CMIDecimal scores 0..100, CMIIdentifier", () => {
  const { api } = started();
  for (const good of ["0000:05:30.25", "00:00:01", "9999:59:59.99", "12:30:00.5"]) {
    assert.equal(api.LMSSetValue("cmi.core.session_time", good), "true", good);
  }
  for (const bad of ["0:05:00", "00:05:00.123", "PT5M", "00:5:00", "5", ""]) {
    assert.equal(expectError(api, api.LMSSetValue("cmi.core.session_time", bad), "405"), "false", bad);
  }
  for (const good of ["0", "100", "72.5", ""]) assert.equal(api.LMSSetValue("cmi.core.score.raw", good), "true", good);
  for (const bad of ["101", "-1", "80%", "eighty", "1e2", "100.01"]) {
    assert.equal(expectError(api, api.LMSSetValue("cmi.core.score.raw", bad), "405"), "false", bad);
  }
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.score.max", "200"), "405"), "false");
  api.LMSSetValue("cmi.interactions.0.id", "q1");
  assert.equal(api.LMSSetValue("cmi.interactions.0.time", "23:59:59"), "true");
  for (const bad of ["24:00:00", "9:00:00", "2025-01-01T10:00:00"]) {
    assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.time", bad), "405"), "false", bad);
  }
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.id", "has space"), "405"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.id", "x".repeat(256)), "405"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.student_preference.text", "2"), "405"), "false");
  assert.equal(api.LMSSetValue("cmi.student_preference.audio", "-1"), "true");
});

test("CMIString4096: suspend_data of 4,096 characters is kept, 4,097 is refused (405)", () => {
  const { api } = started();
  assert.equal(api.LMSSetValue("cmi.suspend_data", "x".repeat(4096)), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.suspend_data", "y".repeat(4097)), "405"), "false");
  assert.match(api.LMSGetDiagnostic(""), /4097 characters/);
  assert.equal(api.LMSGetValue("cmi.suspend_data"), "x".repeat(4096));
  assert.equal(expectError(api, api.LMSSetValue("cmi.core.lesson_location", "l".repeat(256)), "405"), "false");
});

test("interactions: write-only but _count, appended in order (201 for a gap), responses by type", () => {
  const { api } = started();
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.1.id", "q2"), "201"), "false");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.01.id", "q2"), "201"), "false");
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q1"), "true");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "1");
  assert.equal(expectError(api, api.LMSGetValue("cmi.interactions.0.id"), "404"), "");
  assert.equal(api.LMSSetValue("cmi.interactions.0.type", "choice"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.student_response", "a,c"), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.student_response", "a[,]c"), "405"), "false");
  assert.equal(api.LMSSetValue("cmi.interactions.0.correct_responses.0.pattern", "a"), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.0.correct_responses.2.pattern", "b"), "201"), "false");
  assert.equal(api.LMSGetValue("cmi.interactions.0.correct_responses._count"), "1");
  assert.equal(api.LMSSetValue("cmi.interactions.1.id", "q2"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.1.type", "true-false"), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.1.student_response", "true"), "405"), "false");
  assert.equal(api.LMSSetValue("cmi.interactions.1.student_response", "t"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.2.type", "matching"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.2.student_response", "1.a,2.b"), "true");
  assert.equal(expectError(api, api.LMSSetValue("cmi.interactions.2.student_response", "1-a"), "405"), "false");
  assert.equal(api.LMSSetValue("cmi.interactions.2.latency", "0000:00:12.40"), "true");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "3");
  assert.equal(expectError(api, api.LMSGetValue("cmi.interactions.7.objectives._count"), "201"), "");
});

test("a resumed launch keeps the interactions of earlier sessions: _count continues", () => {
  const { api } = started({ "cmi.interactions.0.id": "q1", "cmi.interactions.1.id": "q2", "cmi.core.entry": "resume" });
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "2");
  assert.equal(api.LMSGetValue("cmi.core.entry"), "resume");
  assert.equal(api.LMSSetValue("cmi.interactions.2.id", "q3"), "true");
});

test("the log: every call with its result, error code, error text and diagnostic; warnings", () => {
  const { api, calls } = started();
  api.LMSSetValue("cmi.core.lesson_status", "bogus");
  const bad = calls.find((c) => c.method === "LMSSetValue");
  assert.deepEqual(bad.args, ["cmi.core.lesson_status", "bogus"]);
  assert.equal(bad.result, "false");
  assert.equal(bad.error, "405");
  assert.equal(bad.errorString, "Incorrect data type");
  assert.match(bad.diagnostic, /"bogus" is not one of/);
  api.LMSSetValue("cmi.core.score.raw", 85);
  assert.match(calls[calls.length - 1].warning, /number, not a string/);
  assert.equal(api.LMSGetValue("cmi.core.score.raw"), "85");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  assert.match(calls[calls.length - 1].warning, /lowers lesson_status from passed to incomplete/);
  assert.equal(api.LMSGetLastError(), "0");
  assert.equal(calls[calls.length - 1].error, null);
});

test("Commit and Finish hand the whole CMI over; Finish warns when session_time was never set", () => {
  const { api, calls, commits } = started();
  api.LMSSetValue("cmi.core.lesson_location", "p3");
  api.LMSCommit("");
  assert.equal(commits.length, 1);
  assert.equal(commits[0].finished, false);
  assert.equal(commits[0].snap.values["cmi.core.lesson_location"], "p3");
  api.LMSFinish("");
  assert.equal(commits[1].finished, true);
  assert.equal(commits[1].snap.state, "finished");
  assert.match(calls[calls.length - 1].warning, /session_time was never set/);
});

test("the course's own SCORM 1.2 adapter and tracker run a session without a single LMS error", () => {
  const A = load("adapter-scorm12.js");
  const calls = [];
  const commits = [];
  const api = LMS.create({ values: LAUNCH, onCall: (c) => calls.push(c), onCommit: (snap, finished) => commits.push({ snap, finished }) });
  const tracker = quietTracker(A, api, "scorm12");
  tracker.start();
  assert.equal(api.snapshot().values["cmi.core.lesson_status"], "incomplete");
  tracker.pageSeen(0);
  tracker.pageSeen(1);
  tracker.quizBegin();
  tracker.quizAnswer(0, "a");
  tracker.quizCheck(0, 1200, false);
  tracker.quizFinish();
  tracker.exit();
  const errors = calls.filter((c) => c.error && c.error !== "0");
  assert.deepEqual(errors, []);
  assert.deepEqual(calls.filter((c) => c.warning).map((c) => c.warning), []);
  const values = api.snapshot().values;
  assert.equal(values["cmi.core.lesson_status"], "passed");
  assert.equal(values["cmi.core.score.raw"], "100");
  assert.equal(values["cmi.interactions.0.id"], "final-q1");
  assert.equal(values["cmi.interactions.0.student_response"], "a");
  assert.equal(commits[commits.length - 1].finished, true);
  assert.equal(api.state(), "finished");
});
