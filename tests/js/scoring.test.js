"use strict";
/* Weights and partial credit (issue 15: "no weights or partial credit"): the score is
 * floor(100 × earned weight / total weight), and rounding never makes a pass. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const Q = load("quiz.js");

const tf = { id: "tf", type: "true-false", correct: [false] };
const multiple = { id: "m", type: "multiple", choices: ["a", "b", "c", "d"], correct: ["a", "c"] };
const match = { id: "x", type: "matching", sources: ["1", "2", "3"], targets: ["a", "b", "c"], correct: ["1.b", "2.c", "3.a"] };

function quiz(questions) {
  return { questions: questions };
}
function items(answers) {
  return answers.map(function (a, i) {
    return { q: i, answer: a };
  });
}

test("a question of weight 3 counts three times", () => {
  const a = quiz([Object.assign({ weight: 3 }, tf), Object.assign({ weight: 1 }, multiple)]);
  assert.equal(Q.score(a, items([false, ["a"]])), 75); // 3 of 4
  assert.equal(Q.score(a, items([true, ["a", "c"]])), 25); // 1 of 4
  assert.equal(Q.score(a, items([false, ["a", "c"]])), 100);
});

test("no weight is weight 1, as before", () => {
  const a = quiz([tf, tf, tf]);
  assert.equal(Q.score(a, items([false, false, true])), 66); // 66.67 rounded down
});

test("partial multiple: right picks minus wrong picks over the correct choices, floored at 0", () => {
  const m = Object.assign({ partial: true }, multiple);
  assert.deepEqual(Q.credit(m, ["a"]), [1, 2]);
  assert.deepEqual(Q.credit(m, ["a", "c"]), [1, 1]);
  assert.deepEqual(Q.credit(m, ["a", "b"]), [0, 2]); // one right, one wrong
  assert.deepEqual(Q.credit(m, ["a", "b", "c", "d"]), [0, 2]); // everything picked earns nothing
  assert.deepEqual(Q.credit(m, ["b", "d"]), [0, 2]); // never below 0
  assert.deepEqual(Q.credit(m, ["a", "c", "d"]), [1, 2]);
  assert.deepEqual(Q.credit(multiple, ["a"]), [0, 1]); // without partial: all or nothing
});

test("partial matching: the pairs right over the pairs", () => {
  const x = Object.assign({ partial: true }, match);
  assert.deepEqual(Q.credit(x, ["b", "c", "b"]), [2, 3]);
  assert.deepEqual(Q.credit(x, ["c", "a", "b"]), [0, 3]);
  assert.deepEqual(Q.credit(match, ["b", "c", "b"]), [0, 1]);
  assert.equal(Q.share(x, ["b", "c", "b"]), 2 / 3);
});

test("partial credit is weighted and rounded down, never up to a pass", () => {
  // 2 of 3 pairs of a weight-2 matching and a right weight-1 true/false: (4/3 + 1) / 3 = 77.78 %
  const a = quiz([Object.assign({ partial: true, weight: 2 }, match), tf]);
  assert.equal(Q.score(a, items([["b", "c", "b"], false])), 77);
  // exactly 80 % stays 80, with thirds that floating point would get wrong: (1/3 + 1/3 + 1/3 ...)
  const thirds = quiz([Object.assign({ partial: true }, match), Object.assign({ partial: true }, match), tf, tf, tf]);
  // 2/3 + 1/3 + 1 + 1 + 0 = 3 of 5 = 60 %
  assert.equal(Q.score(thirds, items([["b", "c", "b"], ["b", "a", "c"], false, false, true])), 60);
  // 0.7 × 100 is 70.00000000000001 in floating point; exact fractions give 70
  const tenths = quiz([Object.assign({ weight: 7 }, tf), Object.assign({ weight: 3 }, tf)]);
  assert.equal(Q.score(tenths, items([false, true])), 70);
});

test("an ungraded question counts for nothing", () => {
  const a = quiz([tf, { id: "l", type: "likert", weight: 5 }]);
  assert.equal(Q.score(a, items([false, 3])), 100);
});
