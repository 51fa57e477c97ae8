"use strict";
/* player-video.js: how much of a video counts as watched, and what the resume state keeps of it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const PV = load("player-video.js");

const none = () => PV.kept("").parts;

test("only what was played counts: the last half second of a 10 s clip is 5 %", () => {
  const parts = none();
  assert.equal(PV.counted(parts, [[9.5, 10]], 10), 5);
  assert.deepEqual(PV.segments(parts, 10), [[9.5, 10]]);
  assert.equal(PV.counted(none(), [[0, 6.15]], 10), 61); // a part begun is not a part watched
});

test("what earlier sessions watched counts with this session's ranges, a seam of a frame included", () => {
  const parts = none();
  assert.equal(PV.counted(parts, [[0, 6.2]], 10), 62);
  const entry = PV.keep(620, parts);
  assert.equal(entry, "h8" + "fffffffffffffff3" + "000000000");
  const was = PV.kept(entry);
  assert.equal(was.at, 620);
  assert.deepEqual(was.parts, parts);
  assert.equal(PV.counted(was.parts, [[6.2004, 10]], 10), 100); // resumed where it was left
  assert.equal(PV.counted(PV.kept(entry).parts, [[7, 10]], 10), 92); // skipped 6.2-7 s
});

test("the parts watched as segments, and a damaged entry as nothing", () => {
  const parts = none();
  [0, 1, 2, 50, 99].forEach((b) => { parts[b] = 1; });
  assert.deepEqual(PV.segments(parts, 200), [[0, 6], [100, 102], [198, 200]]);
  assert.deepEqual(PV.kept("h8"), { at: 0, parts: none() });
});
