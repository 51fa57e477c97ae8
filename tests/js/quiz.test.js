"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, rng } = require("./lib.js");
const Q = load("quiz.js");
const CONFIGS = require("./fixtures/budget-configs.json");

const tf = { id: "tf", type: "true-false", correct: [false] };
const single = { id: "s", type: "single", choices: ["a", "b", "c"], correct: ["b"] };
const multiple = { id: "m", type: "multiple", choices: ["a", "b", "c", "d"], correct: ["a", "c"] };
const fill = { id: "f", type: "fill-in", correct: ["hashtag", "#hashtag"], maxLength: 100 };
const match = { id: "x", type: "matching", sources: ["1", "2", "3"], targets: ["a", "b", "c"], correct: ["1.b", "2.c", "3.a"] };
const num = { id: "n", type: "numeric", min: 90, max: 95 };
const exact = { id: "e", type: "numeric", min: 94, max: 94 };

test("evaluate each question type", () => {
  assert.equal(Q.evaluate(tf, false), true);
  assert.equal(Q.evaluate(tf, true), false);
  assert.equal(Q.evaluate(tf, null), false);
  assert.equal(Q.evaluate(single, "b"), true);
  assert.equal(Q.evaluate(single, "a"), false);
  assert.equal(Q.evaluate(multiple, ["c", "a"]), true);
  assert.equal(Q.evaluate(multiple, ["a"]), false);
  assert.equal(Q.evaluate(multiple, ["a", "c", "d"]), false);
  assert.equal(Q.evaluate(fill, "  HashTag "), true); // case and outer spaces ignored
  assert.equal(Q.evaluate(fill, "#HASHTAG"), true);
  assert.equal(Q.evaluate(fill, "hash tag"), false);
  assert.equal(Q.evaluate(match, ["b", "c", "a"]), true);
  assert.equal(Q.evaluate(match, ["b", "c", null]), false);
  assert.equal(Q.evaluate(num, "92,5"), true);
  assert.equal(Q.evaluate(num, "95"), true);
  assert.equal(Q.evaluate(num, "96"), false);
  assert.equal(Q.evaluate(num, "abc"), false);
  assert.equal(Q.evaluate(exact, "94.0"), true);
});

test("typed answers are judged as a person would mark them (issue 15)", () => {
  const who = { id: "w", type: "fill-in", correct: ["Protégé", "your manager"], maxLength: 100 };
  assert.equal(Q.evaluate(who, "your manager."), true); // a sentence's full stop
  assert.equal(Q.evaluate(who, "Your  manager!"), true); // inner spaces collapsed
  assert.equal(Q.evaluate(who, "protege"), true); // accents ignored unless the author says
  assert.equal(Q.evaluate(who, "PROTE\u0301GE\u0301"), true); // however the accent was typed
  assert.equal(Q.evaluate(who, "your managers"), false);
  const strict = Object.assign({}, who, { accents: "match" });
  assert.equal(Q.evaluate(strict, "protege"), false);
  assert.equal(Q.evaluate(strict, "protégé."), true);
  assert.equal(Q.evaluate(num, "94 %"), true); // a percentage typed with its sign
  assert.equal(Q.evaluate(num, "94%"), true);
  assert.equal(Q.evaluate(num, "94\u00a0%"), true);
  assert.equal(Q.evaluate(num, "%94"), false);
});

test("responses and correct patterns as neutral values", () => {
  assert.deepEqual(Q.response(multiple, ["c", "a"]), ["a", "c"]);
  assert.deepEqual(Q.response(match, ["b", null, "a"]), [["1", "b"], ["3", "a"]]);
  assert.equal(Q.response(num, "3,5"), 3.5);
  assert.equal(Q.response(num, "x"), null);
  assert.deepEqual(Q.patterns(tf), [false]);
  assert.deepEqual(Q.patterns(multiple), [["a", "c"]]);
  assert.deepEqual(Q.patterns(fill), ["hashtag", "#hashtag"]);
  assert.deepEqual(Q.patterns(match), [[["1", "b"], ["2", "c"], ["3", "a"]]]);
  assert.deepEqual(Q.patterns(num), []); // SCORM 1.2 has no numeric range pattern
  assert.deepEqual(Q.patterns(exact), [94]);
});

test("draw k of the pool, shuffle questions and choices only when asked", () => {
  const big = CONFIGS[2].config.assessment;
  const items = Q.draw(big, rng(7));
  assert.equal(items.length, 20);
  assert.equal(new Set(items.map((i) => i.q)).size, 20);
  items.forEach((it) => {
    const q = big.questions[it.q];
    if (q.type === "single" || q.type === "multiple") assert.deepEqual(it.order.split("").sort(), q.choices.slice().sort());
    else assert.equal(it.order, null);
    assert.equal(it.checked, false);
  });
  const plain = Object.assign({}, big, { shuffle: false, draw: null });
  const all = Q.draw(plain, rng(7));
  assert.deepEqual(all.map((i) => i.q), big.questions.map((q, i) => i));
  assert.ok(all.every((i) => i.order === null));
});

test("score: whole percent, rounded down so rounding never passes", () => {
  const a = { questions: [tf, single, multiple] };
  const items = [{ q: 0, answer: false }, { q: 1, answer: "b" }, { q: 2, answer: ["a"] }];
  assert.equal(Q.score(a, items), 66);
  assert.equal(Q.score(a, []), 0);
  assert.equal(Q.score(a, items.slice(0, 2)), 100);
});

test("pools by topic: each attempt draws its count from each pool (issue 15)", () => {
  const q = (id, pool) => ({ id: id, type: "true-false", correct: [true], pool: pool });
  const pooled = {
    shuffle: false, draw: 3, pools: { rules: 2, privacy: 1 },
    questions: [q("r1", "rules"), q("p1", "privacy"), q("r2", "rules"), q("r3", "rules"), q("p2", "privacy")]
  };
  const seen = new Set();
  for (let seed = 1; seed <= 40; seed++) {
    const items = Q.draw(pooled, rng(seed));
    const pools = items.map((it) => pooled.questions[it.q].pool);
    assert.deepEqual(pools.filter((p) => p === "rules").length, 2);
    assert.deepEqual(pools.filter((p) => p === "privacy").length, 1);
    const order = items.map((it) => it.q);
    assert.deepEqual(order, order.slice().sort((a, b) => a - b)); // no shuffle: source order
    order.forEach((i) => seen.add(i));
  }
  assert.equal(seen.size, 5); // every question comes up in some attempt
});
