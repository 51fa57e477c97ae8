/* coursebuild runtime: adapter-scorm12.js: the SCORM 1.2 run-time adapter.
 *
 * The tracking core (tracking.js) talks to exactly one adapter; every adapter has the same
 * methods (see tracking.js). This one speaks the SCORM 1.2 API [RTE 1.2 §3.3, standards 2.x]:
 *   - finds the LMS's `API` object through the parents, then the opener (2.1);
 *   - LMSInitialize("") once, LMSFinish("") once, nothing after LMSFinish (2.2);
 *   - compares every result with === "true" and reads LMSGetLastError() after each call;
 *   - validates values before they reach the LMS (types 2.4, lengths, vocabularies);
 *   - retries a failed LMSCommit a few times; an LMS error never breaks the page: it is
 *     logged (console.warn) with the element and the error code.
 */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");

  /* ADL's sample stops after 7 parents; pipwerks allows 500 (standards 2.1). Be generous. */
  var API_SEARCH_MAX_HOPS = 500;

  /* cmi.core.lesson_status values a SCO may write [RTE 1.2 §3.4; never "not attempted"]. */
  var SCO_STATUSES = ["passed", "completed", "failed", "incomplete", "browsed"];

  /* Error codes [RTE 1.2 §3.3 error-code table]. */
  var ERROR_NOT_IMPLEMENTED = "401";

  var COMMIT_RETRIES = 3;
  var COMMIT_RETRY_DELAY_MS = 400;
  var FILL_IN_PATTERNS_MAX = 10;

  /* Walk w, w.parent, ... for an object named API; every access guarded (cross-origin frames throw). */
  function climb(w) {
    for (var hops = 0; w && hops <= API_SEARCH_MAX_HOPS; hops++) {
      try {
        var api = w.API;
        if (api && typeof api.LMSInitialize === "function") return api;
      } catch (e) { /* cross-origin: keep climbing */ }
      var parent = null;
      try {
        parent = w.parent;
      } catch (e) { /* no parent */ }
      if (!parent || parent === w) return null;
      w = parent;
    }
    return null;
  }

  /* API discovery [standards 2.1]: parents, then window.opener and its parents, then top.opener. */
  function findAPI(win) {
    var api = climb(win);
    var opener = null;
    if (!api) {
      try {
        opener = win.opener;
      } catch (e) { /* none */ }
      if (opener) api = climb(opener);
    }
    if (!api) {
      try {
        opener = win.top && win.top !== win ? win.top.opener : null;
      } catch (e) {
        opener = null;
      }
      if (opener) api = climb(opener);
    }
    return api;
  }

  /* An adapter around a found SCORM 1.2 API object.
   * opts: log(message), setTimeout, suspendDataLimit (default 4096), onsave(ok). */
  function create(api, opts) {
    opts = opts || {};
    var log = opts.log || function (m) {
      if (typeof console !== "undefined") console.warn("coursebuild: " + m);
    };
    var later = opts.setTimeout || function (fn, ms) {
      return setTimeout(fn, ms);
    };
    var cancel = opts.clearTimeout || function (t) {
      clearTimeout(t);
    };
    var dataLimit = Math.min(opts.suspendDataLimit || F.CMI_STRING4096, F.CMI_STRING4096);
    var initialized = false;
    var finished = false;
    var interactionsOff = false;
    var retryTimer = null;

    function live() {
      return initialized && !finished;
    }

    function raw(fn, args) {
      try {
        var r = api[fn].apply(api, args);
        return r == null ? "" : String(r);
      } catch (e) {
        log(fn + "(" + (args[0] || "") + ") threw: " + (e && e.message));
        return null;
      }
    }

    function lastError() {
      var code = raw("LMSGetLastError", []);
      return code == null || code === "" ? "0" : code;
    }

    function describe(code) {
      var s = raw("LMSGetErrorString", [code]);
      return s ? " (" + s + ")" : "";
    }

    function warn(what, code) {
      log(what + " failed: error " + code + describe(code));
    }

    /* LMSGetValue [RTE 1.2 §3.3.2.1]; optional elements may answer 401 without a warning. */
    function get(element, optional) {
      if (!live()) return "";
      var v = raw("LMSGetValue", [element]);
      var code = lastError();
      if (code !== "0") {
        if (!(optional && code === ERROR_NOT_IMPLEMENTED)) warn("LMSGetValue(" + element + ")", code);
        return "";
      }
      return v || "";
    }

    /* LMSSetValue [RTE 1.2 §3.3.2.1]; returns true, or false with the error logged. */
    function set(element, value) {
      if (!live()) return false;
      if (raw("LMSSetValue", [element, value]) === "true") return true;
      warn("LMSSetValue(" + element + ", " + JSON.stringify(value) + ")", lastError());
      return false;
    }

    function commitOnce() {
      if (!live()) return false;
      if (raw("LMSCommit", [""]) === "true") return true;
      warn("LMSCommit", lastError());
      return false;
    }

    function saved(ok) {
      if (opts.onsave) opts.onsave(ok);
    }

    /* A failed commit is tried again COMMIT_RETRIES times, then again at the next milestone. */
    function retry(attempt) {
      retryTimer = later(function () {
        retryTimer = null;
        if (!live()) return;
        if (commitOnce()) saved(true);
        else if (attempt < COMMIT_RETRIES) retry(attempt + 1);
        else saved(false);
      }, COMMIT_RETRY_DELAY_MS * attempt);
    }

    return {
      name: "scorm12",
      tracking: true,

      /* LMSInitialize("") once, then read what the course needs [RTE 1.2 §3.4]. */
      init: function () {
        if (initialized || finished) return { ok: false };
        if (raw("LMSInitialize", [""]) !== "true") {
          warn("LMSInitialize", lastError());
          finished = true; // the LMS will not process further calls [RTE 1.2 §3.3.2.1]
          return { ok: false };
        }
        initialized = true;
        return {
          ok: true,
          entry: get("cmi.core.entry"),
          status: get("cmi.core.lesson_status"),
          mode: get("cmi.core.lesson_mode", true),
          location: get("cmi.core.lesson_location"),
          suspendData: get("cmi.suspend_data"),
          language: get("cmi.student_preference.language", true)
        };
      },

      /* cmi.core.score.raw/min/max: CMIDecimal, 0..100 [RTE 1.2 §3.4]. Written before the status. */
      setScore: function (score) {
        var s = F.score12(score);
        if (s === "") {
          log("score " + score + " is not a number 0..100: not sent");
          return false;
        }
        var ok = set("cmi.core.score.raw", s);
        ok = set("cmi.core.score.min", "0") && ok;
        return set("cmi.core.score.max", "100") && ok;
      },

      /* cmi.core.lesson_status [RTE 1.2 §3.4]. */
      setStatus: function (status) {
        if (SCO_STATUSES.indexOf(status) < 0) {
          log("lesson_status " + status + " is not one a SCO may write: not sent");
          return false;
        }
        return set("cmi.core.lesson_status", status);
      },

      /* cmi.core.lesson_location (CMIString255) and cmi.suspend_data (CMIString4096). */
      setBookmark: function (location, data) {
        var ok = true;
        if (location != null) {
          if (location.length <= F.CMI_STRING255) ok = set("cmi.core.lesson_location", location) && ok;
          else log("lesson_location longer than 255 characters: not sent");
        }
        if (data != null) {
          if (data.length <= dataLimit) ok = set("cmi.suspend_data", data) && ok;
          else log("suspend_data of " + data.length + " characters is over the limit of " + dataLimit + ": not sent");
        }
        return ok;
      },

      /* One answered question as cmi.interactions.n.* with n = _count, id first [RTE 1.2 §3.4; standards 2.6]. */
      recordInteraction: function (it) {
        if (!live() || interactionsOff) return false;
        var count = get("cmi.interactions._count", true);
        if (!/^[0-9]+$/.test(count)) {
          interactionsOff = true;
          log("this LMS does not record interactions (cmi.interactions._count): answers are not sent");
          return false;
        }
        var p = "cmi.interactions." + count + ".";
        if (!set(p + "id", F.identifier(it.id))) return false;
        set(p + "type", F.INTERACTION_TYPE_12[it.type]);
        set(p + "time", F.time12(it.time));
        set(p + "weighting", F.decimal(it.weighting == null ? 1 : it.weighting));
        var answer = F.response12(it.type, it.response);
        if (answer !== "") set(p + "student_response", answer);
        var n = 0;
        (it.patterns || []).forEach(function (v) {
          var pattern = F.response12(it.type, v);
          if (pattern !== "" && n < FILL_IN_PATTERNS_MAX) set(p + "correct_responses." + n++ + ".pattern", pattern);
        });
        set(p + "result", it.correct ? "correct" : "wrong");
        set(p + "latency", F.timespan12(it.latencyMs));
        return true;
      },

      /* cmi.core.session_time: CMITimespan, this session only [RTE 1.2 §3.4; standards 2.8 #4]. */
      setSessionTime: function (ms) {
        return set("cmi.core.session_time", F.timespan12(ms));
      },

      /* cmi.core.exit: "suspend" keeps the attempt for resume, "" when finished [RTE 1.2 §3.4]. */
      setExit: function (done) {
        return set("cmi.core.exit", done ? "" : "suspend");
      },

      /* LMSCommit("") [RTE 1.2 §3.3.2.1]; retried on failure. */
      commit: function () {
        if (!live()) return false;
        if (retryTimer !== null) {
          cancel(retryTimer);
          retryTimer = null;
        }
        if (commitOnce()) {
          saved(true);
          return true;
        }
        retry(1);
        return false;
      },

      /* LMSFinish("") once; nothing is called after it [RTE 1.2 §3.3.2.1; standards 2.2]. */
      finish: function () {
        if (!live()) return false;
        finished = true;
        if (retryTimer !== null) {
          cancel(retryTimer);
          retryTimer = null;
        }
        var r = raw("LMSFinish", [""]);
        if (r === "true") return true;
        // Not even LMSGetLastError after LMSFinish: some LMSs reject every later call.
        log("LMSFinish failed: it returned " + JSON.stringify(r));
        return false;
      }
    };
  }

  var api = { name: "scorm12", findAPI: findAPI, create: create, API_SEARCH_MAX_HOPS: API_SEARCH_MAX_HOPS };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).scorm12 = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
