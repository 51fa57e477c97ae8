"use strict";
/* The successfactors LMS profile (builder/preview/static/lms-successfactors.js) around the
 * preview's strict engines: the grade taken when the first passed or completed status arrives,
 * and SCORM 2004's completion on leaving through the LMS's navigation. */
const test = require("node:test");
const assert = require("node:assert/strict");

const { P, ENGINES, lmsSide } = require("./profile-kit.js");
const MODE = { scorm12: "cmi.core.lesson_mode", scorm2004: "cmi.mode" };

function session(version, opts, mode) {
  const stores = [];
  const api = ENGINES[version].create({
    values: { [MODE[version]]: mode || "normal" },
    onCommit: (snap, finished) => stores.push({ values: snap.values, finished, why: "" })
  });
  const lms = lmsSide(api, stores);
  const p = P.wrap("successfactors", version, api, lms, opts || {});
  const N = P.METHODS[version];
  assert.equal(p[N.init](""), "true");
  return { api, p, N, stores, set: (k, v) => assert.equal(p[N.set](k, v), "true", k) };
}

test("successfactors 1.2: the grade is the score held when 'completed' first arrives; a later score leaves it", () => {
  const s = session("scorm12");
  assert.equal(s.p.state().graded, false);
  s.set("cmi.core.lesson_status", "incomplete");
  s.set("cmi.core.score.raw", "40");
  s.set("cmi.core.lesson_status", "failed");
  assert.equal(s.p.state().graded, false, "incomplete and failed are no pass or complete status");
  s.set("cmi.core.lesson_status", "completed");
  s.set("cmi.core.score.raw", "90");
  s.set("cmi.core.lesson_status", "passed");
  assert.deepEqual([s.p.state().grade, s.p.state().gradedAt], ["40", "cmi.core.lesson_status=completed"]);
  assert.equal(s.api.snapshot().values["cmi.core.score.raw"], "90", "the score itself is updated");
});

test("successfactors 1.2: 'passed' before any score grades nothing ('')", () => {
  const s = session("scorm12");
  s.set("cmi.core.lesson_status", "passed");
  s.set("cmi.core.score.raw", "100");
  assert.deepEqual([s.p.state().graded, s.p.state().grade], [true, ""]);
});

test("successfactors: no grade in review or browse mode", () => {
  const s = session("scorm12", {}, "review");
  s.set("cmi.core.lesson_status", "passed");
  assert.equal(s.p.state().graded, false);
});

test("successfactors 2004: completion_status 'completed' or success_status 'passed', whichever comes first", () => {
  const s = session("scorm2004");
  s.set("cmi.score.raw", "50");
  s.set("cmi.success_status", "failed");
  s.set("cmi.completion_status", "completed");
  s.set("cmi.score.raw", "100");
  s.set("cmi.success_status", "passed");
  assert.deepEqual([s.p.state().grade, s.p.state().gradedAt], ["50", "cmi.completion_status=completed"]);
  const t = session("scorm2004");
  t.set("cmi.completion_status", "incomplete");
  t.set("cmi.score.raw", "80");
  t.set("cmi.success_status", "passed");
  assert.deepEqual([t.p.state().grade, t.p.state().gradedAt], ["80", "cmi.success_status=passed"]);
});

test("successfactors: a grade taken in an earlier session stays (the previous record's profile state)", () => {
  const record = { sessions: 1, profileState: { graded: true, grade: "60", gradedAt: "cmi.core.lesson_status=completed" } };
  const s = session("scorm12", { record });
  s.set("cmi.core.score.raw", "95");
  s.set("cmi.core.lesson_status", "passed");
  assert.equal(s.p.state().grade, "60");
});

test("successfactors 2004: leaving through the LMS's navigation completes content that does not set its status", () => {
  const s = session("scorm2004", { setByContent: false });
  s.p.close();
  assert.equal(s.api.snapshot().values["cmi.completion_status"], "completed");
  assert.deepEqual([s.stores.length, s.stores[0].finished, s.stores[0].why], [1, true, "successfactors-2004-exit"]);
  assert.deepEqual([s.p.state().completedOnExit, s.p.state().grade], [true, ""]);

  const sent = session("scorm2004", { setByContent: false });
  sent.set("cmi.success_status", "failed");
  sent.p.close();
  assert.equal(sent.api.snapshot().values["cmi.completion_status"], "unknown", "a success_status was sent");
  for (const opts of [{ setByContent: true }, {}]) {
    const own = session("scorm2004", opts); // coursebuild's manifests: the content sets both
    own.p.close();
    assert.deepEqual([own.stores.length, own.api.snapshot().values["cmi.completion_status"]], [0, "unknown"]);
  }
  const v12 = session("scorm12", { setByContent: false });
  v12.p.close();
  assert.equal(v12.stores.length, 0, "SCORM 1.2 has no such navigation");
});

test("successfactors: each behaviour cites SAP's own article", () => {
  const d = P.describe("successfactors");
  assert.deepEqual(d.behaviours.map((b) => [b.id, b.confirmed]),
    [["successfactors-grade", true], ["successfactors-2004-exit", true]]);
  for (const b of d.behaviours) assert.match(b.source, /^\[SAP KBA \d+/);
});
