/* coursebuild runtime: tracking-quiz.js (pure, no DOM): the assessment's attempt in the tracking
 * core (tracking.js): drawing, answering, checking (each answer an interaction), scoring,
 * retrying; and the answers never scored (knowledge checks, the pre-test: recordCheck). In the
 * questions chunk (builder/render/runtime.py CHUNK_OF): only a page with questions calls these
 * (the assessment's lock too: asked only on its page and by its view),
 * once the chunk has loaded; tracking.js names them and makes them here on first use. The resume
 * state of an attempt (state.js) stays at launch: a resume, a commit and the exit need it. */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var Q = function () { return CB ? CB.quiz : require("./quiz.js"); };
  var O = CB ? CB.outcome : require("./outcome.js");
  var S = CB ? CB.state : require("./state.js");

  /* Give tracker t its attempt methods; core: what tracking.js shares of its session (the
   * assessment, rng, now, writes, save, milestone, notify, recordAll(list of interactions)). */
  function extend(t, core, config) {
    var assessment = core.assessment;

    /* May the assessment be taken now? Not while pages are unseen, when the author locked it
     * (completion.assessmentOpens "after-pages"). Returns the pages still to open. */
    t.assessmentBlockers = function () {
      if (!assessment || (config.completion || {}).assessmentOpens !== "after-pages") return [];
      var q = t.state.quiz;
      if (q && (q.used > 0 || q.items.length)) return []; // already begun: never lock it again
      var out = [];
      config.pages.forEach(function (p, i) {
        if (p.kind === "page" && !t.state.visited[i]) out.push(i); // (a pre-test may be skipped)
      });
      return out;
    };

    t.attemptsLeft = function () {
      if (!assessment) return 0;
      if (!(assessment.attempts > 0)) return Infinity;
      return Math.max(0, assessment.attempts - t.state.quiz.used);
    };

    t.passed = function () {
      var q = t.state.quiz;
      var pass = O.threshold(config);
      return !!q && q.best !== null && pass !== null && q.best >= pass;
    };

    t.canRetry = function () {
      return !!assessment && t.state.quiz.phase === 1 && !t.passed() && t.attemptsLeft() > 0;
    };

    /* The questions of the attempt the learner would see on reaching the assessment (indexes
     * in assessment.questions): those drawn, else the next attempt's, drawn ahead and kept
     * here, unsaved, for quizBegin; none while a result is shown. So that their files can be
     * fetched, and put in order, before the learner arrives; nothing is recorded until the
     * attempt begins. full: the items themselves (their choice order too), not their indexes. */
    var ahead = null;

    /* Questions drawn that are not a whole attempt come from a resume state cut short (an LMS that
     * kept only the start of cmi.suspend_data): that attempt is drawn again rather than asked
     * and scored on fewer questions; the answers it recorded stay in the LMS. */
    function whole(q) {
      if (q && q.phase !== 1 && q.items.length && q.items.length !== S.drawCount(config)) {
        q.items = [];
        q.current = 0;
      }
      return q;
    }

    t.quizAhead = function (full) {
      var q = whole(t.state.quiz);
      if (!q || q.phase === 1) return [];
      if (!q.items.length) ahead = ahead || Q().draw(assessment, core.rng);
      var items = q.items.length ? q.items : ahead;
      return full ? items : items.map(function (item) {
        return item.q;
      });
    };

    /* Draw the questions of a new attempt if none are drawn yet (those drawn ahead, if any).
     * unsaved: the caller records them with what it saves next (entering the assessment: the
     * page seen, so that the step is one write of the state and one commit, not two writes). */
    t.quizBegin = function (unsaved) {
      var q = whole(t.state.quiz);
      if (!q || q.items.length || q.phase === 1) return false;
      q.items = ahead || Q().draw(assessment, core.rng);
      ahead = null;
      q.current = 0;
      if (!unsaved) core.save();
      return true;
    };

    t.quizAnswer = function (i, answer) {
      var item = t.state.quiz.items[i];
      if (!item || item.checked) return;
      item.answer = answer;
      core.save();
    };

    t.quizMove = function (i) {
      t.state.quiz.current = i;
      core.save();
    };

    /* Check one question: lock it, record it as an interaction, commit (unless batch: the
     * caller checks several and commits once, e.g. with quizFinish). Returns correct. */
    t.quizCheck = function (i, latencyMs, batch) {
      var item = t.state.quiz.items[i];
      var q = assessment.questions[item.q];
      var correct = Q().evaluate(q, item.answer);
      if (item.checked) return correct;
      item.checked = true;
      if (core.writes()) {
        core.recordAll([{
          id: q.interactionId || assessment.id + "-" + q.id,
          type: q.type,
          response: Q().response(q, item.answer),
          patterns: Q().patterns(q),
          correct: Q().graded(q) ? correct : null,
          credit: Q().share(q, item.answer),
          latencyMs: latencyMs,
          time: new Date(core.now()),
          weighting: q.weight || 1
        }]);
      }
      if (!batch) core.milestone();
      return correct;
    };

    /* Answers never scored: a knowledge check's (one), the pre-test's (a list, its result
     * notified: "pretest" {id, score}, tracking-pretest.js). True when recorded. */
    t.recordCheck = function (it, result) {
      if (!core.writes()) return false;
      core.recordAll([].concat(it));
      if (result) core.notify("pretest", result);
      core.milestone();
      return true;
    };

    /* The attempt is over: score it, count it, report it. */
    t.quizFinish = function () {
      var quiz = t.state.quiz;
      if (quiz.phase === 1) return { score: quiz.last };
      // the grade an LMS may keep, noted before and after this score (a SCORM LMS's)
      var scorm = /^scorm/.test(t.adapter.name);
      if (scorm) t.grade = O.grade(t.grade, t.status(), t.adapter.holdsScore);
      var score = Q().score(assessment, quiz.items);
      quiz.used += 1;
      quiz.last = score;
      quiz.best = quiz.best === null ? score : Math.max(quiz.best, score);
      quiz.phase = 1;
      core.milestone();
      if (scorm) t.grade = O.grade(t.grade, t.status(), t.adapter.holdsScore);
      return { score: score };
    };

    t.quizRetry = function () {
      if (!t.canRetry()) return false;
      var quiz = t.state.quiz;
      quiz.phase = 0;
      quiz.items = [];
      quiz.current = 0;
      t.quizBegin();
      return true;
    };
  }

  var api = { extend: extend };

  if (CB) CB.trackingQuiz = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
