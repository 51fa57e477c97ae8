/* coursebuild runtime: state-answers.js (pure, no DOM): the resume state's ANSWER field of the
 * question types state.js hands over (see FORMAT in state.js; builder/render/suspend_budget.py
 * counts by the same rules, tests/js/state.test.js ties the two):
 *   ordering  the arrangement: every item id once, in the order shown     (items)
 *             "" before the learner's first arrangement is set
 *   likert    the chosen scale point's id | "-"                           (1)
 */
(function (root) {
  "use strict";

  var C = root ? root.CourseBuild.stateCodec : require("./state-codec.js");

  /* Is `a` an arrangement of q's items: each item id exactly once? */
  function isArrangement(q, a) {
    if (!a || a.length !== q.items.length) return false;
    return a.slice().sort().join("") === q.items.slice().sort().join("");
  }

  function empty(q) {
    return null;
  }

  function encode(q, a) {
    switch (q.type) {
      case "ordering":
        return isArrangement(q, a) ? a.join("") : "";
      case "likert":
        return a && q.scale.indexOf(a) >= 0 ? a : "-";
      default:
        return C.fail("unknown question type " + q.type);
    }
  }

  function decode(q, text) {
    switch (q.type) {
      case "ordering":
        if (text === "") return null;
        if (!isArrangement(q, text.split(""))) C.fail(); // bad ordering answer
        return text.split("");
      case "likert":
        if (text === "-") return null;
        if (text.length === 1 && q.scale.indexOf(text) >= 0) return text;
        return C.fail(); // bad likert answer
      default:
        return C.fail(); // unknown question type
    }
  }

  var api = { isArrangement: isArrangement, empty: empty, encode: encode, decode: decode };

  if (root) (root.CourseBuild = root.CourseBuild || {}).stateAnswers = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
