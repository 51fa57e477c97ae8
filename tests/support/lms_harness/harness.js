/* LMS harness for browser tests: a strict SCORM 1.2 LMS page around one SCO.
 *
 * The LMS runtime is scorm-again (Scorm12API), seen by the SCO through an LMS profile
 * (config.profile: strict, moodle or forma; builder/preview/static/lms-profiles.js, with
 * profiled.js). This page adds what a test needs and what scorm-again does not enforce
 * (it allows 64,000 characters of 1.2 suspend_data and calls after LMSFinish):
 *   - every API call is logged as the SCO saw it: method, arguments, result (or the exception
 *     it threw), LMSGetLastError after it, and the committed CMI on a successful
 *     LMSCommit/LMSFinish;
 *   - calls after LMSFinish are violations; they are not passed to scorm-again (which would
 *     accept them and change the data) but answered like a strict LMS: "false" (or ""), 301;
 *   - cmi.suspend_data longer than 4096 characters (CMIString4096, SCORM 1.2 RTE §3.4.2.1) is a violation
 *     and is rejected with 405 (scorm-again allows 64000);
 *   - LMSCommit can be made to fail N times with a given error code;
 *   - LMSSetValue of given elements (prefixes) can be refused: "false" with a given error code
 *     (405 Incorrect Data Type by default) [SCORM 1.2 RTE §3.3.2.3], until told otherwise.
 * The configuration is JSON in <script id="lms-config">, written by tests/support/lms.py.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("lms-config").textContent);
  var P = window.LMSProfiled;
  var started = Date.now();
  var calls = [];
  var violations = [];
  var lmsLog = [];
  var finished = false;
  var failCommits = config.failCommits || 0;
  var failCode = String(config.failCode || 101);
  var refuseSets = config.refuseSets || [];
  var refuseCode = String(config.refuseCode || 405);
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
    profiled: null,
    finalCMI: null,
    launchCMI: null,
    ledger: null,
    failCommits: function (times, code) {
      failCommits = times;
      failCode = String(code || 101);
    },
    refuseSets: function (elements, code) {
      refuseSets = elements;
      refuseCode = String(code || 405);
    },
    cmi: function () {
      return harness.api ? harness.api.renderCMIToJSONObject().cmi : null;
    },
    state: function () {
      return {
        calls: calls, violations: violations, lmsLog: lmsLog,
        finished: finished, cmi: harness.cmi(), finalCMI: harness.finalCMI,
        launchCMI: harness.launchCMI, record: harness.ledger ? harness.ledger.record() : null,
        profile: harness.profiled ? harness.profiled.state() : null
      };
    },
    closePlayer: function () {
      return P.closePlayer(harness.profiled);
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

  function refused(prefixes, element) {
    return prefixes.some(function (p) { return String(element).indexOf(p) === 0; });
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
    harness.launchCMI = P.launchCMI(config, "scorm12");
    if (harness.launchCMI) api.loadFromJSON(harness.launchCMI);
    harness.api = api;
    var ledger = harness.ledger = P.ledger("scorm12", harness);

    var real = {};
    METHODS.forEach(function (name) { real[name] = api[name].bind(api); });
    var lmsFinished = false;

    // A strict LMS's own answer to a call: the result the SCO sees, and the error code it gets.
    function refuse(result, code) {
      api.lastErrorCode = code;
      return result;
    }

    // The strict LMS around scorm-again, which the profile wraps.
    function invoke(name, args) {
      if (lmsFinished && !ERROR_QUERIES[name]) {
        return refuse(name === "LMSGetValue" ? "" : "false", "301");
      }
      if (name === "LMSSetValue" && args[0] === "cmi.suspend_data" &&
          typeof args[1] === "string" && args[1].length > SUSPEND_DATA_LIMIT) {
        violation("cmi.suspend_data of " + args[1].length + " characters (SCORM 1.2 allows " +
                  SUSPEND_DATA_LIMIT + ")");
        return refuse("false", "405");
      }
      if (name === "LMSSetValue" && refused(refuseSets, args[0])) return refuse("false", refuseCode);
      if (name === "LMSCommit" && failCommits > 0 && api.isInitialized()) {
        failCommits -= 1;
        return refuse("false", failCode);
      }
      var result = real[name].apply(null, args);
      if ((name === "LMSCommit" || name === "LMSFinish") && result === "true") {
        ledger.store(name === "LMSFinish", "");
        if (name === "LMSFinish") lmsFinished = true;
      }
      return result;
    }

    var strict = {};
    METHODS.forEach(function (name) {
      strict[name] = function () { return invoke(name, Array.prototype.slice.call(arguments)); };
    });
    var profiled = harness.profiled = P.wrap(config.profile || "strict", "scorm12", strict,
      P.lmsSide(api, function (done, why) { ledger.store(done, why); }), { record: config.record });

    METHODS.forEach(function (name) {
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        if (finished && !ERROR_QUERIES[name]) {
          violation(name + "(" + args.map(function (a) { return JSON.stringify(plain(a)); }).join(", ") +
                    ") called after LMSFinish");
        }
        var entry = {
          index: calls.length,
          method: name,
          args: args.map(plain),
          result: null,
          error: null,
          threw: null,
          afterFinish: finished,
          t: Date.now() - started,
          cmi: null
        };
        var result;
        try {
          result = profiled[name].apply(null, args);
        } catch (e) {
          entry.threw = e.name + ": " + e.message;
          entry.error = String(profiled.LMSGetLastError());
          calls.push(entry);
          throw e;
        }
        entry.result = plain(result);
        entry.error = ERROR_QUERIES[name] ? null : String(profiled.LMSGetLastError());
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
