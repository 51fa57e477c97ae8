"use strict";
/* LMS profiles (builder/preview/static/lms-profiles.js) around the preview's strict engines:
 * every behaviour of every profile, each as its LMS's source has it (see describe()). */
const test = require("node:test");
const assert = require("node:assert/strict");

const { P, ENGINES, lmsSide } = require("./profile-kit.js");

const LAUNCH = {
  scorm12: {
    "cmi.core.student_id": "preview-learner", "cmi.core.credit": "credit", "cmi.core.entry": "ab-initio",
    "cmi.core.lesson_status": "not attempted", "cmi.core.lesson_mode": "normal",
    "cmi.core.total_time": "0000:00:00.00", "cmi.student_data.mastery_score": "80"
  },
  scorm2004: { "cmi.learner_id": "preview-learner", "cmi.scaled_passing_score": "0.8" }
};

/* A wrapped strict engine, started; stores are what the LMS kept (commit, finish, own stores). */
function session(name, version, extra, opts) {
  const calls = [];
  const stores = [];
  const own = [];
  const api = ENGINES[version].create({
    values: Object.assign({}, LAUNCH[version], extra || {}),
    onCall: (c) => calls.push(c),
    onCommit: (snap, finished) => stores.push({ values: snap.values, finished, why: "" })
  });
  const lms = lmsSide(api, stores);
  const p = P.wrap(name, version, api, lms, Object.assign({ onCall: (c) => own.push(c) }, opts || {}));
  const N = P.METHODS[version];
  assert.equal(p[N.init](""), "true");
  return { api, p, N, calls, stores, own, last: () => stores[stores.length - 1] };
}

test("the profiles are strict, moodle, forma, edition2 and successfactors; each behaviour cites its source", () => {
  assert.deepEqual(P.names, ["strict", "moodle", "forma", "edition2", "successfactors"]);
  for (const name of P.names) {
    const d = P.describe(name);
    assert.equal(d.name, name);
    assert.ok(d.title);
    for (const b of d.behaviours) {
      assert.match(b.id, new RegExp("^" + name + "-"));
      assert.ok(b.what.length > 40, b.id);
      assert.match(b.source, /^\[(Moodle|forma\.lms|report only|SCORM 2004 4th ed\. RTE|SAP KBA)/, b.id);
      assert.equal(typeof b.confirmed, "boolean");
    }
  }
  assert.deepEqual(P.describe("strict").behaviours, []);
  assert.throws(() => P.describe("blackboard"), /unknown LMS profile "blackboard"; expected one of: strict, moodle, forma, edition2, successfactors/);
  assert.throws(() => P.wrap("moodle", "scorm3", {}, {}), /unknown SCORM version/);
});

test("strict: the wrapped API answers exactly as the engine does", () => {
  for (const version of ["scorm12", "scorm2004"]) {
    const s = session("strict", version);
    const N = s.N;
    const id = version === "scorm12" ? "cmi.core.lesson_location" : "cmi.location";
    assert.equal(s.p[N.set](id, "p2"), "true");
    assert.equal(s.p[N.get](id), "p2");
    assert.equal(s.p[N.set]("cmi.bogus", "x"), "false");
    assert.equal(s.p[N.last](), "401");
    assert.equal(s.p[N.string]("401"), s.api[N.string]("401"));
    assert.match(s.p[N.diagnostic](""), /bogus/);
    assert.equal(s.p[N.commit](""), "true");
    assert.equal(s.p[N.finish](""), "true");
    assert.equal(s.p[N.get](id), "");
    assert.equal(s.p[N.last](), version === "scorm12" ? "301" : "123");
    s.p.close();
    assert.deepEqual(s.stores.map((x) => x.finished), [false, true]);
    assert.deepEqual(s.own, []);
    assert.deepEqual(s.p.launchValues(version, { a: "1" }, { sessions: 3 }), { a: "1" });
    assert.equal(s.p.activityComplete, undefined);
    assert.equal(s.p.describe().name, "strict");
  }
});

test("moodle 1.2: LMSFinish overrides lesson_status from score.raw and mastery_score", () => {
  for (const [raw, expected] of [["85", "passed"], ["80", "passed"], ["79.5", "failed"]]) {
    const s = session("moodle", "scorm12");
    s.p.LMSSetValue("cmi.core.lesson_status", "completed");
    s.p.LMSSetValue("cmi.core.score.raw", raw);
    assert.equal(s.p.LMSCommit(""), "true");
    assert.equal(s.last().values["cmi.core.lesson_status"], "completed", "a commit is left alone");
    assert.equal(s.p.LMSFinish(""), "true");
    assert.equal(s.last().values["cmi.core.lesson_status"], expected, raw);
  }
  // a passed SCO with a low score is failed; a failed one with a high score passed
  const s = session("moodle", "scorm12");
  s.p.LMSSetValue("cmi.core.lesson_status", "passed");
  s.p.LMSSetValue("cmi.core.score.raw", "10");
  s.p.LMSFinish("");
  assert.equal(s.last().values["cmi.core.lesson_status"], "failed");
});

test("moodle 1.2: no override without a score, a mastery score, credit, normal mode or the setting", () => {
  const cases = [
    [{}, {}, "completed"],
    [{ "cmi.student_data.mastery_score": "" }, { raw: "95" }, "completed"],
    [{ "cmi.core.credit": "no-credit" }, { raw: "10" }, "completed"],
    [{ "cmi.core.lesson_mode": "browse" }, { raw: "10" }, "completed"],
    [{}, { raw: "10", masteryOverride: false }, "completed"]
  ];
  for (const [launch, o, expected] of cases) {
    const s = session("moodle", "scorm12", launch, { masteryOverride: o.masteryOverride });
    s.p.LMSSetValue("cmi.core.lesson_status", "completed");
    if (o.raw) s.p.LMSSetValue("cmi.core.score.raw", o.raw);
    s.p.LMSFinish("");
    assert.equal(s.last().values["cmi.core.lesson_status"], expected, JSON.stringify(launch));
  }
});

test("moodle 1.2: a status never set is 'completed' at LMSFinish", () => {
  const s = session("moodle", "scorm12");
  s.p.LMSFinish("");
  assert.equal(s.last().values["cmi.core.lesson_status"], "completed");
  const scored = session("moodle", "scorm12");
  scored.p.LMSSetValue("cmi.core.score.raw", "90");
  scored.p.LMSFinish("");
  assert.equal(scored.last().values["cmi.core.lesson_status"], "passed");
});

test("moodle 1.2: a score set to '' is stored as 0, and then fails the mastery score", () => {
  const s = session("moodle", "scorm12");
  assert.equal(s.p.LMSSetValue("cmi.core.lesson_status", "completed"), "true");
  assert.equal(s.p.LMSSetValue("cmi.core.score.raw", ""), "true");
  assert.equal(s.p.LMSGetLastError(), "0");
  assert.equal(s.p.LMSGetValue("cmi.core.score.raw"), "0");
  s.p.LMSSetValue("cmi.objectives.0.id", "o1");
  s.p.LMSSetValue("cmi.objectives.0.score.max", "");
  s.p.LMSFinish("");
  assert.equal(s.last().values["cmi.core.score.raw"], "0");
  assert.equal(s.last().values["cmi.objectives.0.score.max"], "0");
  assert.equal(s.last().values["cmi.core.lesson_status"], "failed");
  // under strict the same call keeps ''
  const strict = session("strict", "scorm12");
  strict.p.LMSSetValue("cmi.core.score.raw", "");
  assert.equal(strict.p.LMSGetValue("cmi.core.score.raw"), "");
});

test("moodle 1.2: after LMSFinish calls answer 301 as strict does", () => {
  const s = session("moodle", "scorm12");
  s.p.LMSFinish("");
  assert.equal(s.p.LMSGetValue("cmi.core.lesson_status"), "");
  assert.equal(s.p.LMSGetLastError(), "301");
});

for (const request of ["exitAll", "abandonAll"]) {
  test(`moodle 2004: Terminate after adl.nav.request=${request} stores the data, then throws`, () => {
    const s = session("moodle", "scorm2004");
    s.p.SetValue("cmi.location", "p3");
    s.p.SetValue("cmi.completion_status", "completed");
    s.p.SetValue("cmi.session_time", "PT1M");
    assert.equal(s.p.SetValue("adl.nav.request", request), "true");
    assert.throws(() => s.p.Terminate(""), (e) => e instanceof SyntaxError && e.message === "Unexpected token '<'");
    assert.deepEqual(s.stores.map((x) => [x.finished, x.why]), [[true, "moodle-2004-navrequest"]]);
    assert.equal(s.last().values["cmi.location"], "p3");
    assert.equal(s.last().values["cmi.completion_status"], "completed");
    assert.equal(s.p.GetLastError(), "0");
    assert.equal(s.api.state(), "running", "the API is not terminated");
    assert.equal(s.own.length, 1);
    assert.equal(s.own[0].method, "Terminate");
    assert.equal(s.own[0].threw, "SyntaxError: Unexpected token '<'");
    // still initialized: the SCO may read and write, and Terminate throws again
    assert.equal(s.p.GetValue("cmi.location"), "p3");
    assert.throws(() => s.p.Terminate(""), SyntaxError);
    // a request Moodle answers cleanly lets Terminate end the session
    assert.equal(s.p.SetValue("adl.nav.request", "_none_"), "true");
    assert.equal(s.p.Terminate(""), "true");
    assert.equal(s.api.state(), "finished");
  });
}

test("moodle 2004: Commit with exitAll pending stores, then throws; suspendAll, exit and _none_ are clean", () => {
  const s = session("moodle", "scorm2004");
  s.p.SetValue("adl.nav.request", "exitAll");
  assert.throws(() => s.p.Commit(""), SyntaxError);
  assert.deepEqual(s.stores.map((x) => x.finished), [false]);
  for (const request of ["suspendAll", "exit", "_none_", "continue"]) {
    const clean = session("moodle", "scorm2004");
    assert.equal(clean.p.SetValue("adl.nav.request", request), "true");
    assert.equal(clean.p.Commit(""), "true");
    assert.equal(clean.p.Terminate(""), "true", request);
    assert.deepEqual(clean.stores.map((x) => x.finished), [false, true]);
    assert.deepEqual(clean.own, []);
  }
});

test("moodle 2004: Terminate sets completion_status from progress_measure and completion_threshold", () => {
  const cases = [
    [{ "cmi.completion_threshold": "0.8" }, "0.5", "incomplete"],
    [{ "cmi.completion_threshold": "0.8" }, "0.9", "completed"],
    [{ "cmi.completion_threshold": "0.8" }, "0", "completed"], // 0 is falsy: no override
    [{}, "0.1", "completed"],
    [{ "cmi.completion_threshold": "0.8", "cmi.credit": "no-credit" }, "0.1", "completed"]
  ];
  for (const [launch, progress, expected] of cases) {
    const s = session("moodle", "scorm2004", launch);
    s.p.SetValue("cmi.completion_status", "completed");
    s.p.SetValue("cmi.progress_measure", progress);
    s.p.Terminate("");
    assert.equal(s.last().values["cmi.completion_status"], expected, JSON.stringify([launch, progress]));
  }
});

test("moodle 2004: success_status is never overridden from score.scaled", () => {
  const s = session("moodle", "scorm2004");
  s.p.SetValue("cmi.success_status", "passed");
  s.p.SetValue("cmi.score.scaled", "0.1");
  s.p.Terminate("");
  assert.equal(s.last().values["cmi.success_status"], "passed");
});

test("moodle: activity completion as custom_completion.php evaluates it", () => {
  const done = (version, values, rules, o) => P.activityComplete(version, values, rules, o).complete;
  const v12 = (status, raw) => Object.assign({ "cmi.core.lesson_status": status }, raw ? { "cmi.core.score.raw": raw } : {});
  assert.equal(done("scorm12", v12("completed"), { status: ["completed"] }), true);
  assert.equal(done("scorm12", v12("passed"), { status: ["completed"] }), false, "passed does not meet completed");
  assert.equal(done("scorm12", v12("passed"), { status: ["passed"] }), true);
  assert.equal(done("scorm12", v12("passed"), { status: ["completed", "passed"] }), false);
  assert.equal(done("scorm12", v12("incomplete"), { status: ["completed"] }), false);
  assert.equal(done("scorm12", v12("failed", "85"), { score: 80 }), true);
  assert.equal(done("scorm12", v12("passed", "70"), { score: 80 }), false);
  assert.equal(done("scorm12", v12("passed", "85"), { status: ["passed"], score: 80 }), true);
  const v2004 = { "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.raw": "90" };
  assert.equal(done("scorm2004", v2004, { status: ["completed", "passed"] }), true);
  assert.equal(done("scorm2004", v2004, { status: ["completed"] }), true, "completed is read first");
  assert.equal(done("scorm2004", v2004, { status: ["passed"] }), false, "completed, then 6 is not 2");
  assert.equal(done("scorm2004", { "cmi.completion_status": "incomplete", "cmi.success_status": "passed" }, { status: ["passed"] }), true);
  assert.equal(done("scorm2004", v2004, {}), true, "no rule, nothing to meet");
});

test("moodle: the wrapped API carries activityComplete", () => {
  const s = session("moodle", "scorm12");
  s.p.LMSSetValue("cmi.core.lesson_status", "passed");
  assert.equal(s.p.activityComplete("scorm12", s.api.snapshot().values, { status: ["passed"] }).complete, true);
  assert.equal(session("moodle", "scorm2004").p.activityComplete, P.activityComplete);
});

test("moodle 4.3.0 (reported): a SCORM 1.2 status update does not re-evaluate completion", () => {
  const previous = { complete: false, rules: { status: false }, reevaluated: true };
  const values = { "cmi.core.lesson_status": "completed" };
  const kept = P.activityComplete("scorm12", values, { status: ["completed"] }, { release: "4.3.0", previous });
  assert.deepEqual(kept, { complete: false, rules: { status: false }, reevaluated: false });
  assert.equal(P.activityComplete("scorm12", values, { status: ["completed"] }, { previous }).complete, true);
  const v2004 = { "cmi.completion_status": "completed" };
  assert.equal(P.activityComplete("scorm2004", v2004, { status: ["completed"] }, { release: "4.3.0", previous }).complete, true);
  assert.equal(P.describe("moodle").behaviours.find((b) => b.id === "moodle-430-completion-12").confirmed, false);
});

const REFUSED = ["-", "_", ".", "!", "~", "*", "'", "(", ")"];

test("forma 2004: identifiers holding - _ . ! ~ * ' ( ) are refused with 406", () => {
  const elements = [
    ["cmi.interactions.0.id", null],
    ["cmi.objectives.0.id", null],
    ["cmi.interactions.0.objectives.0.id", ["cmi.interactions.0.id", "q1"]],
    ["cmi.interactions.0.correct_responses.0.pattern", ["cmi.interactions.0.id", "q1", "cmi.interactions.0.type", "choice"]]
  ];
  for (const [element, before] of elements) {
    for (const ch of REFUSED) {
      const s = session("forma", "scorm2004");
      if (before) for (let i = 0; i < before.length; i += 2) assert.equal(s.p.SetValue(before[i], before[i + 1]), "true");
      const value = "a" + ch + "b";
      assert.equal(s.p.SetValue(element, value), "false", element + " " + value);
      assert.equal(s.p.GetLastError(), "406");
      assert.equal(s.p.GetErrorString("406"), "Data model element type mismatch");
      assert.match(s.p.GetDiagnostic(""), /forma refuses/);
      assert.equal(s.api.snapshot().values[element], undefined, "not stored");
      assert.equal(s.own.at(-1).error, "406");
    }
  }
  const s = session("forma", "scorm2004");
  assert.equal(s.p.SetValue("cmi.interactions.0.id", "final-share-team-work"), "false");
  assert.equal(s.p.SetValue("cmi.interactions.0.id", "finalshareteamwork"), "true");
  assert.equal(s.p.GetLastError(), "0", "the next call clears the profile's error");
  assert.equal(s.p.SetValue("cmi.interactions.0.type", "matching"), "true");
  assert.equal(s.p.SetValue("cmi.interactions.0.correct_responses.0.pattern", "1[.]a"), "false", "[.] holds a dot");
  assert.equal(s.p.SetValue("cmi.interactions.0.learner_response", "1[.]a"), "true", "a characterstring");
  assert.equal(s.p.SetValue("cmi.interactions.0.correct_responses.0.pattern", "1[:]a"), "false", "the engine's own check");
  assert.notEqual(s.p.GetLastError(), "0");
  assert.equal(s.p.SetValue("cmi.interactions.0.id", "x".repeat(4001)), "false");
  assert.equal(s.p.GetLastError(), "406");
});

test("forma 1.2: identifiers are not checked that way", () => {
  const s = session("forma", "scorm12");
  assert.equal(s.p.LMSSetValue("cmi.interactions.0.id", "final-share-team-work"), "true");
  assert.equal(s.p.LMSSetValue("cmi.objectives.0.id", "o.1"), "true");
});

for (const version of ["scorm12", "scorm2004"]) {
  test(`forma ${version}: after the SCO's own finish, 122 / 132 / 142 and finish 'true'`, () => {
    const s = session("forma", version);
    const N = s.N;
    const loc = version === "scorm12" ? "cmi.core.lesson_location" : "cmi.location";
    assert.equal(s.p[N.finish](""), "true");
    assert.equal(s.p[N.get](loc), "");
    assert.equal(s.p[N.last](), "122");
    assert.equal(s.p[N.string]("122"), "Retrieve data before initialization");
    assert.equal(s.p[N.set](loc, "x"), "false");
    assert.equal(s.p[N.last](), "132");
    assert.equal(s.p[N.commit](""), "false");
    assert.equal(s.p[N.last](), "142");
    assert.equal(s.p[N.finish](""), "true");
    assert.equal(s.p[N.last](), "142", "LMSFinish leaves the error as it was");
    assert.deepEqual(s.stores.map((x) => x.finished), [true]);
  });

  test(`forma ${version}: close() finishes with what is in memory; the SCO goes on, its finish sends nothing`, () => {
    const s = session("forma", version);
    const N = s.N;
    const loc = version === "scorm12" ? "cmi.core.lesson_location" : "cmi.location";
    const exit = version === "scorm12" ? "cmi.core.exit" : "cmi.exit";
    s.p[N.set](loc, "p1");
    s.p[N.commit]("");
    s.p[N.set](loc, "p2"); // set, never committed
    s.p.close();
    assert.deepEqual(s.stores.map((x) => [x.finished, x.why]), [[false, ""], [true, "forma-close"]]);
    assert.equal(s.last().values[loc], "p2", "what it held in memory");
    assert.equal(s.p.state().forced, true);
    s.p.close();
    assert.equal(s.stores.length, 2, "once");
    // the SCO's unload handler runs after: its calls work, its commit is stored, its finish is not
    assert.equal(s.p[N.set](exit, "suspend"), "true");
    assert.equal(s.p[N.set]("cmi.suspend_data", "s3"), "true");
    assert.equal(s.p[N.get](loc), "p2");
    assert.equal(s.p[N.commit](""), "true");
    assert.equal(s.p[N.last](), "0");
    assert.equal(s.last().values["cmi.suspend_data"], "s3");
    assert.equal(s.p[N.finish](""), "true");
    assert.deepEqual(s.stores.map((x) => x.finished), [false, true, false], "no finish sent");
    assert.equal(s.p[N.get](loc), "");
    assert.equal(s.p[N.last](), "122");
  });
}

test("forma: close() does nothing when no session is running", () => {
  const s = session("forma", "scorm2004");
  s.p.Terminate("");
  s.p.close();
  assert.deepEqual(s.stores.map((x) => x.finished), [true]);
  for (const name of ["strict", "moodle"]) {
    const other = session(name, "scorm2004");
    other.p.close();
    assert.deepEqual(other.stores, [], name);
  }
});

test("forma launchValues: entry and total_time after a commit that came after the finish", () => {
  const strict2004 = { "cmi.entry": "ab-initio", "cmi.total_time": "PT2M", "cmi.learner_id": "x" };
  const stored = { "cmi.location": "p4", "cmi.suspend_data": "s", "cmi.entry": "ab-initio", "cmi.exit": "suspend",
    "cmi.session_time": "PT1M", "cmi.total_time": "PT0H0M0S", "cmi.completion_status": "incomplete" };
  const record = { sessions: 1, stored, launchEntry: "ab-initio", launchTotal: "PT0H0M0S", exitAtFinish: "suspend",
    finished: true, storedAfterFinish: true };
  const next = P.launchValues("forma", "scorm2004", strict2004, record);
  assert.equal(next["cmi.entry"], "ab-initio");
  assert.equal(next["cmi.total_time"], "PT0H0M0S");
  assert.equal(next["cmi.location"], "p4");
  assert.equal(next["cmi.suspend_data"], "s");
  assert.equal(next["cmi.exit"], undefined);
  assert.equal(next["cmi.session_time"], undefined);
  assert.equal(next["cmi.learner_id"], "x");
  // the SCO's own Terminate: Finish decides from the exit
  const resumed = P.launchValues("forma", "scorm2004", strict2004, Object.assign({}, record, { storedAfterFinish: false }));
  assert.equal(resumed["cmi.entry"], "resume");
  assert.equal(resumed["cmi.total_time"], "PT2M");
  const normal = P.launchValues("forma", "scorm2004", strict2004, Object.assign({}, record, { storedAfterFinish: false, exitAtFinish: "normal" }));
  assert.equal(normal["cmi.entry"], "");
  assert.equal(normal["cmi.location"], "p4", "forma keeps a 2004 attempt's data whatever the exit");
  // SCORM 1.2 goes the same way
  const v12 = P.launchValues("forma", "scorm12", { "cmi.core.entry": "resume", "cmi.core.total_time": "0000:01:00.00" },
    { sessions: 2, stored: { "cmi.core.lesson_location": "p2" }, launchEntry: "ab-initio", launchTotal: "0000:00:00.00",
      exitAtFinish: "suspend", finished: true, storedAfterFinish: true });
  assert.deepEqual(v12, { "cmi.core.entry": "ab-initio", "cmi.core.total_time": "0000:00:00.00", "cmi.core.lesson_location": "p2" });
  // a first launch, and the other profiles, are left as a strict LMS hands them
  assert.deepEqual(P.launchValues("forma", "scorm2004", strict2004, { sessions: 0 }), strict2004);
  assert.deepEqual(P.launchValues("moodle", "scorm2004", strict2004, record), strict2004);
  assert.deepEqual(P.launchValues("strict", "scorm2004", strict2004, record), strict2004);
});

test("edition2: suspend_data over 4,000 characters refused (406), the 251st interaction (351); 1.2 untouched", () => {
  const s = session("edition2", "scorm2004");
  const N = s.N;
  assert.equal(s.p[N.set]("cmi.suspend_data", "x".repeat(4000)), "true");
  assert.equal(s.p[N.set]("cmi.suspend_data", "y".repeat(4001)), "false");
  assert.equal(s.p[N.last](), "406");
  assert.equal(s.p[N.string]("406"), s.api[N.string]("406"));
  assert.match(s.p[N.diagnostic](""), /4000 characters/);
  assert.equal(s.p[N.get]("cmi.suspend_data"), "x".repeat(4000), "nothing stored");
  assert.equal(s.own.length, 1);
  for (let i = 0; i < 250; i++) assert.equal(s.p[N.set]("cmi.interactions." + i + ".id", "q" + i), "true", "record " + i);
  assert.equal(s.p[N.set]("cmi.interactions.250.id", "q250"), "false");
  assert.equal(s.p[N.last](), "351");
  assert.ok(s.p[N.string]("351"));
  assert.equal(s.p[N.get]("cmi.interactions._count"), "250");
  assert.equal(s.p[N.set]("cmi.interactions.3.result", "correct"), "true", "the first 250 stay writable");
  const old = session("edition2", "scorm12");
  assert.equal(old.p[old.N.set]("cmi.suspend_data", "z".repeat(4096)), "true", "SCORM 1.2 as the engine has it");
});
