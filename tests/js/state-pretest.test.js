"use strict";
/* The pre-test's block of the resume state (state-pretest.js): kept once taken, with its answers,
 * so that its result shows again after a resume; its worst case is exactly what
 * builder/render/suspend_budget.py promises the build. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, pythonBudgets } = require("./lib.js");
const S = load("state.js");
const CONFIGS = require("./fixtures/budget-configs.json");

/* A fixture's course with its assessment's questions again as a pre-test before it. */
function withPretest(config, opts) {
  const c = JSON.parse(JSON.stringify(config));
  const a = c.assessment;
  c.pretest = { id: "baseline", shuffle: opts.shuffle, draw: opts.draw, questions: a.questions, feedback: "attempt", reveal: true };
  c.pages.splice(0, 0, { id: "baseline", kind: "pretest" });
  return c;
}

function worstAnswer(q) {
  switch (q.type) {
    case "true-false": return false;
    case "single": return q.choices[q.choices.length - 1];
    case "multiple": return q.choices.slice();
    case "matching": return q.targets.slice(0, q.sources.length);
    case "fill-in": return "\u0153".repeat(S.maxLength(q) + 7);
    case "numeric": return "-".repeat(S.maxLength(q) + 3);
    case "ordering": return q.items.slice().reverse();
    case "likert": return q.scale[q.scale.length - 1];
  }
  throw new Error(q.type);
}

const mixed = (c, q) => !!c.pretest.shuffle && (q.type === "single" || q.type === "multiple");

/* Everything seen, the final's worst attempt, and the pre-test's longest k answers. */
function worstState(config) {
  const s = S.fresh(config);
  s.lang = config.languages.length - 1;
  s.page = config.pages.length - 1;
  s.visited = s.visited.map(() => true);
  s.video = s.video.map(() => 100);
  s.watched = s.video.map(() => "rr" + "f".repeat(25)); // left at 99.9 %, every part watched
  const aq = config.assessment.questions;
  const item = (q, i, extra) => Object.assign({ q: i, order: mixed(config, q) ? q.choices.slice().reverse().join("") : null, answer: worstAnswer(q) }, extra);
  const len = (q, i) => {
    const one = JSON.parse(JSON.stringify(s));
    one.pretest.items = [item(q, i)];
    return S.encode(config, one, null).text.length;
  };
  const k = config.pretest.draw && config.pretest.draw < aq.length ? config.pretest.draw : aq.length;
  const longest = aq.map((q, i) => ({ i, n: len(q, i) })).sort((a, b) => b.n - a.n).slice(0, k);
  s.pretest = { taken: true, score: 100, correct: k, asked: k, items: longest.map((m) => item(aq[m.i], m.i)) };
  const shuffle = !!config.assessment.shuffle;
  const finalItem = (q, i) => ({ q: i, checked: true, order: shuffle && (q.type === "single" || q.type === "multiple") ? q.choices.slice().reverse().join("") : null, answer: worstAnswer(q) });
  const measured = aq.map((q, i) => {
    const one = JSON.parse(JSON.stringify(s));
    one.quiz.items = [finalItem(q, i)];
    return { i, n: S.encode(config, one, null).text.length };
  }).sort((a, b) => b.n - a.n).slice(0, S.drawCount(config));
  s.quiz = { used: 99999, best: 100, last: 100, phase: 1, current: measured.length - 1, items: measured.map((m) => finalItem(aq[m.i], m.i)) };
  return s;
}

const CASES = CONFIGS.filter((c) => c.config.assessment).flatMap((c) => [
  withPretest(c.config, { shuffle: true, draw: null }),
  withPretest(c.config, { shuffle: false, draw: 2 })
]);

test("the worst pre-test state.js encodes is exactly what suspend_budget.py computes", () => {
  const budgets = pythonBudgets(CASES);
  CASES.forEach((config, n) => {
    assert.equal(S.encode(config, worstState(config), null).text.length, budgets[n], config.course.code);
  });
});

test("a course without a pre-test keeps the budget it had", () => {
  const plain = CONFIGS.map((c) => c.config);
  const budgets = pythonBudgets(plain);
  const again = pythonBudgets(plain.map((c) => Object.assign({}, c, { pretest: null })));
  assert.deepEqual(again, budgets);
});

test("a pre-test taken survives a round trip: taken, score, counts and answers", () => {
  const config = CASES[0];
  const s = worstState(config);
  const text = S.encode(config, s, null).text;
  const back = S.decode(config, text);
  // (the worst answers are longer than a field keeps: cut once, then kept as they are)
  assert.equal(S.encode(config, back, null).text, text);
  const shape = (p) => [p.taken, p.score, p.correct, p.asked, p.items.map((it) => [it.q, it.order])];
  assert.deepEqual(shape(back.pretest), shape(s.pretest));
  assert.deepEqual(back.pretest.items.map((it) => it.answer).slice(2), s.pretest.items.map((it) => it.answer).slice(2));
  const fresh = S.decode(config, S.encode(config, S.fresh(config), null).text);
  assert.deepEqual(fresh.pretest, { taken: false, score: null, correct: 0, asked: 0, items: [] });
});

test("over the limit, the pre-test's answers go first (after the videos' watched parts): its score stays", () => {
  const config = CASES[0];
  const s = worstState(config);
  const bare = S.encode(config, Object.assign({}, s, { watched: [] }), null).text.length;
  const cut = S.encode(config, s, bare - 1);
  const first = s.watched.join("") ? ["videos' watched parts"] : [];
  assert.deepEqual(cut.dropped.slice(0, first.length + 1), first.concat(["pre-test answers"]));
  const back = S.decode(config, cut.text);
  assert.equal(back.pretest.taken, true);
  assert.equal(back.pretest.score, 100);
  assert.deepEqual(back.pretest.items, []);
});

test("a changed pre-test question is a changed course: its state is not restored", () => {
  const config = CASES[0];
  const text = S.encode(config, worstState(config), null).text;
  const changed = JSON.parse(JSON.stringify(config));
  changed.pretest.questions = changed.pretest.questions.slice(1);
  assert.equal(S.decode(changed, text), null);
});
