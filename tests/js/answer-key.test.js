"use strict";
/* A hashed answer key (answer-key.js, assessment `answer_key: hashed`): FNV-1a 64 as published,
 * and quiz.js marks, arranges and reports a hashed question without its key in the clear. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, rng } = require("./lib.js");
const K = load("answer-key.js");
const Q = load("quiz.js");

const SALT = "0123456789abcdef";
function hashed(q, responses) {
  return Object.assign({}, q, { salt: SALT, hashes: responses.map((r) => K.hash(SALT, r)) });
}

test("FNV-1a 64 gives the published test vectors (draft-eastlake-fnv)", () => {
  assert.equal(K.fnv1a64(K.utf8("")), "cbf29ce484222325");
  assert.equal(K.fnv1a64(K.utf8("a")), "af63dc4c8601ec8c");
  assert.equal(K.fnv1a64(K.utf8("foobar")), "85944171f73967e8");
});

test("UTF-8 as the browser's encoder writes it, a lone surrogate as U+FFFD", () => {
  const text = "é€😀\ud800x";
  assert.deepEqual(K.utf8(text), Array.from(new TextEncoder().encode(text)));
});

test("a hashed question is marked as its plain twin is", () => {
  const tf = hashed({ id: "tf", type: "true-false" }, ["false"]);
  const single = hashed({ id: "s", type: "single", choices: ["a", "b", "c"] }, ["b"]);
  const multiple = hashed({ id: "m", type: "multiple", choices: ["a", "b", "c", "d"] }, ["a,c"]);
  const fill = hashed({ id: "f", type: "fill-in", maxLength: 100 }, ["hashtag", "protege"]);
  const match = hashed({ id: "x", type: "matching", sources: ["1", "2", "3"], targets: ["a", "b", "c"] }, ["1.b,2.c,3.a"]);
  const order = hashed({ id: "o", type: "ordering", items: ["a", "b", "c"] }, ["c,a,b"]);
  assert.equal(Q.evaluate(tf, false), true);
  assert.equal(Q.evaluate(tf, true), false);
  assert.equal(Q.evaluate(tf, null), false);
  assert.equal(Q.evaluate(single, "b"), true);
  assert.equal(Q.evaluate(single, "a"), false);
  assert.equal(Q.evaluate(multiple, ["c", "a"]), true);
  assert.equal(Q.evaluate(multiple, ["a"]), false);
  assert.equal(Q.evaluate(fill, "  HashTag. "), true);
  assert.equal(Q.evaluate(fill, "Protégé"), true);
  assert.equal(Q.evaluate(fill, "hash tag"), false);
  assert.equal(Q.evaluate(match, ["b", "c", "a"]), true);
  assert.equal(Q.evaluate(match, ["c", "b", "a"]), false);
  assert.equal(Q.evaluate(order, ["c", "a", "b"]), true);
  assert.equal(Q.evaluate(order, ["a", "b", "c"]), false);
  for (const q of [tf, single, multiple, fill, match, order]) assert.deepEqual(Q.patterns(q), []);
});

test("a hashed ordering question is never first shown in its correct order", () => {
  const order = hashed({ id: "o", type: "ordering", items: ["a", "b"] }, ["b,a"]);
  for (let seed = 1; seed <= 20; seed++) {
    const [item] = Q.draw({ questions: [order], shuffle: false, draw: null }, rng(seed));
    assert.deepEqual(item.answer, ["a", "b"]);
  }
});
