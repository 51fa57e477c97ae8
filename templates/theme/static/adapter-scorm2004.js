/* coursebuild runtime: adapter-scorm2004.js: the SCORM 2004 4th edition run-time adapter.
 *
 * Same methods as every adapter (tracking.js), plus setProgress(0..1) and exitButton(). It speaks
 * the SCORM 2004 API [SCORM 2004 4th ed. RTE §3.1] through scorm-common.js (discovery of
 * `API_1484_11` [SCORM 2004 4th ed. RTE §3.3.3], guarded calls, commit retries):
 *   - Initialize("") once, Terminate("") once, nothing but GetLastError after Terminate;
 *   - the tracking core's outcome as cmi.completion_status and cmi.success_status (record2004),
 *     the score (scaled, raw, min, max) before them; cmi.progress_measure, below the LMS's
 *     cmi.completion_threshold until complete; ISO 8601 times;
 *   - interactions with `id` first (else 408), `[,]` `[.]` `[:]` delimiters, result `incorrect`;
 *     one refused past the SPM of 250 is not recorded, and no failed save (scorm2004-answers.js);
 *   - cmi.suspend_data over 4,000 characters refused as data (the 2nd edition's SPM, which some
 *     LMSs keep): written again within 4,000, dropping what state.js drops first, and the learner
 *     told that part of their progress is not kept (docs/lms-guide.md);
 *   - cmi.location and cmi.suspend_data read whenever the attempt has data, whatever cmi.entry
 *     says (some LMSs answer "ab-initio" and still hand the data back: docs/lms-guide.md);
 *   - cmi.exit "suspend" while something is left to do, "normal" when done; on the Exit button
 *     mid-course only, adl.nav.request suspendAll when the LMS has the navigation element (never
 *     exitAll: Moodle answers it with an error page, docs/lms-guide.md);
 *   - the LMS's cmi.scaled_passing_score, which it judges success_status by whatever the SCO
 *     sets: the course is judged by the same passing score, and says so.
 */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");
  var S = root ? root.CourseBuild.scorm : require("./scorm-common.js");
  if (!root) require("./scorm2004-answers.js"); // in a browser, the questions chunk adds it

  var LOCATION_MAX = 1000;       // cmi.location characterstring SPM 1000 [SCORM 2004 4th ed. RTE §4.2.14]
  var SUSPEND_DATA_MAX = 64000;  // cmi.suspend_data characterstring SPM 64000 [SCORM 2004 4th ed. RTE §4.2.23]
  // The 2nd edition's SPM, which LMSs built on it still enforce (docs/lms-guide.md): a longer
  // state they refuse is written again within it.
  var SUSPEND_DATA_OLD = 4000;
  var DATA_REFUSALS = /^(351|40[567])$/; // the data model's refusals, not the session's (1xx)
  var COMPLETIONS = ["completed", "incomplete"];
  var SUCCESSES = ["passed", "failed"];

  /* The tracking core's outcome (outcome.js decide) as SCORM 2004 records it [SCORM 2004 4th ed. RTE §4.2.4,
   * §4.2.21, §4.2.20; docs/tracking.md]: completion and success are separate, so each says exactly
   * what the outcome says; success and the score only once there is a score.
   * -> {completion, success ("" = leave), score (0..100 or null)}. */
  function record2004(o) {
    return {
      completion: o.completion,
      success: o.success === "passed" || o.success === "failed" ? o.success : "",
      score: o.score
    };
  }

  /* What the LMS holds, as the core's single status (outcome.js RANK). */
  function coreStatus(completion, success) {
    if (completion === "completed") return success === "passed" ? "passed" : "completed";
    if (success === "failed") return "failed";
    return completion === "incomplete" || success === "passed" ? "incomplete" : "";
  }

  function floor4(x) {
    return Math.floor(x * 10000 + 1e-9) / 10000;
  }

  /* cmi.progress_measure: the share of pages seen, 1 only once complete, so that it agrees
   * with cmi.completion_status [SCORM 2004 4th ed. RTE §4.2.18]; 4 decimals, rounded down. An LMS
   * with a cmi.completion_threshold judges completion by it [SCORM 2004 4th ed. RTE §4.2.4]: until
   * complete, the measure stays below it, and there is none at all (null) when it is 0. */
  function progress(fraction, completed, threshold) {
    if (completed) return 1;
    var cap = threshold == null ? 0.99 : Math.min(floor4(threshold - 0.0001), 0.99);
    return cap < 0 ? null : floor4(Math.min(Math.max(Number(fraction) || 0, 0), cap));
  }

  /* A SCORM 2004 real(10,7) as a number, NaN if it is not one. */
  function real(value) {
    return /^-?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value) ? Number(value) : NaN;
  }

  /* The LMS's cmi.scaled_passing_score (-1..1) as the core's mastery score, 0..100 (0.95 -> 95),
   * or null: the LMS judges success_status by it [SCORM 2004 4th ed. RTE §4.2.19, §4.2.22]. */
  function masteryOf(value) {
    var x = real(value);
    return x >= -1 && x <= 1 ? Math.max(Math.round(x * 1e6) / 1e4, 0) : null;
  }

  /* The LMS's cmi.completion_threshold (0..1), or null [SCORM 2004 4th ed. RTE §4.2.4]. */
  function thresholdOf(value) {
    var x = real(value);
    return x >= 0 && x <= 1 ? x : null;
  }

  /* The API's functions [SCORM 2004 4th ed. RTE §3.1.7], and the error codes a read of an optional
   * element may answer without a warning (401 not implemented, 402, 403); here, not in
   * scorm-common.js, so that a package carries only its own standard's. */
  var NAMES = {
    object: "API_1484_11", initialize: "Initialize", terminate: "Terminate", get: "GetValue",
    set: "SetValue", commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString",
    diagnostic: "GetDiagnostic", optional: { "401": 1, "402": 1, "403": 1 }
  };

  /* API discovery [SCORM 2004 4th ed. RTE §3.3.3]: parents, then the opener's, then top.opener's. */
  function findAPI(win) {
    return S.findAPI(win, NAMES);
  }

  /* An adapter around a found API_1484_11. opts: log, setTimeout, clearTimeout,
   * suspendDataLimit (default 64000), onsave(ok), config (the runtime config, whose
   * masteryScore becomes the LMS's passing score). */
  function create(api, opts) {
    opts = opts || {};
    var told = opts.onsave;
    var lost = null; // the LMS's refusal while the state it holds is short of some part: said with every save
    var refusal = null; // the LMS's refusal of a state over 4,000 characters
    var lms = S.session(api, NAMES, {
      log: opts.log, setTimeout: opts.setTimeout, clearTimeout: opts.clearTimeout,
      onsave: function (ok, e) {
        if (told) told(ok && !lost, ok ? lost : e);
      }
    });
    var log = lms.log, get = lms.get, set = lms.set, live = lms.live;
    var dataLimit = Math.min(opts.suspendDataLimit || SUSPEND_DATA_MAX, SUSPEND_DATA_MAX);
    var exitPressed = false, mode = "", done = false;
    var recorded = { completion: "", success: "", score: "" }; // what the LMS holds
    var fraction = 0, progressWritten = -1, threshold = null;

    /* cmi.score.scaled (-1..1), raw, min, max [SCORM 2004 4th ed. RTE §4.2.20]. */
    function writeScore(score) {
      var raw100 = F.score12(score);
      if (raw100 === "") {
        log("score " + score + " is not a number 0..100: not sent");
        return false;
      }
      var ok = set("cmi.score.scaled", F.decimal(Number(raw100) / 100));
      ok = set("cmi.score.raw", raw100) && ok;
      ok = set("cmi.score.min", "0") && ok;
      return set("cmi.score.max", "100") && ok;
    }

    /* The state within the limit the LMS showed by refusing a longer one: decoded and encoded
     * again, dropping first what state.js drops first; the learner is told a part is not kept
     * (kept: the score and status are). -> the text, or "" when none fits (state.js always has a
     * smallest one): an earlier state kept in the LMS would be resumed over the result it holds. */
    function shrink(data) {
      var St = root ? root.CourseBuild.state : require("./state.js");
      var state = opts.config ? St.decode(opts.config, data) : null;
      var enc = state ? St.encode(opts.config, state, dataLimit) : { text: null, dropped: ["everything"] };
      log("cmi.suspend_data of " + data.length + " characters is over this LMS's limit of " + dataLimit +
        ": dropped " + enc.dropped.join(", "));
      // answers: the drawn questions went, and with them a result's answers (said on its panel)
      lost = { code: refusal.code, text: refusal.text, final: true, kept: true, answers: enc.dropped.indexOf("drawn questions") >= 0 };
      return enc.text || "";
    }

    /* cmi.suspend_data: a state over 4,000 characters that the LMS refuses as data (not as a
     * session error) shows the LMS's limit; from then on every state is written within it. */
    function writeData(data) {
      if (data == null) return true;
      lost = null;
      if (data.length > SUSPEND_DATA_OLD && data.length <= dataLimit && !refusal && live()) {
        if (lms.raw("SetValue", ["cmi.suspend_data", data]) === "true") return true;
        var code = lms.lastError();
        var e = lms.warn("SetValue(cmi.suspend_data) of " + data.length + " characters", code);
        if (!DATA_REFUSALS.test(code)) return set("cmi.suspend_data", data); // said as any refusal
        refusal = e;
        dataLimit = SUSPEND_DATA_OLD;
      }
      if (refusal && data.length > dataLimit) data = shrink(data);
      return lms.setBounded("cmi.suspend_data", data, dataLimit);
    }

    function writeProgress() {
      if (!(fraction > 0)) return;
      var p = progress(fraction, recorded.completion === "completed", threshold);
      if (p !== null && p > progressWritten && set("cmi.progress_measure", F.decimal(p))) progressWritten = p;
    }

    /* Does the LMS take navigation requests? The 4th edition defines adl.nav.request_valid only
     * for continue, previous, choice and jump [SCORM 2004 4th ed. RTE §4.4.2], none for suspendAll or exitAll; an
     * LMS with the navigation data model answers request_valid.continue (even "unknown"), one
     * without it answers 401. */
    function navSupported() {
      lms.raw("GetValue", ["adl.nav.request_valid.continue"]);
      return lms.lastError() === "0";
    }

    return {
      name: "scorm2004",
      tracking: true,

      /* Initialize("") once, then read what the course needs [SCORM 2004 4th ed. RTE §3.1.7.1, §4.2]. */
      init: function () {
        if (!lms.initialize()) return { ok: false };
        var entry = get("cmi.entry");
        recorded.completion = get("cmi.completion_status");
        recorded.success = get("cmi.success_status");
        mode = get("cmi.mode", true);
        // The manifest gives the LMS a passing score exactly when the course has a mastery score
        // (minNormalizedMeasure): only then is there one to read (no 403 otherwise).
        var config = opts.config;
        var mastery = config && typeof config.masteryScore === "number" ? masteryOf(get("cmi.scaled_passing_score", true)) : null;
        if (mastery !== null) config.masteryScore = mastery;
        // Optional, and the manifest may have none while the LMS has its own: a 403 (not
        // initialized) is the LMS's way of saying it has none [SCORM 2004 4th ed. RTE §3.1.7.6].
        threshold = thresholdOf(get("cmi.completion_threshold", true));
        // The attempt has data when cmi.entry says "resume", and also when the LMS holds a status
        // of it: some LMSs say "ab-initio" while handing the data back (forma.lms, see
        // docs/lms-guide.md). A fresh attempt has neither, and reading would only give 403.
        var held = entry === "resume" || COMPLETIONS.indexOf(recorded.completion) >= 0 ||
          SUCCESSES.indexOf(recorded.success) >= 0;
        // a score goes with a success status (record2004): none, nothing to read
        recorded.score = SUCCESSES.indexOf(recorded.success) >= 0 ? get("cmi.score.raw", true) : "";
        return {
          ok: true,
          entry: entry,
          status: coreStatus(recorded.completion, recorded.success),
          mode: mode,
          location: held ? get("cmi.location", true) : "",
          suspendData: held ? get("cmi.suspend_data", true) : "",
          language: get("cmi.learner_preference.language", true)
        };
      },

      /* The outcome (record2004): the score first, then each status that changed. */
      setResult: function (outcome) {
        var r = record2004(outcome);
        var ok = true;
        var score = r.score === null ? "" : F.score12(r.score);
        if (COMPLETIONS.indexOf(r.completion) < 0 || (r.score !== null && score === "")) {
          log("result " + JSON.stringify(r) + " is not one a SCO may write: not sent");
          return false;
        }
        if (score !== "" && score !== recorded.score) {
          ok = writeScore(r.score);
          if (ok) recorded.score = score;
        }
        if (r.completion !== recorded.completion) {
          if (set("cmi.completion_status", r.completion)) recorded.completion = r.completion;
          else ok = false;
        }
        if (SUCCESSES.indexOf(r.success) >= 0 && r.success !== recorded.success) {
          if (set("cmi.success_status", r.success)) recorded.success = r.success;
          else ok = false;
        }
        writeProgress();
        return ok;
      },

      /* Share of pages seen, 0..1 (cmi.progress_measure) [SCORM 2004 4th ed. RTE §4.2.18]. */
      setProgress: function (f) {
        fraction = Math.max(fraction, Number(f) || 0);
        writeProgress();
      },

      /* cmi.location (<= 1000) and cmi.suspend_data (<= 64000) [SCORM 2004 4th ed. RTE §4.2.14, §4.2.23]. */
      setBookmark: function (location, data) {
        var ok = lms.setBounded("cmi.location", location, LOCATION_MAX);
        return writeData(data) && ok;
      },

      /* One checked question as cmi.interactions.n.* (scorm2004-answers.js, in the questions
       * chunk: an answer is recorded only once it has loaded). */
      recordInteraction: function (it) {
        return S.interaction2004(lms, it);
      },

      /* cmi.session_time: ISO 8601 duration of this session [SCORM 2004 4th ed. RTE §4.2.24]. */
      setSessionTime: function (ms) {
        return set("cmi.session_time", F.isoDuration(ms));
      },

      /* cmi.exit [SCORM 2004 4th ed. RTE §4.2.8]: "suspend" keeps the attempt for a resume; "normal" ends it. */
      setExit: function (d) {
        done = !!d;
        return set("cmi.exit", done ? "normal" : "suspend");
      },

      /* The learner pressed Exit (not a closed tab): ask the LMS to leave the course too. */
      exitButton: function () {
        exitPressed = true;
      },

      /* Commit("") [SCORM 2004 4th ed. RTE §3.1.7.3]; retried on failure. */
      commit: lms.commit,

      /* Terminate("") once [SCORM 2004 4th ed. RTE §3.1.7.2]. On the Exit button mid-course, first
       * adl.nav.request suspendAll, which keeps the attempt [SCORM 2004 4th ed. SN §4.4]. When
       * done (or in review and browse) no request: cmi.exit "normal" ends the attempt, and the
       * LMS's own navigation takes over; exitAll would be the same request, but Moodle turns it
       * into a sequencing request of its own that fails and answers the final store with an
       * error page (docs/lms-guide.md). */
      finish: function () {
        if (!live()) return false;
        // A refused request is logged, not a refused save: cmi.exit "suspend" keeps the attempt anyway.
        if (exitPressed && !done && mode !== "review" && mode !== "browse" && navSupported() &&
            lms.raw("SetValue", ["adl.nav.request", "suspendAll"]) !== "true") {
          lms.warn("SetValue(adl.nav.request)", lms.lastError());
        }
        if (lms.terminate() === "true") return true;
        // GetLastError is allowed after Terminate [SCORM 2004 4th ed. RTE §3.1.7.6].
        lms.warn("Terminate", lms.lastError());
        return false;
      }
    };
  }

  /* The player's entry point: an adapter when an LMS is found, else null. */
  function launch(win, config, opts) {
    var api = findAPI(win);
    if (!api) return null;
    return create(api, { suspendDataLimit: config.suspendDataLimit, onsave: (opts || {}).onsave, config: config });
  }

  var exported = {
    name: "scorm2004",
    findAPI: findAPI,
    create: create,
    launch: launch,
    record2004: record2004,
    coreStatus: coreStatus,
    progress: progress,
    masteryOf: masteryOf,
    thresholdOf: thresholdOf,
    API_SEARCH_MAX_HOPS: S.API_SEARCH_MAX_HOPS
  };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).scorm2004 = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
