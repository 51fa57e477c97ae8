/* coursebuild runtime: player-review.js: what a checked question shows, by the assessment's
 * `feedback` (immediate: after each check; attempt: in the review after the result; never: no
 * verdict at all) and `reveal` (whether the correct answers are shown with a verdict). What is
 * not to be shown is left out of the page, not hidden: a screen reader or a copy of the page
 * text finds no verdict, no mark and no right match before the mode shows them. */
(function (root) {
  "use strict";

  /* The assessment's feedback mode; without one, what the display did before the key existed:
   * one question at a time checks each as it goes, all on one page reviews after the submit. */
  function mode(assessment) {
    var f = assessment && assessment.feedback;
    if (f === "immediate" || f === "attempt" || f === "never") return f;
    return assessment && assessment.display === "all" ? "attempt" : "immediate";
  }

  /* ctx: msg (the catalogue), dom (player-dom.js), quiz (quiz.js), assessment. */
  function create(ctx) {
    var D = ctx.dom;
    var $ = D.$;
    var $$ = D.$$;
    var msg = ctx.msg;
    var feedback = mode(ctx.assessment);
    var reveal = !ctx.assessment || ctx.assessment.reveal !== false;

    /* Does a checked question show its verdict now (result: the attempt's result is shown)? */
    function shows(item, result) {
      return item.checked && (feedback === "immediate" || (feedback === "attempt" && result));
    }

    function correctChoice(q, id) {
      if (q.type === "true-false") return id === (q.correct[0] ? "t" : "f");
      return q.correct.indexOf(id) >= 0;
    }

    /* The text of a matching question's right target for `source`, as its menu shows it. */
    function targetText(li, source, target) {
      var option = $('[data-cb-source="' + source + '"] option[value="' + target + '"]', li);
      return option ? option.textContent : "";
    }

    /* Only what changes is written (player-questions.js): most marks are empty already. */
    function put(el, prop, value) {
      root.CourseBuild.playerQuestions.put(el, prop, value);
    }

    function clear(el) {
      if (el.firstChild) el.textContent = "";
      if (el.classList.contains("cb-ok") || el.classList.contains("cb-bad")) el.classList.remove("cb-ok", "cb-bad");
    }

    function picked(q, a, id) {
      if (q.type === "true-false") return (a === true ? "t" : a === false ? "f" : null) === id;
      return q.type === "single" ? a === id : (a || []).indexOf(id) >= 0;
    }

    /* Each picked choice marked right or wrong (reveal only), its own feedback shown. */
    function renderChoices(li, q, item, shown, l) {
      $$("[data-cb-choice]", li).forEach(function (ch) {
        var id = ch.getAttribute("data-cb-choice");
        var mine = shown && picked(q, item.answer, id);
        var m = $("[data-cb-mark]", ch);
        if (mine && reveal) {
          var ok = correctChoice(q, id);
          D.mark(m, ok, msg(ok ? "choice_correct" : "choice_incorrect", null, l));
        } else clear(m);
        put($("[data-cb-choice-fb]", ch), "hidden", !mine);
      });
    }

    /* Each pair marked, a wrong one naming its right match: only when the mode reveals. */
    function renderPairs(li, q, item, shown, l) {
      var right = reveal ? ctx.quiz.pairMap(q) : null; // (a hashed key has no pairs to reveal)
      q.sources.forEach(function (s, k) {
        var m = $('[data-cb-source="' + s + '"] [data-cb-mark]', li);
        if (!m) return;
        if (!shown || !reveal) clear(m);
        else if (item.answer[k] === right[s]) D.mark(m, true, msg("correct", null, l));
        else D.mark(m, false, msg("match_incorrect", { answer: targetText(li, s, right[s]) }, l));
      });
    }

    /* A question's verdict, feedback and marks as the mode shows them now. */
    function render(li, q, item, l, result) {
      // A survey question has no verdict: only that its answer is recorded.
      if (!ctx.quiz.graded(q)) return root.CourseBuild.playerOrder.survey(li, item.checked, msg("survey_recorded", null, l));
      var shown = shows(item, result);
      var ok = shown && ctx.quiz.evaluate(q, item.answer);
      var box = $("[data-cb-feedback]", li);
      // Only checking one question at a time announces its verdict; a review is read in turn.
      var live = feedback === "immediate" ? "polite" : "off";
      if (box.getAttribute("aria-live") !== live) box.setAttribute("aria-live", live);
      var verdict = $("[data-cb-verdict]", li);
      if (shown) D.mark(verdict, ok, msg(ok ? "correct" : "incorrect", null, l));
      else if (item.checked) clear(verdict); // (unchecked, it may say that an answer is needed)
      put(verdict, "hidden", !shown);
      $$("[data-cb-fb]", li).forEach(function (p) {
        put(p, "hidden", !shown || p.getAttribute("data-cb-fb") !== (ok ? "correct" : "incorrect"));
      });
      renderChoices(li, q, item, shown, l);
      if (q.type === "matching") renderPairs(li, q, item, shown, l);
    }

    /* The result's text: the pass mark, the attempts left (left: null once passed), then what
     * shows below it: the answers, or none when the resume state kept none of them (an LMS that
     * refused the state with them): the LMS holds the result alone, and the learner reads that. */
    function resultText(pass, left, k) {
      var lines = [msg("result_pass_mark", { pass: pass })];
      if (left !== null) lines.push(left === Infinity ? msg("attempts_unlimited") : left > 0 ? msg("attempts_left", { n: left }) : msg("attempts_none"));
      var judged = feedback !== "never"; // never: the answers, without a verdict
      lines.push(!k ? msg("result_answers_lost") : msg(judged ? "result_review" : "result_answers"));
      return lines.join(" ");
    }

    return { mode: feedback, reveal: reveal, render: render, resultText: resultText };
  }

  var api = { create: create, mode: mode };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerReview = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
