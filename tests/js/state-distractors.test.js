"use strict";
/* A matching question with distractors (issue 15): the resume state keeps one target id per
 * source whichever targets are offered, so distractors leave its length, and the budget
 * builder/render/suspend_budget.py promises, unchanged; a distractor answer survives a round trip. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const S = load("state.js");
const CONFIGS = require("./fixtures/budget-configs.json");

function withAnswers(config, pick) {
  const s = S.fresh(config);
  const qs = config.assessment.questions;
  s.quiz = {
    used: 1, best: 0, last: 0, phase: 1, current: 0,
    items: qs.map((q, i) => ({ q: i, checked: true, order: null, answer: q.type === "matching" ? pick(q) : null }))
      .filter((item) => qs[item.q].type === "matching")
  };
  return s;
}

test("distractors: one target id per source, the same length, a round trip", () => {
  const plain = CONFIGS[0].config;
  const offered = JSON.parse(JSON.stringify(plain));
  const match = offered.assessment.questions.find((q) => q.type === "matching");
  match.targets = match.targets.concat(["c", "d", "e"]);
  const paired = S.encode(plain, withAnswers(plain, (q) => q.targets.slice(0, q.sources.length)), null).text;
  const state = withAnswers(offered, (q) => q.sources.map((_, i) => q.targets[q.targets.length - 1 - i]));
  const text = S.encode(offered, state, null).text;
  assert.equal(text.length, paired.length);
  assert.deepEqual(S.decode(offered, text), state);
  assert.deepEqual(S.decode(offered, text).quiz.items[0].answer, ["e", "d"]);
});
