"use strict";
/* Shared helpers for the runtime tests (not a test file itself). */
const path = require("node:path");
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const THEME = path.join(ROOT, "templates", "theme");
const STATIC = path.join(THEME, "static");

function load(name) {
  return require(path.join(STATIC, name));
}

/* A tiny seeded PRNG (mulberry32) so that "random" tests are repeatable. */
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* A recording fake of the SCORM 1.2 API object an LMS puts on window.API [SCORM 1.2 RTE §3.3].
 * opts.data: initial element values; opts.unsupported: elements that answer 401;
 * opts.reject(el, value): true to make LMSSetValue fail with 405;
 * opts.commits: results LMSCommit returns in turn (then "true");
 * opts.initialize: what LMSInitialize returns. */
function fakeAPI(opts) {
  opts = opts || {};
  const calls = [];
  const data = Object.assign({
    "cmi.core.entry": "ab-initio",
    "cmi.core.lesson_status": "not attempted",
    "cmi.core.lesson_mode": "normal",
    "cmi.core.lesson_location": "",
    "cmi.suspend_data": "",
    "cmi.student_preference.language": ""
  }, opts.data || {});
  const unsupported = opts.unsupported || [];
  const commits = (opts.commits || []).slice();
  let last = "0";
  let initialized = false;
  let finished = false;
  let count = 0;
  const api = {
    calls,
    data,
    LMSInitialize(arg) {
      calls.push(["LMSInitialize", arg]);
      if (opts.initialize) {
        last = opts.initialize === "true" ? "0" : "101";
        return opts.initialize;
      }
      if (initialized || arg !== "") {
        last = initialized ? "101" : "201";
        return "false";
      }
      initialized = true;
      last = "0";
      return "true";
    },
    LMSGetValue(el) {
      calls.push(["LMSGetValue", el]);
      if (!initialized || finished) {
        last = "301";
        return "";
      }
      if (unsupported.some((u) => el.indexOf(u) === 0)) {
        last = "401";
        return "";
      }
      last = "0";
      if (el === "cmi.interactions._count") return String(count);
      return data[el] == null ? "" : data[el];
    },
    LMSSetValue(el, value) {
      calls.push(["LMSSetValue", el, value]);
      if (!initialized || finished) {
        last = "301";
        return "false";
      }
      if (unsupported.some((u) => el.indexOf(u) === 0)) {
        last = "401";
        return "false";
      }
      if (opts.reject && opts.reject(el, value)) {
        last = "405";
        return "false";
      }
      const m = /^cmi\.interactions\.(\d+)\.id$/.exec(el);
      if (m && Number(m[1]) === count) count += 1;
      data[el] = value;
      last = "0";
      return "true";
    },
    LMSCommit(arg) {
      calls.push(["LMSCommit", arg]);
      const r = commits.length ? commits.shift() : "true";
      last = r === "true" ? "0" : "101";
      return r;
    },
    LMSFinish(arg) {
      calls.push(["LMSFinish", arg]);
      finished = true;
      last = "0";
      return "true";
    },
    LMSGetLastError() {
      calls.push(["LMSGetLastError"]);
      return last;
    },
    LMSGetErrorString(code) {
      calls.push(["LMSGetErrorString", code]);
      return "error " + code;
    },
    LMSGetDiagnostic(code) {
      calls.push(["LMSGetDiagnostic", code]);
      return "";
    }
  };
  return api;
}

/* The SetValue calls, as [element, value]. */
function sets(api) {
  return api.calls.filter((c) => c[0] === "LMSSetValue").map((c) => [c[1], c[2]]);
}

/* builder/render/suspend_budget.py, run by the Python that runs the rest of the project. The module is
 * loaded from its file so that nothing else of the builder is imported. */
function pythonBudgets(configs) {
  const code = [
    "import importlib.util, json, sys",
    "spec = importlib.util.spec_from_file_location('suspend_budget', sys.argv[1])",
    "m = importlib.util.module_from_spec(spec)",
    "spec.loader.exec_module(m)",
    "print(json.dumps([m.worst_case_state_length(c) for c in json.load(sys.stdin)]))"
  ].join("\n");
  const python = process.env.PYTHON || "python3";
  const r = spawnSync(python, ["-c", code, path.join(ROOT, "builder", "render", "suspend_budget.py")], {
    input: JSON.stringify(configs),
    encoding: "utf8"
  });
  assert.equal(r.status, 0, "could not run " + python + ": " + (r.stderr || r.error));
  return JSON.parse(r.stdout);
}

/* The course's tracker on adapter module `A` over `api`, for `target`, logging nothing: a course
 * of two pages, the second an assessment of one question ("a" right, 80 to pass, 3 attempts). */
function quietTracker(A, api, target) {
  const T = load("tracking.js");
  const config = {
    schema: 1, target, course: { id: "https://x/c", code: "C", version: "1" }, languages: ["en"],
    completion: { pages: "all", video: 0, assessment: "passed" }, masteryScore: 80,
    suspendDataLimit: target === "scorm12" ? 4096 : 64000,
    pages: [{ id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
    assessment: { id: "final", passMark: 80, attempts: 3, shuffle: false, draw: null, display: "one",
      questions: [{ id: "q1", interactionId: "final-q1", type: "single", choices: ["a", "b"], correct: ["a"] }] }
  };
  const adapter = A.create(api, { log: () => {}, setTimeout: () => 0, clearTimeout: () => {} });
  return T.createTracker(config, adapter, { now: () => 1000, log: () => {}, rng: () => 0.5 });
}

module.exports = { ROOT, THEME, STATIC, load, rng, fakeAPI, sets, pythonBudgets, quietTracker };
