/* LMS harness for browser tests: a strict SCORM 1.2 LMS page around one SCO.
 *
 * The LMS runtime is scorm-again (Scorm12API). This page adds what a test needs and what
 * scorm-again does not enforce (toolchain.md section 3):
 *   - every API call is logged: method, arguments, result, LMSGetLastError after it, and the
 *     committed CMI on a successful LMSCommit/LMSFinish;
 *   - calls after LMSFinish are violations; they are not passed to scorm-again (which would
 *     accept them and change the data) but answered like a strict LMS: "false" (or ""), 301;
 *   - cmi.suspend_data longer than 4096 characters (CMIString4096, RTE 3.4.2.1) is a violation
 *     and is rejected with 405 (scorm-again allows 64000);
 *   - LMSCommit can be made to fail N times with a given error code.
 * The configuration is JSON in <script id="lms-config">, written by tests/support/lms.py.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("lms-config").textContent);
  var started = Date.now();
  var calls = [];
  var violations = [];
  var lmsLog = [];
  var finished = false;
  var failCommits = config.failCommits || 0;
  var failCode = String(config.failCode || 101);
  var SUSPEND_DATA_LIMIT = 4096;
  var ERROR_QUERIES = { LMSGetLastError: 1, LMSGetErrorString: 1, LMSGetDiagnostic: 1 };
  var METHODS = [
    "LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"
  ];

  var harness = {
    config: config,
    calls: calls,
    violations: violations,
    lmsLog: lmsLog,
    api: null,
    finalCMI: null,
    failCommits: function (times, code) {
      failCommits = times;
      failCode = String(code || 101);
    },
    cmi: function () {
      return harness.api ? harness.api.renderCMIToJSONObject().cmi : null;
    },
    state: function () {
      return {
        calls: calls, violations: violations, lmsLog: lmsLog,
        finished: finished, cmi: harness.cmi(), finalCMI: harness.finalCMI
      };
    },
    // Unload the course frame (fires its pagehide) while this page, the LMS, stays up.
    unloadCourse: function () {
      var frame = document.getElementById("course");
      if (!frame) return Promise.resolve();
      return new Promise(function (resolve) {
        frame.addEventListener("load", function () { frame.remove(); resolve(); }, { once: true });
        frame.src = "about:blank";
      });
    }
  };
  window.__lms = harness;

  function violation(text) {
    violations.push(text);
  }

  function plain(value) {
    return value === undefined ? null : value;
  }

  if (config.api) {
    var settings = Object.assign({}, config.settings, {
      autocommit: false,
      logLevel: config.logLevel,
      onLogMessage: function (level, message) {
        lmsLog.push({ level: level, message: String(message) });
      }
    });
    var api = new window.Scorm12API(settings);
    if (config.cmi) api.loadFromJSON(config.cmi);
    harness.api = api;

    var real = {};
    METHODS.forEach(function (name) { real[name] = api[name].bind(api); });

    // A strict LMS's own answer to a call: the result the SCO sees, and the error code it gets.
    function refuse(result, code) {
      api.lastErrorCode = code;
      return result;
    }

    function invoke(name, args) {
      if (finished && !ERROR_QUERIES[name]) {
        violation(name + "(" + args.map(function (a) { return JSON.stringify(plain(a)); }).join(", ") +
                  ") called after LMSFinish");
        return refuse(name === "LMSGetValue" ? "" : "false", "301");
      }
      if (name === "LMSSetValue" && args[0] === "cmi.suspend_data" &&
          typeof args[1] === "string" && args[1].length > SUSPEND_DATA_LIMIT) {
        violation("cmi.suspend_data of " + args[1].length + " characters (SCORM 1.2 allows " +
                  SUSPEND_DATA_LIMIT + ")");
        return refuse("false", "405");
      }
      if (name === "LMSCommit" && failCommits > 0 && api.isInitialized()) {
        failCommits -= 1;
        return refuse("false", failCode);
      }
      return real[name].apply(null, args);
    }

    METHODS.forEach(function (name) {
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = invoke(name, args);
        var entry = {
          index: calls.length,
          method: name,
          args: args.map(plain),
          result: plain(result),
          error: ERROR_QUERIES[name] ? null : String(real.LMSGetLastError()),
          afterFinish: finished,
          t: Date.now() - started,
          cmi: null
        };
        if ((name === "LMSCommit" || name === "LMSFinish") && result === "true" && !entry.afterFinish) {
          entry.cmi = harness.cmi();
        }
        if (name === "LMSFinish" && result === "true" && !finished) {
          finished = true;
          harness.finalCMI = entry.cmi;
        }
        calls.push(entry);
        return result;
      };
    });
    window.API = api;
  }

  var frame = document.createElement("iframe");
  frame.id = "course";
  frame.name = "course";
  frame.title = "Course";
  frame.src = config.launch;
  document.body.appendChild(frame);
})();
