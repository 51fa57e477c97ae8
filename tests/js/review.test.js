"use strict";
/* player-review.js: the feedback mode an assessment config asks for (issue 15), with the
 * default of configs built before the key: what the display did. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const R = load("player-review.js");

test("the feedback key decides when verdicts show", () => {
  for (const f of ["immediate", "attempt", "never"]) assert.equal(R.mode({ display: "one", feedback: f }), f);
});

test("without the key: one question at a time checks as it goes, all on one page reviews after", () => {
  assert.equal(R.mode({ display: "one" }), "immediate");
  assert.equal(R.mode({ display: "all" }), "attempt");
  assert.equal(R.mode({ display: "all", feedback: "sometimes" }), "attempt");
  assert.equal(R.mode(null), "immediate");
});
