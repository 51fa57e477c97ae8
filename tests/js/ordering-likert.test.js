"use strict";
/* Ordering (sequencing) and likert (survey) questions through the runtime (issue 15): marking,
 * scoring, the resume state, the neutral responses and the SCORM formats. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, rng, fakeAPI, sets } = require("./lib.js");
const Q = load("quiz.js");
const S = load("state.js");
const F = load("formats.js");
const A12 = load("adapter-scorm12.js");
const A2004 = load("adapter-scorm2004.js");

const order = { id: "o", type: "ordering", items: ["a", "b", "c", "d"], correct: ["a", "b", "c", "d"] };
const two = { id: "t", type: "ordering", items: ["a", "b"], correct: ["a", "b"] };
const survey = { id: "l", type: "likert", scale: ["a", "b", "c", "d", "e"] };
const tf = { id: "tf", type: "true-false", correct: [true] };

test("an ordering is right only when the whole order is", () => {
  assert.equal(Q.evaluate(order, ["a", "b", "c", "d"]), true);
  assert.equal(Q.evaluate(order, ["a", "b", "d", "c"]), false);
  assert.equal(Q.evaluate(order, ["a", "b", "c"]), false); // not every item
  assert.equal(Q.evaluate(order, ["a", "a", "c", "d"]), false);
  assert.equal(Q.isAnswered(order, ["d", "c", "b", "a"]), true);
  assert.equal(Q.isAnswered(order, null), false);
  assert.deepEqual(Q.response(order, ["b", "a", "c", "d"]), ["b", "a", "c", "d"]);
  assert.deepEqual(Q.patterns(order), [["a", "b", "c", "d"]]);
});

test("a survey answer is answered, never right or wrong, and has no pattern", () => {
  assert.equal(Q.isAnswered(survey, "c"), true);
  assert.equal(Q.isAnswered(survey, "z"), false);
  assert.equal(Q.isAnswered(survey, null), false);
  assert.equal(Q.graded(survey), false);
  assert.equal(Q.graded(order), true);
  assert.equal(Q.verdict(survey, "c"), null);
  assert.equal(Q.verdict(tf, true), true);
  assert.equal(Q.response(survey, "c"), "c");
  assert.deepEqual(Q.patterns(survey), []);
});

test("the score divides by graded questions only; a survey alone has no score", () => {
  const quiz = { questions: [tf, survey, order] };
  const items = (tfAnswer, orderAnswer) => [
    { q: 0, answer: tfAnswer }, { q: 1, answer: "a" }, { q: 2, answer: orderAnswer }
  ];
  assert.equal(Q.score(quiz, items(true, ["a", "b", "c", "d"])), 100);
  assert.equal(Q.score(quiz, items(true, ["b", "a", "c", "d"])), 50);
  assert.equal(Q.score(quiz, items(false, ["b", "a", "c", "d"])), 0);
  assert.equal(Q.score({ questions: [survey] }, [{ q: 0, answer: "e" }]), null);
});

test("each attempt shows the items shuffled, never already in order, and varied", () => {
  const assessment = { questions: [order, two], shuffle: false, draw: null };
  const seen = new Set();
  for (let seed = 1; seed <= 200; seed++) {
    const drawn = Q.draw(assessment, rng(seed));
    assert.notDeepEqual(drawn[0].answer, order.correct);
    assert.deepEqual(drawn[0].answer.slice().sort(), order.items);
    assert.deepEqual(drawn[1].answer, ["b", "a"]); // two items: always swapped
    seen.add(drawn[0].answer.join(""));
  }
  assert.ok(seen.size >= 10, "arrangements vary from attempt to attempt: " + seen.size);
  // the same rng, the same arrangement: an attempt is reproducible
  assert.deepEqual(Q.draw(assessment, rng(7))[0].answer, Q.draw(assessment, rng(7))[0].answer);
});

test("the resume state keeps an arrangement and a scale point, and refuses damaged ones", () => {
  const config = {
    pages: [{ id: "quiz", kind: "assessment" }], languages: ["en"],
    assessment: { id: "q", shuffle: false, draw: null, questions: [order, survey] }
  };
  const s = S.fresh(config);
  s.quiz.items = [{ q: 0, checked: true, order: null, answer: ["c", "a", "d", "b"] }, { q: 1, checked: false, order: null, answer: "d" }];
  const text = S.encode(config, s, null).text;
  assert.ok(text.endsWith("|01cadb|10d"), text);
  assert.deepEqual(S.decode(config, text), s);
  s.quiz.items = [{ q: 0, checked: false, order: null, answer: null }, { q: 1, checked: false, order: null, answer: null }];
  assert.deepEqual(S.decode(config, S.encode(config, s, null).text), s);
  for (const bad of ["|01cadd|10d", "|01cad|10d", "|01cadb|10z"]) {
    assert.deepEqual(S.decode(config, text.replace("|01cadb|10d", bad)).quiz.items, [], bad);
  }
});

test("SCORM 1.2 formats: sequencing ids by commas, likert one id", () => {
  assert.equal(F.INTERACTION_TYPE_12.ordering, "sequencing");
  assert.equal(F.INTERACTION_TYPE_12.likert, "likert");
  assert.equal(F.response12("ordering", ["c", "a", "b"]), "c,a,b");
  assert.equal(F.response12("ordering", ["c", "ab"]), "");
  assert.equal(F.response12("likert", "d"), "d");
  assert.equal(F.response12("likert", null), "");
});

test("SCORM 1.2 interactions: sequencing with its pattern, likert neutral with none", () => {
  const api = fakeAPI();
  const ad = A12.create(api, { log: () => {} });
  ad.init();
  const when = new Date(2024, 4, 6, 14, 3, 9);
  ad.recordInteraction({ id: "finalSteps", type: "ordering", response: ["b", "a", "c"], patterns: [["a", "b", "c"]], correct: false, latencyMs: 0, time: when });
  ad.recordInteraction({ id: "finalMood", type: "likert", response: "d", patterns: [], correct: null, latencyMs: 0, time: when });
  const s = sets(api);
  const of = (n) => Object.fromEntries(s.filter((x) => x[0].startsWith("cmi.interactions." + n + ".")).map((x) => [x[0].split(".").slice(3).join("."), x[1]]));
  assert.deepEqual(
    [of(0).type, of(0).student_response, of(0)["correct_responses.0.pattern"], of(0).result],
    ["sequencing", "b,a,c", "a,b,c", "wrong"]
  );
  assert.deepEqual([of(1).type, of(1).student_response, of(1).result], ["likert", "d", "neutral"]);
  assert.ok(!Object.keys(of(1)).some((k) => k.startsWith("correct_responses")));
});

function fake2004() {
  const data = { "cmi.interactions._count": "0", "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.entry": "ab-initio", "cmi.mode": "normal" };
  const calls = [];
  return {
    calls,
    Initialize: () => "true", Terminate: () => "true", Commit: () => "true",
    GetValue: (k) => { calls.push(["GetValue", k]); return data[k] == null ? "" : data[k]; },
    SetValue: (k, v) => {
      calls.push(["SetValue", k, v]);
      data[k] = String(v);
      const m = /^cmi\.interactions\.(\d+)\.id$/.exec(k);
      if (m) data["cmi.interactions._count"] = String(Math.max(Number(data["cmi.interactions._count"]), Number(m[1]) + 1));
      return "true";
    },
    GetLastError: () => "0", GetErrorString: () => "", GetDiagnostic: () => ""
  };
}

test("SCORM 2004 interactions: sequencing with [,], likert neutral with no pattern", () => {
  const api = fake2004();
  const ad = A2004.create(api, { log: () => {} });
  ad.init();
  ad.recordInteraction({ id: "finalSteps", type: "ordering", response: ["b", "a", "c"], patterns: [["a", "b", "c"]], correct: false, latencyMs: 0, time: new Date(0) });
  ad.recordInteraction({ id: "finalMood", type: "likert", response: "d", patterns: [], correct: null, latencyMs: 0, time: new Date(0) });
  const set = Object.fromEntries(api.calls.filter((c) => c[0] === "SetValue").map((c) => [c[1], c[2]]));
  assert.equal(set["cmi.interactions.0.type"], "sequencing");
  assert.equal(set["cmi.interactions.0.learner_response"], "b[,]a[,]c");
  assert.equal(set["cmi.interactions.0.correct_responses.0.pattern"], "a[,]b[,]c");
  assert.equal(set["cmi.interactions.0.result"], "incorrect");
  assert.equal(set["cmi.interactions.1.type"], "likert");
  assert.equal(set["cmi.interactions.1.learner_response"], "d");
  assert.equal(set["cmi.interactions.1.result"], "neutral");
  assert.ok(!("cmi.interactions.1.correct_responses.0.pattern" in set));
});
