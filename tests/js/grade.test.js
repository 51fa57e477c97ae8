"use strict";
/* The grade an LMS may keep for good (outcome-report.js grade, report's opts.grade): SAP
 * SuccessFactors copies the score to the grade when the first passed or completed status arrives
 * and never updates it [SAP KBA 2413378]; the result screen says that grade when it is not the score. */
const test = require("node:test");
const assert = require("node:assert/strict");
const O = require("../../templates/theme/static/outcome.js");

function status(completion, success, score, lms) {
  return { tracking: true, readOnly: false, recorded: true, lms: lms || "",
    outcome: { completion, success, score, remaining: [], video: false, assessment: "", outOfAttempts: false, done: completion === "completed" } };
}
const keys = (s, opts) => O.report(s, opts).record.map((l) => [l.key, l.vars ? l.vars.score : undefined]);

test("grade: noted at the first complete status (SCORM 2004: or passed), then kept", () => {
  assert.equal(O.grade(undefined, status("incomplete", "failed", 50), true), undefined);
  assert.deepEqual(O.grade(undefined, status("incomplete", "passed", 90), false), { score: 90 }, "2004: passed");
  assert.equal(O.grade(undefined, status("incomplete", "passed", 90), true), undefined, "1.2: incomplete until complete");
  const first = O.grade(undefined, status("completed", "unknown", null), true);
  assert.deepEqual(first, { score: null });
  assert.equal(O.grade(first, status("completed", "passed", 100), true), first);
  assert.deepEqual(O.grade(undefined, status("completed", "passed", 100, "completed"), true), { score: undefined });
  const off = Object.assign(status("completed", "passed", 100), { readOnly: true });
  assert.equal(O.grade(undefined, off, true), undefined);
});

test("report: the grade is said only when it is not the score, and known", () => {
  const now = status("completed", "passed", 100);
  assert.deepEqual(keys(now, { holdsScore: true, grade: { score: 50 } }), [["record_complete_passed", undefined], ["record_grade_kept", 50]]);
  assert.deepEqual(keys(now, { holdsScore: true, grade: { score: null } }), [["record_complete_passed", undefined], ["record_grade_none", undefined]]);
  assert.deepEqual(keys(now, { grade: { score: 100 } }), [["record_complete_passed", undefined]]);
  assert.deepEqual(keys(now, { grade: { score: undefined } }), [["record_complete_passed", undefined]]);
  assert.deepEqual(keys(now, { saveFailed: true, grade: { score: 50 } }), [["record_unsaved", undefined]]);
});
