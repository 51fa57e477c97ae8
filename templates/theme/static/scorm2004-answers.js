/* coursebuild runtime: scorm2004-answers.js: a SCORM 2004 package's answers recorded as
 * cmi.interactions.n.*, added to scorm-common.js's API (CourseBuild.scorm.interaction2004) for
 * adapter-scorm2004.js. In the questions chunk (builder/render/runtime.py CHUNK_OF): only an
 * answer, given once the chunk has loaded, is recorded. */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");
  var S = root ? root.CourseBuild.scorm : require("./scorm-common.js");

  var TEXT_MAX = 250;            // one fill-in string, SPM 250 [SCORM 2004 4th ed. RTE §4.2.9.2 localized_string]
  var PATTERNS_MAX = { "fill-in": 5 }; // correct_responses SPM per type [SCORM 2004 4th ed. RTE §4.2.9.1]
  /* A pattern every LMS takes. forma.lms checks correct_responses.n.pattern as an identifier and
   * refuses - _ . ! ~ * ' ( ) with 406 (docs/lms-guide.md); a pattern with one of them (a
   * matching pair's "[.]", a decimal, punctuation in a fill-in answer) is not sent: it is optional
   * [SCORM 2004 4th ed. RTE §4.2.9.1], and the result, the response and the xAPI definitions keep the answer key. */
  var PORTABLE_PATTERN = /^[^\-_.!~*'()]*$/;
  /* cmi.interactions holds at least 250 records [SCORM 2004 4th ed. RTE §4.2.9, SPM 250]: an LMS may
   * refuse more. A record past it refused (any of its fields) is not a refused save: the answer is
   * not recorded, the score and status are, and no more answers are tried in this session. */
  var INTERACTIONS_SPM = 250;

  /* ISO 8601 time in UTC, hundredths of a second: "2026-11-21T10:11:12.34Z" [SCORM 2004 4th ed. RTE §4.1.1.6;
   * the zone designator may only follow the fractional seconds]. */
  function time2004(date) {
    var d = date instanceof Date ? date : new Date(date);
    return (isNaN(d) ? new Date() : d).toISOString().slice(0, 22) + "Z"; // from ...:12.345Z
  }

  /* A fill-in string: trimmed, no "[,]" (the 2004 list delimiter), at most 250 characters. A
   * leading "{" would open a delimiter ({lang=fr}, {case_matters=true}), and a strict LMS refuses
   * a string that starts with one (406) [SCORM 2004 4th ed. RTE §4.2.9.2]: a space keeps it text. */
  function text(value) {
    var s = String(value == null ? "" : value).split("[,]").join(",").replace(/^\s+|\s+$/g, "");
    return F.truncate(s.charAt(0) === "{" ? " " + s : s, TEXT_MAX);
  }

  /* learner_response for a neutral value (formats.js) [SCORM 2004 4th ed. RTE §4.2.9.2]; "" when not expressible. */
  function response2004(type, value) {
    if (type === "true-false") return value === true ? "true" : value === false ? "false" : "";
    if (type === "fill-in") return text(value);
    // Choice and matching ids are [0-9a-z]: the 1.2 value ("a,c", "1.a,2.b"), 2004 delimiters.
    var v = F.response12(type, value);
    return type === "numeric" ? v : v.split(",").join("[,]").split(".").join("[.]");
  }

  /* correct_responses.n.pattern [SCORM 2004 4th ed. RTE §4.2.9.1]: a fill-in answer as it is (case_matters is false
   * unless said); a numeric answer is the range "min[:]max". */
  function pattern2004(type, value) {
    if (type === "fill-in") return text(value);
    if (type === "numeric") {
      var n = response2004(type, value);
      return n ? n + "[:]" + n : "";
    }
    return response2004(type, value);
  }

  /* One checked question as cmi.interactions.n.*, n = _count, id first [SCORM 2004 4th ed. RTE §4.2.9];
   * lms: the adapter's session (scorm-common.js session). */
  function interaction2004(lms, it) {
    var p = lms.full ? null : lms.nextInteraction();
    if (p === null) return null; // no interactions in this LMS: nothing to try again
    var past = +p.split(".")[2] >= INTERACTIONS_SPM;
    /* Past the SPM, a refusal of any field (not only the id) is the LMS's limit: logged, then
     * nothing more tried in this session. */
    function put(field, value) {
      if (!past) return lms.set(p + field, value);
      if (lms.full) return false;
      if (lms.raw("SetValue", [p + field, value]) === "true") return true;
      lms.warn("SetValue(" + p + field + ") past the " + INTERACTIONS_SPM + " interactions every LMS keeps", lms.lastError());
      lms.full = true;
      return false;
    }
    if (!put("id", F.identifier(it.id))) return past ? null : false;
    // the 1.2 names are the same [SCORM 2004 4th ed. RTE §4.2.9 cmi.interactions.n.type]
    put("type", F.INTERACTION_TYPE_12[it.type]);
    put("timestamp", time2004(it.time));
    put("weighting", F.decimal(it.weighting == null ? 1 : it.weighting));
    var answer = response2004(it.type, it.response);
    if (answer !== "") put("learner_response", answer);
    var n = 0;
    var max = PATTERNS_MAX[it.type] || 1;
    (it.patterns || []).forEach(function (v) {
      var pattern = pattern2004(it.type, v);
      if (pattern !== "" && PORTABLE_PATTERN.test(pattern) && n < max) {
        put("correct_responses." + n++ + ".pattern", pattern);
      }
    });
    // a survey answer (correct null) is "neutral"; a partly right answer its credit, 0 to 1,
    // as a real number [SCORM 2004 4th ed. RTE §4.2.9 cmi.interactions.n.result: correct,
    // incorrect, unanticipated, neutral or real(10,7)]
    put("result", it.correct === null ? "neutral" : it.correct ? "correct" : F.partial(it) ? F.decimal(it.credit) : "incorrect");
    put("latency", F.isoDuration(it.latencyMs));
    return past && lms.full ? null : true;
  }

  S.interaction2004 = interaction2004;

  var api = { interaction2004: interaction2004, time2004: time2004, response2004: response2004, pattern2004: pattern2004 };
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
