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
 * The page itself (the log, the frame, window.__lms) is harness-common.js's; the configuration is
 * JSON in <script id="lms-config">, written by tests/support/lms.py.
 */
(function () {
  "use strict";

  var SUSPEND_DATA_LIMIT = 4096;
  var ERROR_QUERIES = { LMSGetLastError: 1, LMSGetErrorString: 1, LMSGetDiagnostic: 1 };
  var lmsFinished = false;

  // A strict LMS's own answer to a call: the result the SCO sees, and the error code it gets.
  function refuse(api, result, code) {
    api.lastErrorCode = code;
    return result;
  }

  function refused(prefixes, element) {
    return prefixes.some(function (p) { return String(element).indexOf(p) === 0; });
  }

  window.LMSHarness({
    target: "scorm12",
    Api: window.Scorm12API,
    global: "API",
    methods: [
      "LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"
    ],
    failCode: 101,
    refuseCode: 405,
    invoke: function (name, args, lms) {
      var api = lms.api;
      var faults = lms.faults;
      if (lmsFinished && !ERROR_QUERIES[name]) {
        return refuse(api, name === "LMSGetValue" ? "" : "false", "301");
      }
      if (name === "LMSSetValue" && args[0] === "cmi.suspend_data" &&
          typeof args[1] === "string" && args[1].length > SUSPEND_DATA_LIMIT) {
        lms.violation("cmi.suspend_data of " + args[1].length + " characters (SCORM 1.2 allows " +
                      SUSPEND_DATA_LIMIT + ")");
        return refuse(api, "false", "405");
      }
      if (name === "LMSSetValue" && refused(faults.refuseSets, args[0])) {
        return refuse(api, "false", faults.refuseCode);
      }
      if (name === "LMSCommit" && faults.failCommits > 0 && api.isInitialized()) {
        faults.failCommits -= 1;
        return refuse(api, "false", faults.failCode);
      }
      var result = lms.real[name].apply(null, args);
      if ((name === "LMSCommit" || name === "LMSFinish") && result === "true") {
        lms.ledger.store(name === "LMSFinish", "");
        if (name === "LMSFinish") lmsFinished = true;
      }
      return result;
    }
  });
})();
