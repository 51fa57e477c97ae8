"use strict";
/* A package without a pre-test ships no state-pretest.js (builder/render/runtime.py): state.js, run
 * in a browser without it, must write and read the very same resume state as with it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { STATIC, load } = require("./lib.js");
const S = load("state.js");
const CONFIGS = require("./fixtures/budget-configs.json");

/* state.js as a browser runs it: on window.CourseBuild, with the modules a package ships. */
function browserState(withPretest) {
  const window = { CourseBuild: { stateCodec: load("state-codec.js"), stateAnswers: load("state-answers.js") } };
  if (withPretest) window.CourseBuild.statePretest = load("state-pretest.js");
  const source = fs.readFileSync(path.join(STATIC, "state.js"), "utf8");
  new Function("window", "module", "require", source)(window, undefined, undefined);
  return window.CourseBuild.state;
}

test("without state-pretest.js, a course without a pre-test keeps the same resume state", () => {
  const bare = browserState(false);
  CONFIGS.forEach(({ config }) => {
    assert.ok(!config.pretest);
    const state = S.fresh(config);
    state.visited[0] = true;
    const text = S.encode(config, state).text;
    assert.deepEqual(bare.encode(config, state), S.encode(config, state));
    assert.deepEqual(bare.decode(config, text), S.decode(config, text));
    assert.equal(bare.fingerprint(config), S.fingerprint(config));
  });
});
