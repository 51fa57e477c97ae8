"use strict";
/* The LMS profiles (builder/preview/static/lms-profiles.js) and the preview's strict engines
 * they wrap, for the profile tests (not a test file itself). */
const path = require("node:path");

const STATIC = path.resolve(__dirname, "..", "..", "builder", "preview", "static");
const P = require(path.join(STATIC, "lms-profiles.js"));
const ENGINES = {
  scorm12: require(path.join(STATIC, "scorm12-api.js")),
  scorm2004: require(path.join(STATIC, "scorm2004-api.js"))
};

/* The LMS side a profile reads and writes through, around the engine `api`: what the LMS
 * stores is pushed on `stores` ({values, finished, why}). */
function lmsSide(api, stores) {
  return {
    get: (k) => api.snapshot().values[k],
    set: (k, v) => api.lmsSet(k, v),
    running: () => api.state() === "running",
    store: (finished, why) => stores.push({ values: api.snapshot().values, finished, why })
  };
}

module.exports = { STATIC, P, ENGINES, lmsSide };
