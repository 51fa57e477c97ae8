"use strict";
/* The committed minified runtime (templates/theme/static/min/) is exactly what the pinned terser
 * makes of the readable modules today: it can never drift from the sources. */
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { minified, OUT } = require("../../scripts/minify-runtime.js");

test("static/min/ is the readable modules, minified by the pinned terser", async () => {
  const want = await minified();
  const have = fs.readdirSync(OUT).sort();
  assert.deepStrictEqual(have, Object.keys(want).sort());
  for (const name of have) {
    assert.strictEqual(fs.readFileSync(path.join(OUT, name), "utf8"), want[name], name + " drifted: make runtime-min");
  }
});

test("minifying keeps what each module adds to window.CourseBuild under its name", async () => {
  const want = await minified();
  const names = { "player-chunks.js": "playerChunks", "player-quiz.js": "playerQuiz", "player-video.js": "playerVideo" };
  Object.keys(names).forEach((file) => {
    const window = {};
    new Function("window", "module", "require", want[file])(window, undefined, undefined);
    assert.ok(window.CourseBuild && window.CourseBuild[names[file]], file);
  });
});
