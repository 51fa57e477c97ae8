/* coursebuild runtime: state-pretest.js (pure, no DOM): the pre-test's block of the resume state
 * (config.pretest; see FORMAT in state.js). Present only when the course has a pre-test, right
 * after the video field W, before the assessment header A:
 *
 *   P|p|p|...
 *   P  T SS NN AA KK: T "1" once taken, else "0"; SS its score + 1 (2 base-36 digits, "00" =
 *      none: not taken, or a survey); NN questions right, AA questions asked, KK question fields
 *      that follow (each Wp base-36 digits, Wp = digits of the pre-test's question count).
 *   p  one per question asked, in the order asked: I O ANSWER, as a Q field of the assessment
 *      without K (a pre-test's answers are kept only once it is taken, all of them checked).
 *
 * builder/render/suspend_budget.py counts the worst case by the same rules
 * (tests/js/state-pretest.test.js ties the two). A state too long for the limit drops the
 * answers first (KK = 0): the score and the counts stay, the answers are not shown again. */
(function (root) {
  "use strict";

  var C = root ? root.CourseBuild.stateCodec : require("./state-codec.js");
  var SCORE_DIGITS = 2;

  function questions(config) {
    return config.pretest ? config.pretest.questions || [] : [];
  }

  function width(config) {
    return C.digits36(questions(config).length);
  }

  function shuffled(config, q) {
    return !!config.pretest.shuffle && (q.type === "single" || q.type === "multiple");
  }

  function fresh(config) {
    return config.pretest ? { taken: false, score: null, correct: 0, asked: 0, items: [] } : null;
  }

  function score(s) {
    return C.b36(s == null ? 0 : Math.max(0, Math.min(100, Math.floor(s))) + 1, SCORE_DIGITS);
  }

  /* The block's fields (none without a pre-test); encodeAnswer: state.js's. */
  function encode(config, pre, encodeAnswer) {
    if (!config.pretest) return [];
    var w = width(config);
    var qs = questions(config);
    var fields = [(pre.taken ? "1" : "0") + score(pre.score) + C.b36(pre.correct, w) +
      C.b36(pre.asked, w) + C.b36(pre.items.length, w)];
    pre.items.forEach(function (item) {
      var q = qs[item.q];
      fields.push(C.b36(item.q, w) + (shuffled(config, q) ? item.order || q.choices.join("") : "") +
        encodeAnswer(q, item.answer));
    });
    return fields;
  }

  /* The block read from fields[at...]: {pretest, next} (next: the index after it). */
  function decode(config, fields, at, decodeAnswer) {
    if (!config.pretest) return { pretest: null, next: at };
    var w = width(config);
    var qs = questions(config);
    var h = fields[at] || "";
    if (h.length !== 1 + SCORE_DIGITS + 3 * w || "01".indexOf(h.charAt(0)) < 0) C.fail("bad pre-test header");
    var n = C.int36(h.substr(1, SCORE_DIGITS));
    if (n > 101) C.fail("bad pre-test score");
    var pre = {
      taken: h.charAt(0) === "1", score: n === 0 ? null : n - 1,
      correct: C.int36(h.substr(3, w)), asked: C.int36(h.substr(3 + w, w)), items: []
    };
    var kept = C.int36(h.substr(3 + 2 * w, w));
    if (kept > qs.length || at + 1 + kept > fields.length) C.fail("bad pre-test count");
    var seen = {};
    for (var k = 0; k < kept; k++) {
      var f = fields[at + 1 + k];
      var qi = C.int36(f.substr(0, w));
      var q = qs[qi];
      if (!q || seen[qi]) C.fail("bad pre-test question");
      seen[qi] = true;
      var order = shuffled(config, q) ? f.substr(w, q.choices.length) : null;
      if (order !== null && order.split("").sort().join("") !== q.choices.slice().sort().join("")) C.fail("bad choice order");
      pre.items.push({ q: qi, order: order, answer: decodeAnswer(q, f.slice(w + (order ? order.length : 0))) });
    }
    return { pretest: pre, next: at + 1 + kept };
  }

  /* What the fingerprint adds: the pre-test's questions, as state.js lists the assessment's. */
  function shape(config) {
    return questions(config).map(function (q) {
      return "pretest:" + q.id + ":" + q.type + ":" + (q.choices || q.items || q.scale || []).join("") + ":" +
        (q.sources || []).join("") + ":" + (q.targets || []).join("");
    });
  }

  var api = { fresh: fresh, encode: encode, decode: decode, shape: shape, questions: questions };

  if (root) (root.CourseBuild = root.CourseBuild || {}).statePretest = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
