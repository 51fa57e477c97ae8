/* coursebuild runtime: outcome-report.js (pure, no DOM): what the assessment's result screen says
 * of the record, added to outcome.js's API (CourseBuild.outcome.report). In the questions chunk
 * (builder/render/runtime.py CHUNK_OF): only the result screen (player-quiz.js) reads it. */
(function (root) {
  "use strict";

  var O = root ? root.CourseBuild.outcome : require("./outcome.js");

  /* A line of what the learner is told: a catalogue key (templates/theme/i18n) and its values. */
  function line(key, vars) {
    return { key: key, vars: vars || null };
  }

  /* A status the LMS held at launch (status.lms), as the outcome it records: [completion, success]. */
  var HELD = { passed: ["completed", "passed"], completed: ["completed", "unknown"], failed: ["incomplete", "failed"] };

  /* The grade an LMS may keep for good: SuccessFactors copies the score it holds to the grade when
   * the first passed or completed status arrives, and never updates it [SAP KBA 2413378]. A course
   * complete before its final score cannot help it, so the result screen says that grade (report's
   * opts.grade). prev: what was noted (undefined: no such status yet); status: the tracker's
   * status(); holdsScore: SCORM 1.2 (only a complete course has such a status; 2004: a pass too).
   * -> {score: the score then, null for none; undefined when the LMS held the status at launch}. */
  function grade(prev, status, holdsScore) {
    var o = status.outcome;
    if (prev || !status.tracking || status.readOnly) return prev;
    if (O.RANK[status.lms] > 2) return { score: undefined };
    return o.completion === "completed" || (!holdsScore && o.success === "passed") ? { score: o.score } : prev;
  }

  /* What the result screen says of the record [docs/tracking.md, column "the learner is told"]:
   * never a word the LMS does not back. status: the tracker's status(); opts: holdsScore (SCORM
   * 1.2, whose one status gets the score only once the outcome is settled: adapter-scorm12.js),
   * grade (grade(): a score other than the best is said as the grade such an LMS keeps),
   * failedAtEnd (xAPI, cmi5: a fail is sent when the session ends), saveFailed (the last commit
   * failed), resumed (the tracker restored the resume state), skip (a page index left out of the
   * list: the assessment's own). -> {record: [line] (what the LMS holds), next: line | null (what is
   * left to do, shown above the links), lines: record then next, todo: [page indices to open]} */
  function report(status, opts) {
    opts = opts || {};
    var o = status.outcome;
    // Without the resume state (it could not be restored: the course changed, the LMS lost it),
    // the LMS keeps a status this session's facts do not reach (tracking.js never lowers it).
    var held = !opts.resumed && O.RANK[status.lms] > O.rankOf(o) && HELD[status.lms];
    // r: what the LMS holds (the record lines); o: what the learner can still do (the links)
    var r = held ? { completion: held[0], success: held[1], assessment: "pass", outOfAttempts: false } : o;
    var todo = o.assessment === "" && r.completion !== "completed" ? o.remaining.filter(function (i) {
      return i !== opts.skip;
    }) : [];
    var lines = [];
    if (!status.tracking || status.readOnly) lines.push(line("record_off"));
    else if (!status.recorded || opts.saveFailed) lines.push(line("record_unsaved"));
    else if (r.completion === "completed") {
      if (r.success === "passed") lines.push(line("record_complete_passed"));
      else if (r.success === "failed") {
        lines.push(opts.failedAtEnd ? line("record_complete_failed_at_end") : line("record_complete_failed"));
      }
      else lines.push(line("record_complete"));
    } else if (r.success === "failed") {
      var final = r.outOfAttempts && r.assessment === "pass";
      if (opts.failedAtEnd) lines.push(final ? line("record_failed_final_at_end") : line("record_failed_at_end"));
      else if (final) lines.push(line("record_failed_final"));
      else lines.push(opts.holdsScore ? line("record_failed_score_held") : line("record_failed"));
    } else if (r.success === "passed") {
      lines.push(opts.holdsScore ? line("record_score_held") : line("record_passed_incomplete"));
    }
    var g = opts.grade;
    if (lines.length && !held && status.recorded && !opts.saveFailed && g && g.score !== undefined && g.score !== o.score) {
      lines.push(g.score === null ? line("record_grade_none") : line("record_grade_kept", { score: g.score }));
    }
    var next = null;
    if (todo.length) {
      next = o.success === "passed" ? line("record_passed_todo", { n: todo.length }) : line("record_todo", { n: todo.length });
    } else if (o.assessment === "" && o.video && r.completion !== "completed") next = line("record_video_todo");
    var record = lines.slice();
    if (next) lines.push(next);
    return { lines: lines, record: record, next: next, todo: todo };
  }

  O.report = report;
  O.grade = grade;

  if (typeof module !== "undefined") module.exports = O;
})(typeof window !== "undefined" ? window : null);
