/* coursebuild runtime: outcome.js (pure, no DOM): the truth table of docs/tracking.md.
 *
 * decide() turns the course's completion rule, its mastery score and what the learner did into
 * one outcome (completion and success apart); every adapter maps that outcome to its own data
 * model (adapter-scorm12.js record12, adapter-scorm2004.js record2004, adapter-xapi.js
 * recordXapi); report() says what the result screen tells the learner of it.
 * tests/js/truth-table.test.js walks the table's rows through this file and the adapters. */
(function (root) {
  "use strict";

  /* The pass threshold: the mastery score when set (it is what the LMS judges by at
   * LMSFinish [SCORM 1.2 RTE §3.4 cmi.core.lesson_status]), else the assessment's pass mark. */
  function threshold(config) {
    if (typeof config.masteryScore === "number") return config.masteryScore;
    return config.assessment ? config.assessment.passMark : null;
  }

  /* THE decision (docs/tracking.md, the truth table; tests/js/truth-table.test.js walks it).
   * A survey-only assessment (likert questions alone) never has a score: a used attempt is it done.
   * facts: {seen: [bool per page], videosOk, best (score or null), used (attempts used)}.
   * Returns the outcome every adapter maps to its own data model:
   *   completion  "completed" when the course's completion rule is met, else "incomplete";
   *   success     "passed" | "failed" from the best score against the threshold, "unknown"
   *               before any score;
   *   score       the best score (0..100) or null;
   *   remaining   indices of the pages still to open (when the rule asks for every page);
   *   video       true while a video still has to be watched;
   *   assessment  what the rule still asks of the assessment: "" | "attempt" | "pass";
   *   outOfAttempts  the last attempt is used and the best score did not pass;
   *   done        nothing the learner can still do changes the outcome (exit "normal"). */
  function decide(config, facts) {
    var rule = config.completion || {};
    var pass = threshold(config);
    var hasScore = typeof facts.best === "number";
    var success = !hasScore || pass === null ? "unknown" : facts.best >= pass ? "passed" : "failed";
    var need = config.assessment ? rule.assessment || "none" : "none";
    var left = need === "passed" && success !== "passed" ? "pass" : need === "attempted" && !hasScore && !(facts.used > 0) ? "attempt" : "";
    var remaining = [];
    if (rule.pages !== "none") {
      (facts.seen || []).forEach(function (seen, i) {
        if (!seen && ((config.pages || [])[i] || {}).kind !== "pretest") remaining.push(i); // skippable
      });
    }
    var limit = config.assessment ? config.assessment.attempts : 0;
    var outOfAttempts = success !== "passed" && limit > 0 && facts.used >= limit;
    var complete = !remaining.length && !!facts.videosOk && !left;
    return {
      completion: complete ? "completed" : "incomplete",
      success: success,
      score: hasScore ? facts.best : null,
      remaining: remaining,
      video: !facts.videosOk,
      assessment: left,
      outOfAttempts: outOfAttempts,
      done: complete || (outOfAttempts && left === "pass")
    };
  }

  /* How far an outcome goes, to never lower what the LMS holds from a session whose resume state
   * could not be restored (the course changed): completed and passed 4, completed 3, failed 2,
   * incomplete 1. The LMS's status at launch is ranked by the same scale. */
  var RANK = { "incomplete": 1, "failed": 2, "completed": 3, "passed": 4 };

  function rankOf(outcome) {
    // RANK's values, written out: this file is in every package's launch script (its budget)
    var s = outcome.success;
    return outcome.completion === "completed" ? (s === "passed" ? 4 : 3) : s === "failed" ? 2 : 1;
  }

  /* A line of what the learner is told: a catalogue key (templates/theme/i18n) and its values. */
  function line(key, vars) {
    return { key: key, vars: vars || null };
  }

  /* What the status line says of the session [docs/tracking.md, "Saving"]: never "saved" while
   * the LMS's last answer refused the data. opts: found (an LMS), ended, greeting (a resume),
   * error (the LMS's refusal {code, text, final}; null once a commit is taken; code 0: no
   * answer, and final too: the xAPI State document could not be read at launch, said in words,
   * never as "error 0"). -> [line] */
  function statusLines(status, opts) {
    var s = status, e = opts.error, out = [];
    var said = e && { error: e.code + (e.text ? " \u2013 " + e.text : "") };
    if (opts.ended) {
      if (!s.tracking || s.readOnly) out.push(line("session_ended_off"));
      else out.push(s.recorded && !e ? line("session_ended") : line("session_ended_unsaved"));
    } else if (!opts.found) out.push(line("tracking_off"));
    else if (!s.tracking) out.push(line("tracking_failed"));
    else if (s.readOnly) out.push(s.mode === "browse" ? line("tracking_browse") : line("tracking_review"));
    // the adapter may name what it says (xAPI: a resend it cannot confirm, an LRS never read)
    else if (e) out.push(line(e.key || (+e.code ? e.final ? "save_lost" : "save_refused" : e.final ? "save_unread" : "save_no_answer"), said));
    else if (!s.recorded) out.push(line("save_failed"));
    else {
      out.push(line("tracking_on"));
      if (opts.greeting) out.push(line("resumed"));
    }
    // complete as the LMS holds it: held at launch (tracking never lowers it), or reached now
    if (!opts.ended && (RANK[s.lms] > 2 || s.outcome.completion === "completed")) out.push(line("course_complete"));
    return out;
  }

  var api = { RANK: RANK, decide: decide, rankOf: rankOf, threshold: threshold, statusLines: statusLines };

  if (root) root.CourseBuild.outcome = api;
  if (typeof module !== "undefined") {
    module.exports = api;
    require("./outcome-report.js"); // in a browser, the questions chunk adds report()
  }
})(typeof window !== "undefined" ? window : null);
