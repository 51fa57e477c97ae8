/* coursebuild runtime: tracking-pretest.js (pure, no DOM): the pre-test taken (config.pretest).
 * ONE attempt: its score is kept in the resume state (state-pretest.js) with its answers, so its
 * result shows again after a resume; each answer is an interaction with the pre-test's ids,
 * weighted as its question, and the adapters hear "pretest" {id, score} (xAPI, cmi5: a `scored`
 * statement on the pre-test's activity). Never the course's score, status or completion: those
 * come from the final assessment alone (docs/tracking.md). */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var Q = CB ? CB.quiz : require("./quiz.js");

  /* The result of answers `items` ({q, answer}): score (percent, null for a survey), questions
   * right and graded questions asked. */
  function result(pretest, items) {
    var correct = 0;
    var asked = 0;
    items.forEach(function (it) {
      var q = pretest.questions[it.q];
      if (!Q.graded(q)) return;
      asked += 1;
      if (Q.evaluate(q, it.answer)) correct += 1;
    });
    return { score: asked ? Q.score(pretest, items) : null, correct: correct, asked: asked };
  }

  /* Take the pre-test with answers `items` ({q, order, answer}, as quiz.js draws them) and each
   * answer's latency in ms. Once: a pre-test taken stays as it was. Returns the tracker's state
   * of it ({taken, score, correct, asked, items}). */
  function take(tracker, config, items, latencies, now) {
    var pretest = config.pretest;
    var st = tracker.state.pretest;
    if (!pretest || !st || st.taken) return st;
    var r = result(pretest, items);
    st.taken = true;
    st.score = r.score;
    st.correct = r.correct;
    st.asked = r.asked;
    st.items = items.map(function (it) {
      return { q: it.q, order: it.order || null, answer: it.answer };
    });
    var time = new Date(now);
    tracker.recordCheck(items.map(function (it, n) {
      var q = pretest.questions[it.q];
      return {
        id: q.interactionId,
        type: q.type,
        response: Q.response(q, it.answer),
        patterns: Q.patterns(q),
        correct: Q.graded(q) ? Q.evaluate(q, it.answer) : null,
        credit: Q.share(q, it.answer),
        latencyMs: latencies[n] || 0,
        time: time,
        weighting: q.weight || 1
      };
    }), { id: pretest.id, score: r.score });
    return st;
  }

  var api = { result: result, take: take };

  if (CB) CB.trackingPretest = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
