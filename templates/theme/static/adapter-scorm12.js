/* coursebuild runtime: adapter-scorm12.js: the SCORM 1.2 run-time adapter.
 *
 * The tracking core (tracking.js) talks to exactly one adapter; every adapter has the same
 * methods (see tracking.js). This one speaks the SCORM 1.2 API [SCORM 1.2 RTE §3.3-3.4]
 * through scorm-common.js (discovery of `API`, guarded calls, commit retries):
 *   - LMSInitialize("") once, LMSFinish("") once, nothing after LMSFinish [§3.3.2.1];
 *   - validates values before they reach the LMS (data types [§3.4], lengths, vocabularies).
 */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");
  var S = root ? root.CourseBuild.scorm : require("./scorm-common.js");
  if (!root) require("./scorm12-answers.js"); // in a browser, the questions chunk adds it

  /* cmi.core.lesson_status values a SCO may write [SCORM 1.2 RTE §3.4; never "not attempted"]. */
  var SCO_STATUSES = ["passed", "completed", "failed", "incomplete", "browsed"];

  /* The outcome of the tracking core (outcome.js decide) as SCORM 1.2 records it; one status
   * says both completion and success [SCORM 1.2 RTE §3.4; docs/tracking.md]:
   *   complete and passed -> "passed" with the score;
   *   complete, not passed (a rule that does not ask for a pass) -> "completed" with the score
   *     (such a package has no adlcp:masteryscore, so no LMS turns it into "failed");
   *   passed, not complete -> "incomplete"; failed, not complete -> "failed";
   *   no score -> "completed" | "incomplete".
   * The score goes with the status only once the outcome is settled (complete, or out of
   * attempts): an LMS such as Moodle turns any score.raw at or above the mastery score into
   * "passed" at LMSFinish, and any other into "failed" [§3.4 cmi.core.lesson_status], and stores a score once
   * written (even "" becomes 0), so a score written earlier would judge the course before it is
   * complete, or keep a fail that a retry has passed (docs/lms-guide.md).
   * -> {status, score: number | null (not written)}. */
  function record12(o) {
    var settled = o.completion === "completed" || o.done;
    if (o.success === "passed") return { status: settled ? "passed" : "incomplete", score: settled ? o.score : null };
    if (o.success === "failed") return { status: o.completion === "completed" ? "completed" : "failed", score: settled ? o.score : null };
    return { status: o.completion, score: null };
  }

  /* The API's functions [SCORM 1.2 RTE §3.3.2], and the error code a read of an optional element
   * may answer without a warning (401 not implemented); here, not in scorm-common.js, so that a
   * package carries only its own standard's. */
  var NAMES = {
    object: "API", initialize: "LMSInitialize", terminate: "LMSFinish", get: "LMSGetValue",
    set: "LMSSetValue", commit: "LMSCommit", lastError: "LMSGetLastError",
    errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic", optional: { "401": 1 }
  };

  /* API discovery [§3.3; ADL's API discovery algorithm]: window.API through the parents, then the opener's. */
  function findAPI(win) {
    return S.findAPI(win, NAMES);
  }

  /* An adapter around a found SCORM 1.2 API object.
   * opts: log(message), setTimeout, clearTimeout, suspendDataLimit (default 4096), onsave(ok). */
  function create(api, opts) {
    opts = opts || {};
    var lms = S.session(api, NAMES, opts);
    var log = lms.log, get = lms.get, set = lms.set, live = lms.live;
    var dataLimit = Math.min(opts.suspendDataLimit || F.CMI_STRING4096, F.CMI_STRING4096);
    var written = { status: "", score: "" }; // what the LMS holds (read at init, then written)

    /* cmi.core.score.raw/min/max: a CMIDecimal 0..100, as F.score12 writes it [SCORM 1.2 RTE §3.4]. */
    function writeScore(score) {
      var ok = set("cmi.core.score.raw", score);
      ok = set("cmi.core.score.min", "0") && ok;
      return set("cmi.core.score.max", "100") && ok;
    }

    return {
      name: "scorm12",
      tracking: true,
      holdsScore: true, // one lesson_status: the score waits until the outcome is settled (record12)

      /* LMSInitialize("") once, then read what the course needs [SCORM 1.2 RTE §3.4]. */
      init: function () {
        if (!lms.initialize()) return { ok: false };
        written.status = get("cmi.core.lesson_status");
        written.score = get("cmi.core.score.raw", true);
        return {
          ok: true,
          entry: get("cmi.core.entry"),
          status: SCO_STATUSES.indexOf(written.status) >= 0 ? written.status : "",
          mode: get("cmi.core.lesson_mode", true),
          location: get("cmi.core.lesson_location"),
          suspendData: get("cmi.suspend_data"),
          language: get("cmi.student_preference.language", true)
        };
      },

      /* The outcome as cmi.core.lesson_status and score (record12) [SCORM 1.2 RTE §3.4]: the score
       * first, then the status, since the last write wins [§3.4]; only what changed. */
      setResult: function (outcome) {
        var r = record12(outcome);
        var ok = true;
        var score = r.score === null ? null : F.score12(r.score);
        if (score === "") {
          log("score " + r.score + " is not a number 0..100: not sent");
          return false;
        }
        if (score !== null && score !== written.score) {
          ok = writeScore(score);
          if (ok) written.score = score;
        }
        if (r.status !== written.status) {
          if (SCO_STATUSES.indexOf(r.status) < 0) {
            log("lesson_status " + r.status + " is not a SCO's to write: not sent");
            return false;
          }
          if (set("cmi.core.lesson_status", r.status)) written.status = r.status;
          else ok = false;
        }
        return ok;
      },

      /* cmi.core.lesson_location (CMIString255) and cmi.suspend_data (CMIString4096). */
      setBookmark: function (location, data) {
        var ok = lms.setBounded("cmi.core.lesson_location", location, F.CMI_STRING255);
        return lms.setBounded("cmi.suspend_data", data, dataLimit) && ok;
      },

      /* One answered question as cmi.interactions.n.* (scorm12-answers.js, in the questions chunk:
       * an answer is recorded only once it has loaded). */
      recordInteraction: function (it) {
        return S.interaction12(lms, it);
      },

      /* cmi.core.session_time: CMITimespan, this session only [SCORM 1.2 RTE §3.4 CMITimespan]. */
      setSessionTime: function (ms) {
        return set("cmi.core.session_time", F.timespan12(ms));
      },

      /* cmi.core.exit: "suspend" keeps the attempt for resume, "" when finished [SCORM 1.2 RTE §3.4]. */
      setExit: function (done) {
        return set("cmi.core.exit", done ? "" : "suspend");
      },

      /* LMSCommit("") [SCORM 1.2 RTE §3.3.2.1]; retried on failure. */
      commit: lms.commit,

      /* LMSFinish("") once; nothing is called after it [SCORM 1.2 RTE §3.3.2.1]. */
      finish: function () {
        if (!live()) return false;
        var r = lms.terminate();
        if (r === "true") return true;
        // Not even LMSGetLastError after LMSFinish: some LMSs reject every later call.
        log("LMSFinish failed: it returned " + JSON.stringify(r));
        return false;
      }
    };
  }

  /* The player's entry point (docs/runtime-contract.md): an adapter when an LMS is found, else
   * null; with config.xapi.lrs (and xapi-dual.js loaded) the same course also goes to an LRS. */
  function launch(win, config, opts) {
    var found = findAPI(win);
    if (!found) return null;
    var adapter = create(found, { suspendDataLimit: config.suspendDataLimit, onsave: (opts || {}).onsave });
    var X = win.CourseBuild && win.CourseBuild.adapters && win.CourseBuild.adapters.xapi;
    if (config.xapi && config.xapi.lrs && X && X.dual) adapter = X.dual(adapter, found, config, win);
    return adapter;
  }

  var api = { name: "scorm12", findAPI: findAPI, create: create, launch: launch, record12: record12, API_SEARCH_MAX_HOPS: S.API_SEARCH_MAX_HOPS };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).scorm12 = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
