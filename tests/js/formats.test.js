"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const F = load("formats.js");

test("CMITimespan: HHHH:MM:SS.SS, rounded to centiseconds [SCORM 1.2 RTE §3.4]", () => {
  assert.equal(F.timespan12(0), "0000:00:00.00");
  assert.equal(F.timespan12(5004), "0000:00:05.00");
  assert.equal(F.timespan12(59994), "0000:00:59.99");
  assert.equal(F.timespan12(59996), "0000:01:00.00"); // 59.996 s rounds up into the next minute
  assert.equal(F.timespan12(3599996), "0001:00:00.00");
  assert.equal(F.timespan12(3723450), "0001:02:03.45");
  assert.equal(F.timespan12(100 * 3600e3), "0100:00:00.00"); // over 99 hours: four hour digits
  assert.equal(F.timespan12(9999 * 3600e3 + 59 * 60e3 + 59990), "9999:59:59.99");
  assert.equal(F.timespan12(10000 * 3600e3), "9999:59:59.99"); // capped
  assert.equal(F.timespan12(Infinity), "9999:59:59.99");
  assert.equal(F.timespan12(-5), "0000:00:00.00");
  assert.equal(F.timespan12(NaN), "0000:00:00.00");
  for (const ms of [0, 1, 9, 10, 994, 995, 59996, 3599999, 359999999, 36e7, 1e12]) {
    assert.match(F.timespan12(ms), F.CMI_TIMESPAN, String(ms));
  }
});

test("CMITime: the learner's clock time HH:MM:SS [SCORM 1.2 RTE §3.4]", () => {
  assert.equal(F.time12(new Date(2024, 0, 2, 9, 5, 7)), "09:05:07");
  assert.equal(F.time12(new Date(2024, 0, 2, 23, 59, 59, 999)), "23:59:59");
  assert.match(F.time12(new Date()), F.CMI_TIME);
});

test("ISO 8601 durations, at most two decimals", () => {
  assert.equal(F.isoDuration(0), "PT0S");
  assert.equal(F.isoDuration(3930250), "PT1H5M30.25S");
  assert.equal(F.isoDuration(59996), "PT1M");
  assert.equal(F.isoDuration(3600000), "PT1H");
  assert.equal(F.isoDuration(1234), "PT1.23S");
  assert.equal(F.isoDuration(100 * 3600e3 + 1), "PT100H");
});

test("1.2 response formats per interaction type [SCORM 1.2 RTE §3.4 CMIFeedback]", () => {
  assert.equal(F.response12("true-false", true), "t");
  assert.equal(F.response12("true-false", false), "f");
  assert.equal(F.response12("true-false", null), "");
  assert.equal(F.response12("single", ["b"]), "b");
  assert.equal(F.response12("multiple", ["a", "c"]), "a,c");
  assert.equal(F.response12("multiple", ["a", "bad", "C", "9"]), "a,9"); // only single [0-9a-z] ids
  assert.equal(F.response12("fill-in", "  #hashtag "), "#hashtag");
  assert.equal(F.response12("fill-in", "x".repeat(300)).length, 255);
  assert.equal(F.response12("matching", [["1", "a"], ["2", "b"]]), "1.a,2.b");
  assert.equal(F.response12("matching", [["1", "a"], ["2", null]]), "1.a");
  assert.equal(F.response12("numeric", 94), "94");
  assert.equal(F.response12("numeric", 0.1 + 0.2), "0.3");
  assert.equal(F.response12("numeric", -2.5), "-2.5");
  assert.equal(F.response12("numeric", NaN), "");
  assert.equal(F.response12("numeric", null), "");
  assert.equal(F.response12("essay", "a"), ""); // a type no standard format exists for
  assert.equal(F.INTERACTION_TYPE_12.single, "choice");
  assert.equal(F.INTERACTION_TYPE_12.multiple, "choice");
});

test("CMIIdentifier, scores, decimals and truncation are made safe before the LMS", () => {
  assert.equal(F.identifier("final share.team-work"), "final_share_team-work");
  assert.equal(F.identifier(""), "_");
  assert.equal(F.identifier("a".repeat(300)).length, 255);
  assert.match(F.identifier("é ü/x"), F.CMI_IDENTIFIER);
  assert.equal(F.score12(83.3333), "83.33");
  assert.equal(F.score12(150), "100");
  assert.equal(F.score12(-3), "0");
  assert.equal(F.score12("abc"), "");
  assert.match(F.score12(66), F.CMI_DECIMAL);
  assert.equal(F.decimal(1e21), "");
  assert.equal(F.decimal(1e-7), "0.0000001"); // not "1e-7": no CMIDecimal has an exponent
  assert.equal(F.decimal(-0.001), "-0.001");
  assert.equal(F.decimal(-1e-11), "0");
  assert.equal(F.decimal(1 / 3), "0.3333333333");
  assert.equal(F.truncate("ab\ud83d\ude00", 3), "ab"); // never half a surrogate pair
  assert.equal(F.truncate("abc", 5), "abc");
});

test("numbers typed by learners, English and French", () => {
  assert.equal(F.parseDecimal("94"), 94);
  assert.equal(F.parseDecimal(" 94.0 "), 94);
  assert.equal(F.parseDecimal("3,5"), 3.5);
  assert.equal(F.parseDecimal("1 000"), 1000);
  assert.equal(F.parseDecimal("1\u00a0000,25"), 1000.25);
  assert.equal(F.parseDecimal("-2.5e1"), -25);
  assert.equal(F.parseDecimal(".5"), 0.5);
  assert.ok(Number.isNaN(F.parseDecimal("")));
  assert.ok(Number.isNaN(F.parseDecimal("abc")));
  assert.ok(Number.isNaN(F.parseDecimal("1,000.5")));
  assert.equal(F.parseDecimal("94%"), 94); // issue 15: a percentage typed with its sign
  assert.equal(F.parseDecimal("94\u202f%"), 94);
  assert.ok(Number.isNaN(F.parseDecimal("%")));
  assert.ok(Number.isNaN(F.parseDecimal("94%%")));
});
