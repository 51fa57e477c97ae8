/* coursebuild runtime: formats-answers.js (pure, no DOM): the formats of a learner's answers, added
 * to formats.js's API (CourseBuild.formats): the SCORM 1.2 interaction types and CMIFeedback
 * values (which SCORM 2004 builds on), the CMITime of an answer, a safe CMIIdentifier, a typed
 * number. In the questions chunk (builder/render/runtime.py CHUNK_OF): only an answer, recorded
 * once the chunk has loaded, needs them; the adapters look them up when they record one. */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");

  /* Validation patterns, as enforced by strict LMSs (Moodle scorm_12.js, scorm-again regex.ts): the
   * tests check the values written against them; here, off the launch script. */
  var CMI_TIMESPAN = /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/; // SCORM 1.2 RTE §3.4 CMITimespan
  var CMI_TIME = /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/; // SCORM 1.2 RTE §3.4 CMITime
  var CMI_DECIMAL = /^-?([0-9]{0,3})(\.[0-9]*)?$/;                            // SCORM 1.2 RTE §3.4 CMIDecimal
  var CMI_IDENTIFIER = /^[A-Za-z0-9_-]{1,255}$/; // SCORM 1.2 RTE §3.4 CMIIdentifier, the safe subset

  /* Cut a string to n UTF-16 code units without leaving half a surrogate pair. */
  function truncate(text, n) {
    var s = String(text == null ? "" : text);
    if (s.length <= n) return s;
    s = s.slice(0, n);
    var last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
    return s;
  }

  /* SCORM 1.2 interaction types [SCORM 1.2 RTE §3.4 cmi.interactions.n.type]. */
  var INTERACTION_TYPE_12 = {
    "true-false": "true-false",
    "single": "choice",
    "multiple": "choice",
    "fill-in": "fill-in",
    "matching": "matching",
    "numeric": "numeric",
    "ordering": "sequencing",
    "likert": "likert"
  };

  /* SCORM 1.2 CMITime "HH:MM:SS": the learner's clock time [SCORM 1.2 RTE §3.4]. */
  function time12(date) {
    var d = date instanceof Date ? date : new Date(date);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map(function (n) {
      return (n < 10 ? "0" : "") + n;
    }).join(":");
  }

  /* A safe CMIIdentifier: [A-Za-z0-9_-], 1..255 characters [SCORM 1.2 RTE §3.4], since
   * strict LMSs refuse spaces and dots in interaction and objective ids. */
  function identifier(text) {
    var s = String(text == null ? "" : text).replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 255);
    return s || "_";
  }

  /* Parse what a learner typed into a numeric field: "94", "-3.5", "3,5", "1 000", "94 %". NaN if not a number. */
  function parseDecimal(text) {
    var s = String(text == null ? "" : text).replace(/[\s\u00a0\u202f]/g, "");
    s = s.replace(/(.)%$/, "$1"); // "94 %": a percentage, typed with its sign
    if (/^[+-]?[0-9]*,[0-9]+$/.test(s)) s = s.replace(",", ".");
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return NaN;
    return Number(s);
  }

  function isChoiceId(id) {
    return typeof id === "string" && /^[0-9a-z]$/.test(id);
  }

  /* One SCORM 1.2 CMIFeedback value (student_response or correct_responses.n.pattern)
   * for a neutral value of a question type [SCORM 1.2 RTE §3.4 interactions].
   * Returns "" when the value cannot be expressed. */
  function response12(type, value) {
    var out;
    switch (type) {
      case "true-false":
        if (value === true) return "t";
        if (value === false) return "f";
        return "";
      case "single":
      case "multiple":
        return (value || []).filter(isChoiceId).join(",");
      case "fill-in":
        return truncate(String(value == null ? "" : value).replace(/^\s+|\s+$/g, ""), F.CMI_STRING255);
      case "matching":
        out = [];
        (value || []).forEach(function (pair) {
          if (pair && isChoiceId(pair[0]) && isChoiceId(pair[1])) out.push(pair[0] + "." + pair[1]);
        });
        return out.join(",");
      case "numeric":
        return typeof value === "number" ? F.decimal(value) : "";
      case "ordering": // single characters separated by commas [SCORM 1.2 RTE §3.4 sequencing]
        return (value || []).every(isChoiceId) ? (value || []).join(",") : "";
      case "likert": // one single-character identifier [SCORM 1.2 RTE §3.4 likert]
        return isChoiceId(value) ? value : "";
      default:
        return "";
    }
  }

  /* A recorded answer that earned part of its weight (partial credit, quiz.js credit). */
  function partial(it) {
    return !it.correct && typeof it.credit === "number" && it.credit > 0 && it.credit < 1;
  }

  F.CMI_TIMESPAN = CMI_TIMESPAN;
  F.CMI_TIME = CMI_TIME;
  F.CMI_DECIMAL = CMI_DECIMAL;
  F.CMI_IDENTIFIER = CMI_IDENTIFIER;
  F.truncate = truncate;
  F.INTERACTION_TYPE_12 = INTERACTION_TYPE_12;
  F.time12 = time12;
  F.identifier = identifier;
  F.parseDecimal = parseDecimal;
  F.response12 = response12;
  F.partial = partial;

  if (typeof module !== "undefined") module.exports = F;
})(typeof window !== "undefined" ? window : null);
