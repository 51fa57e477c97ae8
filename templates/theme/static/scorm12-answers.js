/* coursebuild runtime: scorm12-answers.js: a SCORM 1.2 package's answers recorded as
 * cmi.interactions.n.*, added to scorm-common.js's API (CourseBuild.scorm.interaction12) for
 * adapter-scorm12.js. In the questions chunk (builder/render/runtime.py CHUNK_OF): only an answer,
 * given once the chunk has loaded, is recorded. */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");
  var S = root ? root.CourseBuild.scorm : require("./scorm-common.js");

  var FILL_IN_PATTERNS_MAX = 10;

  /* One answered question as cmi.interactions.n.* with n = _count, id first [SCORM 1.2 RTE §3.4];
   * lms: the adapter's session (scorm-common.js session). */
  function interaction12(lms, it) {
    var p = lms.nextInteraction();
    if (p === null) return null; // no interactions in this LMS: nothing to try again
    if (!lms.set(p + "id", F.identifier(it.id))) return false;
    lms.set(p + "type", F.INTERACTION_TYPE_12[it.type]);
    lms.set(p + "time", F.time12(it.time));
    lms.set(p + "weighting", F.decimal(it.weighting == null ? 1 : it.weighting));
    var answer = F.response12(it.type, it.response);
    if (answer !== "") lms.set(p + "student_response", answer);
    var n = 0;
    (it.patterns || []).forEach(function (v) {
      var pattern = F.response12(it.type, v);
      if (pattern !== "" && n < FILL_IN_PATTERNS_MAX) lms.set(p + "correct_responses." + n++ + ".pattern", pattern);
    });
    // a survey answer (correct null) is "neutral"; a partly right answer its credit, 0 to
    // 1, as a CMIDecimal [SCORM 1.2 RTE §3.4.2 cmi.interactions.n.result: correct, wrong,
    // unanticipated, neutral or a CMIDecimal]
    lms.set(p + "result", it.correct === null ? "neutral" : it.correct ? "correct" : F.partial(it) ? F.decimal(it.credit) : "wrong");
    lms.set(p + "latency", F.timespan12(it.latencyMs));
    return true;
  }

  S.interaction12 = interaction12;

  if (typeof module !== "undefined") module.exports = S;
})(typeof window !== "undefined" ? window : null);
