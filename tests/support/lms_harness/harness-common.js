/* What the SCORM 1.2 and 2004 harness pages share (harness.js, harness2004.js): the LMS page
 * around one SCO, whose config is JSON in <script id="lms-config"> (tests/support/lms.py).
 *
 * LMSHarness(version) builds window.__lms (what the tests read: calls, violations, the LMS's
 * log, the CMI) and, when config.api, the API object on window[version.global]: scorm-again's
 * runtime behind the version's strict LMS (version.invoke), behind the LMS profile
 * (profiled.js), every call logged as the SCO saw it; then loads the SCO in the frame.
 *
 * version: target ("scorm12", "scorm2004"), Api (scorm-again's class), global, methods (the
 * eight API functions: initialize, finish, get, set, commit, then the three error queries),
 * failCode and refuseCode (the defaults), prepare(api, config) (before the SCO sees it) and
 * invoke(name, args, lms): the strict LMS's answer, with lms = {api, real, faults, ledger,
 * violation}; faults holds failCommits, failCode, refuseSets, refuseCode, which tests change. */
(function () {
  "use strict";

  function plain(value) {
    return value === undefined ? null : value;
  }

  window.LMSHarness = function (version) {
    var config = JSON.parse(document.getElementById("lms-config").textContent);
    var P = window.LMSProfiled;
    var started = Date.now();
    var calls = [];
    var violations = [];
    var lmsLog = [];
    var finished = false;
    var M = version.methods;
    var FINISH = M[1];
    var COMMIT = M[4];
    var LAST_ERROR = M[5];
    var ERROR_QUERIES = {};
    M.slice(5).forEach(function (name) { ERROR_QUERIES[name] = 1; });
    var faults = {
      failCommits: config.failCommits || 0,
      failCode: String(config.failCode || version.failCode),
      refuseSets: config.refuseSets || [],
      refuseCode: String(config.refuseCode || version.refuseCode)
    };

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
        faults.failCommits = times;
        faults.failCode = String(code || version.failCode);
      },
      refuseSets: function (elements, code) {
        faults.refuseSets = elements;
        faults.refuseCode = String(code || version.refuseCode);
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

    if (config.api) {
      var settings = Object.assign({}, config.settings, {
        autocommit: false,
        logLevel: config.logLevel,
        onLogMessage: function (level, message) {
          lmsLog.push({ level: level, message: String(message) });
        }
      });
      var api = new version.Api(settings);
      harness.launchCMI = P.launchCMI(config, version.target);
      if (harness.launchCMI) api.loadFromJSON(harness.launchCMI);
      if (version.prepare) version.prepare(api, config);
      harness.api = api;
      var ledger = harness.ledger = P.ledger(version.target, harness);
      var real = {};
      M.forEach(function (name) { real[name] = api[name].bind(api); });
      var lms = {
        api: api, real: real, faults: faults, ledger: ledger,
        violation: function (text) { violations.push(text); }
      };

      // The strict LMS around scorm-again, which the profile wraps.
      var strict = {};
      M.forEach(function (name) {
        strict[name] = function () { return version.invoke(name, Array.prototype.slice.call(arguments), lms); };
      });
      var profiled = harness.profiled = P.wrap(config.profile || "strict", version.target, strict,
        P.lmsSide(api, function (done, why) { ledger.store(done, why); }),
        { record: config.record, setByContent: config.setByContent });

      M.forEach(function (name) {
        api[name] = function () {
          var args = Array.prototype.slice.call(arguments);
          if (finished && !ERROR_QUERIES[name]) {
            violations.push(name + "(" + args.map(function (a) { return JSON.stringify(plain(a)); }).join(", ") +
                            ") called after " + FINISH);
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
            entry.error = String(profiled[LAST_ERROR]());
            calls.push(entry);
            throw e;
          }
          entry.result = plain(result);
          entry.error = ERROR_QUERIES[name] ? null : String(profiled[LAST_ERROR]());
          if ((name === COMMIT || name === FINISH) && result === "true" && !entry.afterFinish) {
            entry.cmi = harness.cmi();
          }
          if (name === FINISH && result === "true" && !finished) {
            finished = true;
            harness.finalCMI = entry.cmi;
          }
          calls.push(entry);
          return result;
        };
      });
      window[version.global] = api;
    }

    var frame = document.createElement("iframe");
    frame.id = "course";
    frame.name = "course";
    frame.title = "Course";
    frame.src = config.launch;
    document.body.appendChild(frame);
  };
})();
