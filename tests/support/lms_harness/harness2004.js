/* LMS harness for browser tests: a strict SCORM 2004 4th edition LMS page around one SCO.
 *
 * The LMS runtime is scorm-again (Scorm2004API) on window.API_1484_11, seen by the SCO through
 * an LMS profile (config.profile, as in harness.js). Like harness.js (1.2):
 *   - every API call is logged as the SCO saw it: method, arguments, result (or the exception
 *     it threw), GetLastError after it, and the committed CMI on a successful Commit/Terminate;
 *   - calls after Terminate (other than GetLastError, GetErrorString, GetDiagnostic, which the
 *     RTE allows at any time) are violations; scorm-again answers them (123, 133, 143, 113);
 *   - cmi.location over 1000 and cmi.suspend_data over 64000 characters are violations
 *     (RTE 4.2.14, 4.2.23); scorm-again refuses them too;
 *   - Commit can be made to fail N times with a given error code (391: general commit failure);
 *   - SetValue of given elements (prefixes) can be refused: "false" with a given error code
 *     (406 Data Model Element Type Mismatch by default; 407 Value Out Of Range) [SCORM 2004 4th ed. RTE §3.1.7.6];
 *   - config.navValid sets adl.nav.request_valid.* before Initialize ("true"/"false"), since
 *     scorm-again answers "unknown" without a sequencing engine.
 * The configuration is JSON in <script id="lms-config">, written by tests/support/lms2004.py.
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
  var failCode = String(config.failCode || 391);
  var refuseSets = config.refuseSets || [];
  var refuseCode = String(config.refuseCode || 406);
  var LIMITS = { "cmi.location": 1000, "cmi.suspend_data": 64000 };
  var ERROR_QUERIES = { GetLastError: 1, GetErrorString: 1, GetDiagnostic: 1 };
  var METHODS = [
    "Initialize", "Terminate", "GetValue", "SetValue", "Commit",
    "GetLastError", "GetErrorString", "GetDiagnostic"
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
      failCode = String(code || 391);
    },
    refuseSets: function (elements, code) {
      refuseSets = elements;
      refuseCode = String(code || 406);
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
    var api = new window.Scorm2004API(settings);
    harness.launchCMI = P.launchCMI(config, "scorm2004");
    if (harness.launchCMI) api.loadFromJSON(harness.launchCMI);
    Object.keys(config.navValid || {}).forEach(function (request) {
      api.adl.nav.request_valid[request] = config.navValid[request];
    });
    harness.api = api;
    var ledger = harness.ledger = P.ledger("scorm2004", harness);

    var real = {};
    METHODS.forEach(function (name) { real[name] = api[name].bind(api); });

    // The strict LMS around scorm-again, which the profile wraps.
    function invoke(name, args) {
      if (name === "SetValue" && LIMITS[args[0]] && String(args[1]).length > LIMITS[args[0]]) {
        violations.push(args[0] + " of " + String(args[1]).length + " characters (SCORM 2004 allows " +
                        LIMITS[args[0]] + ")");
      }
      if (name === "SetValue" && api.isInitialized() && !api.isTerminated() && refuseSets.some(function (p) {
        return String(args[0]).indexOf(p) === 0;
      })) {
        api.lastErrorCode = refuseCode;
        return "false";
      }
      if (name === "Commit" && failCommits > 0 && api.isInitialized() && !api.isTerminated()) {
        failCommits -= 1;
        api.lastErrorCode = failCode;
        return "false";
      }
      var result = real[name].apply(null, args);
      if ((name === "Commit" || name === "Terminate") && result === "true") ledger.store(name === "Terminate", "");
      return result;
    }

    var strict = {};
    METHODS.forEach(function (name) {
      strict[name] = function () { return invoke(name, Array.prototype.slice.call(arguments)); };
    });
    var profiled = harness.profiled = P.wrap(config.profile || "strict", "scorm2004", strict,
      P.lmsSide(api, function (done, why) { ledger.store(done, why); }),
      { record: config.record, setByContent: config.setByContent });

    METHODS.forEach(function (name) {
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var wasFinished = finished;
        if (finished && !ERROR_QUERIES[name]) {
          violations.push(name + "(" + args.map(function (a) { return JSON.stringify(plain(a)); }).join(", ") +
                          ") called after Terminate");
        }
        var entry = {
          index: calls.length,
          method: name,
          args: args.map(plain),
          result: null,
          error: null,
          threw: null,
          afterFinish: wasFinished,
          t: Date.now() - started,
          cmi: null
        };
        var result;
        try {
          result = profiled[name].apply(null, args);
        } catch (e) {
          entry.threw = e.name + ": " + e.message;
          entry.error = String(profiled.GetLastError());
          calls.push(entry);
          throw e;
        }
        entry.result = plain(result);
        entry.error = ERROR_QUERIES[name] ? null : String(profiled.GetLastError());
        if ((name === "Commit" || name === "Terminate") && result === "true" && !wasFinished) {
          entry.cmi = harness.cmi();
        }
        if (name === "Terminate" && result === "true" && !wasFinished) {
          finished = true;
          harness.finalCMI = entry.cmi;
        }
        calls.push(entry);
        return result;
      };
    });
    window.API_1484_11 = api;
  }

  var frame = document.createElement("iframe");
  frame.id = "course";
  frame.name = "course";
  frame.title = "Course";
  frame.src = config.launch;
  document.body.appendChild(frame);
})();
