/* coursebuild runtime: player-quiz.js: the assessment's view: questions shown in the attempt's
 * order (quiz.js draws and shuffles, the tracking core keeps the attempt), answers read and
 * written back, feedback, the result with what the LMS holds, a locked assessment's to-do list. */
(function (root) {
  "use strict";

  /* ctx: the player's shared state (player.js): config, lang, msg, section, quizPage, tracker,
   * adapter, saveError, nav. */
  function create(ctx) {
    var CB = root.CourseBuild;
    var D = CB.dom;
    var $ = D.$;
    var $$ = D.$$;
    var assessment = ctx.config.assessment;
    var config = ctx.config;
    var tracker = ctx.tracker;
    var msg = ctx.msg;
    var section = ctx.section;
    var quizPage = ctx.quizPage;
    var display = assessment && assessment.display === "one" ? "one" : "all";
    var shownAt = {}; // when each question (by position) was first shown: the answer's latency

    function st() {
      return tracker.state;
    }

    /* What the LMS now holds of the result, and what is left to do (outcome.js report). */
    function renderRecord(panel, l) {
      var r = CB.tracking.report(tracker.status(), {
        holdsScore: ctx.adapter.holdsScore, failedAtEnd: ctx.adapter.failedAtEnd,
        saveFailed: !!ctx.saveError, skip: quizPage
      });
      D.setText($("[data-cb-result-record]", panel), r.record.map(function (x) {
        return msg(x.key, x.vars, l);
      }).join(" "));
      var next = $("[data-cb-result-next]", panel);
      next.hidden = !r.next;
      D.setText(next, r.next ? msg(r.next.key, r.next.vars, l) : "");
      ctx.nav.pageLinks($("[data-cb-result-todo]", panel), r.todo, l);
    }

    /* A locked assessment (completion.assessmentOpens "after-pages"): the pages to open first. */
    function renderLock(form, blockers) {
      var box = $("[data-cb-quiz-locked]", form);
      box.hidden = !blockers.length;
      $("[data-cb-questions]", form).hidden = !!blockers.length;
      if (!blockers.length) return;
      D.setText($("[data-cb-locked-text]", box), msg("quiz_locked", { n: blockers.length }));
      ctx.nav.pageLinks($("[data-cb-locked-todo]", box), blockers, ctx.lang);
      $("[data-cb-result]", form).hidden = true;
      var submit = $("[data-cb-submit]", form);
      if (submit) submit.hidden = true;
    }

    function quizForm(l) {
      var sec = quizPage >= 0 ? section(quizPage, l) : null;
      return sec ? $("[data-cb-quiz]", sec) : null;
    }

    function question(n) {
      return assessment.questions[st().quiz.items[n].q];
    }

    function itemLi(form, n) {
      return $('[data-cb-q="' + question(n).id + '"]', form);
    }

    function itemIndex(li) {
      var id = li.getAttribute("data-cb-q");
      var items = st().quiz.items;
      for (var n = 0; n < items.length; n++) if (assessment.questions[items[n].q].id === id) return n;
      return -1;
    }

    function readAnswer(li, q) {
      var picked = $$("input:checked", li).map(function (el) {
        return el.value;
      });
      switch (q.type) {
        case "true-false":
          return picked[0] === "t" ? true : picked[0] === "f" ? false : null;
        case "single":
        case "likert":
          return picked[0] || null;
        case "ordering":
          return CB.playerOrder.read(li);
        case "multiple":
          return q.choices.filter(function (id) {
            return picked.indexOf(id) >= 0;
          });
        case "matching":
          return q.sources.map(function (s) {
            var sel = $('[data-cb-source="' + s + '"] select', li);
            return sel && sel.value ? sel.value : null;
          });
        default:
          return $("input", li).value;
      }
    }

    function writeAnswer(li, q, a) {
      switch (q.type) {
        case "true-false":
        case "single":
        case "multiple":
        case "likert":
          $$("input", li).forEach(function (el) {
            var v = el.value;
            el.checked = q.type === "true-false" ? (a === true && v === "t") || (a === false && v === "f")
              : q.type === "multiple" ? (a || []).indexOf(v) >= 0 : a === v;
          });
          break;
        case "ordering":
          CB.playerOrder.write(li, q, a);
          break;
        case "matching":
          q.sources.forEach(function (s, k) {
            var sel = $('[data-cb-source="' + s + '"] select', li);
            if (sel) sel.value = (a && a[k]) || "";
          });
          break;
        default:
          var input = $("input", li);
          input.value = a || "";
          input.maxLength = CB.state.maxLength(q);
      }
    }

    /* Is choice `id` right? With a hashed key only the whole answer can be checked: a picked
     * choice of a single or true-false question is as right as the answer (`ok`). */
    function correctChoice(q, id, ok) {
      if (q.hashes) return ok;
      if (q.type === "true-false") return id === (q.correct[0] ? "t" : "f");
      return q.correct.indexOf(id) >= 0;
    }

    function correctPairs(q) {
      var m = {};
      q.correct.forEach(function (p) {
        m[p.split(".")[0]] = p.split(".")[1];
      });
      return m;
    }

    function renderFeedback(li, q, item, l) {
      if (!CB.quiz.graded(q)) return CB.playerOrder.survey(li, item.checked, msg("survey_recorded", null, l));
      var verdict = $("[data-cb-verdict]", li);
      var ok = item.checked && CB.quiz.evaluate(q, item.answer);
      verdict.hidden = !item.checked;
      if (item.checked) D.mark(verdict, ok, msg(ok ? "correct" : "incorrect", null, l));
      $$("[data-cb-fb]", li).forEach(function (p) {
        p.hidden = !item.checked || p.getAttribute("data-cb-fb") !== (ok ? "correct" : "incorrect");
      });
      $$("[data-cb-choice]", li).forEach(function (ch) {
        var id = ch.getAttribute("data-cb-choice");
        var a = item.answer;
        var picked = q.type === "true-false" ? (a === true ? "t" : a === false ? "f" : null) === id
          : q.type === "single" ? a === id : (a || []).indexOf(id) >= 0;
        var shown = item.checked && picked;
        var m = $("[data-cb-mark]", ch);
        // a hashed key cannot tell which of several picked choices is wrong: no mark each
        var right = shown && !(q.hashes && q.type === "multiple") ? correctChoice(q, id, ok) : null;
        if (right !== null) D.mark(m, right, msg(right ? "choice_correct" : "choice_incorrect", null, l));
        else m.textContent = "";
        var fb = $("[data-cb-choice-fb]", ch);
        if (fb) fb.hidden = !shown;
      });
      // a hashed key holds no pairs in the clear: the verdict only, no right match revealed
      if (q.type === "matching" && !q.hashes) {
        var right = correctPairs(q);
        q.sources.forEach(function (s, k) {
          var m = $('[data-cb-source="' + s + '"] [data-cb-mark]', li);
          if (!m) return;
          if (!item.checked) m.textContent = "";
          else if (item.answer[k] === right[s]) D.mark(m, true, msg("correct", null, l));
          else D.mark(m, false, msg("match_incorrect", { answer: targetText(li, s, right[s]) }, l));
        });
      }
    }

    /* The text of a matching question's right target for `source`, as its menu shows it. */
    function targetText(li, source, target) {
      var option = $('[data-cb-source="' + source + '"] option[value="' + target + '"]', li);
      return option ? option.textContent : "";
    }

    function renderQuiz() {
      var form = quizForm(ctx.lang);
      if (!form || !st().quiz) return;
      var blockers = tracker.assessmentBlockers();
      renderLock(form, blockers);
      if (blockers.length) {
        D.setText($("[data-cb-quiz-intro]", form), "");
        return;
      }
      var quiz = st().quiz;
      var items = quiz.items;
      var k = items.length;
      var result = quiz.phase === 1;
      var list = $("[data-cb-questions]", form);
      $$("[data-cb-q]", list).forEach(function (li) {
        li.hidden = true;
      });
      items.forEach(function (item, n) {
        var q = assessment.questions[item.q];
        var li = $('[data-cb-q="' + q.id + '"]', list);
        list.appendChild(li);
        if (item.order) {
          var box = $(".cb-choices", li);
          item.order.split("").forEach(function (id) {
            var ch = $('[data-cb-choice="' + id + '"]', box);
            if (ch) box.appendChild(ch);
          });
        }
        li.hidden = !(result || display === "all" || n === quiz.current);
        D.setText($("[data-cb-qnum]", li), msg("question_of", { n: n + 1, total: k }));
        writeAnswer(li, q, item.answer);
        $("fieldset", li).disabled = item.checked || result;
        renderFeedback(li, q, item, ctx.lang);
        if (display === "one") {
          $("[data-cb-check]", li).hidden = result || item.checked;
          $("[data-cb-nextq]", li).hidden = result || !item.checked || n === k - 1;
          $("[data-cb-finish]", li).hidden = result || !item.checked || n !== k - 1;
        }
        if (!li.hidden && shownAt[n] == null) shownAt[n] = Date.now();
      });
      var submit = $("[data-cb-submit]", form);
      if (submit) submit.hidden = result || k === 0;
      var pass = typeof config.masteryScore === "number" ? config.masteryScore : assessment.passMark;
      var limited = assessment.attempts > 0;
      var attempt = result ? quiz.used : quiz.used + 1;
      D.setText($("[data-cb-quiz-intro]", form), msg("quiz_intro", { count: k, pass: pass }) + " " +
        (limited ? msg("quiz_attempt", { n: attempt, total: assessment.attempts }) : msg("quiz_attempt_unlimited", { n: attempt })));
      var panel = $("[data-cb-result]", form);
      panel.hidden = !result;
      if (result) {
        var passed = quiz.last !== null && quiz.last >= pass;
        var score = $("[data-cb-result-score]", panel);
        if (quiz.last === null) D.setText(score, msg("survey_done")); // a survey: no score (docs/tracking.md)
        else D.mark(score, passed, msg("result_score", { score: quiz.last }) + " \u2013 " + msg(passed ? "result_passed" : "result_failed"));
        var lines = [msg("result_pass_mark", { pass: pass })];
        if (!tracker.passed()) {
          var left = tracker.attemptsLeft();
          lines.push(left === Infinity ? msg("attempts_unlimited") : left > 0 ? msg("attempts_left", { n: left }) : msg("attempts_none"));
        }
        if (k) lines.push(msg("result_review"));
        D.setText($("[data-cb-result-text]", panel), lines.join(" "));
        renderRecord(panel, ctx.lang);
        $("[data-cb-retry]", panel).hidden = !tracker.canRetry();
      }
    }

    function afterQuizChange() {
      renderQuiz();
      ctx.nav.renderChrome();
      ctx.nav.renderStatus();
    }

    function focusQuestion(form, n) {
      var li = itemLi(form, n);
      if (li) $("fieldset", li).focus();
    }

    function check(form, li) {
      var n = itemIndex(li);
      if (n < 0 || st().quiz.items[n].checked) return;
      var q = question(n);
      var answer = readAnswer(li, q);
      tracker.quizAnswer(n, answer);
      var feedback = $("[data-cb-feedback]", li);
      if (!CB.quiz.isAnswered(q, answer)) {
        var verdict = $("[data-cb-verdict]", li);
        verdict.hidden = false;
        D.mark(verdict, false, msg("need_answer"));
        feedback.focus();
        return;
      }
      tracker.quizCheck(n, Date.now() - (shownAt[n] || Date.now()));
      afterQuizChange();
      feedback.focus();
    }

    function submitAll(form) {
      var items = st().quiz.items;
      var missing = [];
      items.forEach(function (item, n) {
        var q = question(n);
        var answer = readAnswer(itemLi(form, n), q);
        tracker.quizAnswer(n, answer);
        if (!CB.quiz.isAnswered(q, answer)) missing.push(n + 1);
      });
      var error = $("[data-cb-error]", form);
      if (missing.length) {
        error.hidden = false;
        D.mark(error, false, msg("need_all_answers", { list: missing.join(", ") }));
        error.focus();
        return;
      }
      error.hidden = true;
      items.forEach(function (item, n) {
        tracker.quizCheck(n, Date.now() - (shownAt[n] || Date.now()), true);
      });
      finish(form);
    }

    function finish(form) {
      tracker.quizFinish();
      afterQuizChange();
      $("[data-cb-result-heading]", form).focus();
    }

    function bindQuiz(form) {
      function noteAnswer(e) {
        var li = e.target.closest("[data-cb-q]");
        var n = li ? itemIndex(li) : -1;
        if (n >= 0) tracker.quizAnswer(n, readAnswer(li, question(n)));
      }
      form.addEventListener("change", noteAnswer);
      // and as it is typed: a text field fires "change" only when it loses the focus, so an
      // answer typed just before the learner leaves would not be in the resume state
      form.addEventListener("input", noteAnswer);
      function submit() {
        if (st().quiz.phase === 1) return;
        if (display === "all") submitAll(form);
        else {
          var li = itemLi(form, st().quiz.current);
          if (li) check(form, li);
        }
      }
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        submit();
      });
      // Enter in a text answer checks it (a form with several text fields has no implicit submission)
      form.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" || e.target.type !== "text") return;
        e.preventDefault();
        tracker.quizAnswer(itemIndex(e.target.closest("[data-cb-q]")), e.target.value);
        submit();
      });
      form.addEventListener("click", function (e) {
        var b = e.target.closest("button");
        if (!b || b.type === "submit") return;
        var li = b.closest("[data-cb-q]");
        if (b.hasAttribute("data-cb-move")) {
          var moved = CB.playerOrder.move(li, question(itemIndex(li)), b, msg);
          if (moved) tracker.quizAnswer(itemIndex(li), moved);
        } else if (b.hasAttribute("data-cb-check")) check(form, li);
        else if (b.hasAttribute("data-cb-nextq")) {
          tracker.quizMove(itemIndex(li) + 1);
          renderQuiz();
          focusQuestion(form, st().quiz.current);
        } else if (b.hasAttribute("data-cb-finish")) finish(form);
        else if (b.hasAttribute("data-cb-retry")) {
          if (!tracker.quizRetry()) return;
          shownAt = {};
          $("[data-cb-error]", form).hidden = true;
          afterQuizChange();
          focusQuestion(form, 0);
        }
      });
    }

    /* A new attempt began: its questions are timed from when they show. */
    function restart() {
      shownAt = {};
    }

    return { form: quizForm, render: renderQuiz, renderRecord: renderRecord, bind: bindQuiz, restart: restart };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerQuiz = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
