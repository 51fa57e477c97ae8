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
 * The page itself (the log, the frame, window.__lms) is harness-common.js's; the configuration is
 * JSON in <script id="lms-config">, written by tests/support/lms2004.py.
 */
(function () {
  "use strict";

  var LIMITS = { "cmi.location": 1000, "cmi.suspend_data": 64000 };

  window.LMSHarness({
    target: "scorm2004",
    Api: window.Scorm2004API,
    global: "API_1484_11",
    methods: [
      "Initialize", "Terminate", "GetValue", "SetValue", "Commit",
      "GetLastError", "GetErrorString", "GetDiagnostic"
    ],
    failCode: 391,
    refuseCode: 406,
    prepare: function (api, config) {
      Object.keys(config.navValid || {}).forEach(function (request) {
        api.adl.nav.request_valid[request] = config.navValid[request];
      });
    },
    invoke: function (name, args, lms) {
      var api = lms.api;
      var faults = lms.faults;
      if (name === "SetValue" && LIMITS[args[0]] && String(args[1]).length > LIMITS[args[0]]) {
        lms.violation(args[0] + " of " + String(args[1]).length + " characters (SCORM 2004 allows " +
                      LIMITS[args[0]] + ")");
      }
      if (name === "SetValue" && api.isInitialized() && !api.isTerminated() && faults.refuseSets.some(function (p) {
        return String(args[0]).indexOf(p) === 0;
      })) {
        api.lastErrorCode = faults.refuseCode;
        return "false";
      }
      if (name === "Commit" && faults.failCommits > 0 && api.isInitialized() && !api.isTerminated()) {
        faults.failCommits -= 1;
        api.lastErrorCode = faults.failCode;
        return "false";
      }
      var result = lms.real[name].apply(null, args);
      if ((name === "Commit" || name === "Terminate") && result === "true") lms.ledger.store(name === "Terminate", "");
      return result;
    }
  });
})();
