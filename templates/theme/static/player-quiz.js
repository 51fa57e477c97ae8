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
    var review = CB.playerReview.create({ msg: msg, dom: D, quiz: CB.quiz, assessment: assessment });
    var deferred = review.mode !== "immediate"; // no verdict until the result, or never
    var shownAt = {}; // when each question (by position) was first shown: the answer's latency
    var W = CB.playerQuestions; // every write here is one that changes something (W.put)

    function st() {
      return tracker.state;
    }

    function passMark() {
      return typeof config.masteryScore === "number" ? config.masteryScore : assessment.passMark;
    }

    /* What the LMS now holds of the result, and what is left to do (outcome.js report); the
     * result's text says the answers are not kept once the LMS refused them (saveError.answers),
     * as the next launch will. */
    function renderRecord(panel, l) {
      var k = ctx.saveError && ctx.saveError.answers ? 0 : st().quiz.items.length;
      D.setText($("[data-cb-result-text]", panel), review.resultText(passMark(), tracker.passed() ? null : tracker.attemptsLeft(), k));
      var r = CB.tracking.report(tracker.status(), {
        holdsScore: ctx.adapter.holdsScore, failedAtEnd: ctx.adapter.failedAtEnd, resumed: tracker.resumed,
        saveFailed: !!ctx.saveError && !ctx.saveError.kept, skip: quizPage, grade: tracker.grade
      });
      D.setText($("[data-cb-result-record]", panel), r.record.map(function (x) {
        return msg(x.key, x.vars, l);
      }).join(" "));
      var next = $("[data-cb-result-next]", panel);
      next.hidden = !r.next;
      D.setText(next, r.next ? msg(r.next.key, r.next.vars, l) : "");
      W.links(ctx, $("[data-cb-result-todo]", panel), r.todo, l);
    }

    /* A locked assessment (completion.assessmentOpens "after-pages"): the pages to open first. */
    function renderLock(form, blockers) {
      var box = $("[data-cb-quiz-locked]", form);
      W.put(box, "hidden", !blockers.length);
      W.put($("[data-cb-questions]", form), "hidden", !!blockers.length);
      if (!blockers.length) return;
      D.setText($("[data-cb-locked-text]", box), msg("quiz_locked", { n: blockers.length }));
      W.links(ctx, $("[data-cb-locked-todo]", box), blockers, ctx.lang);
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

    var lis = {}; // language -> {form, byId}: each question's <li> in that form, found once

    function questionLi(form, id) {
      var c = lis[ctx.lang];
      if (!c || c.form !== form) {
        c = lis[ctx.lang] = { form: form, byId: {} };
        $$("[data-cb-q]", form).forEach(function (li) {
          c.byId[li.getAttribute("data-cb-q")] = li;
        });
      }
      return c.byId[id] || null;
    }

    function itemLi(form, n) {
      return questionLi(form, question(n).id);
    }

    function itemIndex(li) {
      var id = li.getAttribute("data-cb-q");
      var items = st().quiz.items;
      for (var n = 0; n < items.length; n++) if (assessment.questions[items[n].q].id === id) return n;
      return -1;
    }

    /* A long course's drawn pool may be split into files (config.assessment.questionFiles,
     * docs/runtime-contract.md "Question files"): the attempt's questions are fetched first, and
     * until every one is in place nothing of the attempt shows, so nothing can be answered,
     * submitted or recorded; a file that cannot be fetched is said, and the next render (the
     * learner coming back to the page) fetches again. */
    var fetching = false;
    var focusAfter = null; // the question to focus once its file has come (a retry)

    function missing(form) {
      return st().quiz.items.map(function (item) {
        return assessment.questions[item.q].id;
      }).filter(function (id) {
        return !questionLi(form, id);
      });
    }

    /* The attempt's questions last in the list, in its order, their choices in the order drawn. */
    function place(form, items) {
      var els = items.map(function (item) {
        var li = questionLi(form, assessment.questions[item.q].id);
        var box = li && item.order && $(".cb-choices", li);
        if (box) W.arrange(box, item.order.split("").map(function (id) {
          return $('[data-cb-choice="' + id + '"]', box);
        }));
        return li;
      });
      W.arrange($("[data-cb-questions]", form), els);
      return els;
    }

    /* The learner is one page away: the files of the questions they would see are fetched
     * now, quietly (those in place are skipped; one that fails is fetched again when the
     * assessment shows), and put in the attempt's order, so that Next moves none of them. */
    function ahead() {
      if (!quizForm(ctx.lang)) return;
      var items = tracker.quizAhead(true);
      var files = assessment.questionFiles && fetchQuestions(items.map(function (item) {
        return assessment.questions[item.q].id;
      }));
      Promise.resolve(files).then(function () {
        var form = quizForm(ctx.lang);
        if (form) place(form, items);
      });
    }

    /* Resolves true once the files of questions `ids` are in every language's list. */
    function fetchQuestions(ids) {
      return CB.pageFiles.questions(ctx.doc, assessment.questionFiles, ctx.langs, ids, function (l) {
        return $("[data-cb-questions]", quizForm(l));
      }).then(function (ok) {
        lis = {}; // the new <li>s are found afresh
        return ok;
      });
    }

    function drawnInPlace(form) {
      var ids = assessment.questionFiles ? missing(form) : [];
      var error = $("[data-cb-error]", form);
      if (!ids.length) {
        if (error.hasAttribute("data-cb-files")) error.hidden = true;
        error.removeAttribute("data-cb-files");
        return true;
      }
      $("[data-cb-questions]", form).hidden = true;
      $("[data-cb-result]", form).hidden = true;
      var submit = $("[data-cb-submit]", form);
      if (submit) submit.hidden = true;
      if (fetching) return false;
      fetching = true;
      var main = ctx.doc.getElementById("cb-main");
      main.setAttribute("aria-busy", "true");
      fetchQuestions(ids).then(function (ok) {
        fetching = false;
        main.removeAttribute("aria-busy");
        if (!ctx.nav.visible() || ctx.nav.visible() !== ctx.section(quizPage)) return;
        if (ok) {
          afterQuizChange();
          if (focusAfter !== null) focusQuestion(quizForm(ctx.lang), focusAfter);
          focusAfter = null;
        } else {
          var shown = $("[data-cb-error]", quizForm(ctx.lang));
          shown.setAttribute("data-cb-files", "");
          shown.hidden = false;
          D.mark(shown, false, msg("part_load_failed"));
          D.setText(ctx.doc.getElementById("cb-status"), msg("part_load_failed"));
        }
        ctx.nav.usable(); // the questions (or the word that they failed) are on screen
      });
      return false;
    }

    var readAnswer = W.read;
    var writeAnswer = W.write;
    var put = W.put;

    function renderQuiz() {
      var form = quizForm(ctx.lang);
      if (!form || !st().quiz) return;
      var blockers = tracker.assessmentBlockers();
      renderLock(form, blockers);
      if (blockers.length) {
        D.setText($("[data-cb-quiz-intro]", form), "");
        return;
      }
      if (!drawnInPlace(form)) return;
      var quiz = st().quiz;
      var items = quiz.items;
      var k = items.length;
      var result = quiz.phase === 1;
      // a pool may hold hundreds of questions: only those on screen are looked at
      var showing = $$("[data-cb-q]:not([hidden])", $("[data-cb-questions]", form));
      var placed = place(form, items);
      items.forEach(function (item, n) {
        var q = assessment.questions[item.q];
        var li = placed[n];
        var shows = result || display === "all" || n === quiz.current;
        // one at a time: a question off screen before and after is left as it is (drawn when it
        // shows, and as it leaves), not rewritten at every change
        if (!shows && li.hidden) return;
        put(li, "hidden", !shows);
        D.setText($("[data-cb-qnum]", li), msg("question_of", { n: n + 1, total: k }));
        writeAnswer(li, q, item.answer);
        put($("fieldset", li), "disabled", item.checked || result);
        review.render(li, q, item, ctx.lang, result);
        if (display === "one") {
          // deferred: no check step, Next (or See result) takes the answer as it is
          var ready = deferred || item.checked;
          put($("[data-cb-check]", li), "hidden", result || ready);
          put($("[data-cb-nextq]", li), "hidden", result || !ready || n === k - 1);
          put($("[data-cb-finish]", li), "hidden", result || !ready || n !== k - 1);
        }
        if (!li.hidden && shownAt[n] == null) shownAt[n] = Date.now();
      });
      showing.forEach(function (li) {
        if (placed.indexOf(li) < 0) li.hidden = true;
      });
      put($("[data-cb-submit]", form), "hidden", result || k === 0);
      var pass = passMark();
      var limited = assessment.attempts > 0;
      var attempt = result ? quiz.used : quiz.used + 1;
      // what an attempt asks, even when a resume state cut short kept fewer of a result's questions
      D.setText($("[data-cb-quiz-intro]", form), msg("quiz_intro", { count: CB.state.drawCount(config), pass: pass }) + " " +
        (limited ? msg("quiz_attempt", { n: attempt, total: assessment.attempts }) : msg("quiz_attempt_unlimited", { n: attempt })));
      var panel = $("[data-cb-result]", form);
      put(panel, "hidden", !result);
      if (result) {
        var passed = quiz.last !== null && quiz.last >= pass;
        var score = $("[data-cb-result-score]", panel);
        if (quiz.last === null) D.setText(score, msg("survey_done")); // a survey: no score (docs/tracking.md)
        else D.mark(score, passed, msg("result_score", { score: quiz.last }) + " \u2013 " + msg(passed ? "result_passed" : "result_failed"));
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
      else if (fetching) focusAfter = n;
    }

    /* Check the question of `li`: true once it is checked (now or before). */
    function check(form, li) {
      var n = itemIndex(li);
      if (n < 0) return false;
      if (st().quiz.items[n].checked) return true;
      var q = question(n);
      var answer = readAnswer(li, q);
      tracker.quizAnswer(n, answer);
      var feedback = $("[data-cb-feedback]", li);
      if (!CB.quiz.isAnswered(q, answer)) {
        var verdict = $("[data-cb-verdict]", li);
        verdict.hidden = false;
        D.mark(verdict, false, msg("need_answer"));
        feedback.focus();
        return false;
      }
      tracker.quizCheck(n, Date.now() - (shownAt[n] || Date.now()));
      if (deferred) return true; // the caller moves on: nothing to read here yet
      afterQuizChange();
      feedback.focus();
      return true;
    }

    /* Next question (or the result after the last), checking the answer first when deferred. */
    function advance(form, li, last) {
      if (deferred && !check(form, li)) return;
      if (last) return finish(form);
      tracker.quizMove(itemIndex(li) + 1);
      renderQuiz();
      focusQuestion(form, st().quiz.current);
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
          var n = st().quiz.current;
          var li = itemLi(form, n);
          if (li && deferred) advance(form, li, n === st().quiz.items.length - 1);
          else if (li) check(form, li);
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
        else if (b.hasAttribute("data-cb-nextq")) advance(form, li, false);
        else if (b.hasAttribute("data-cb-finish")) advance(form, li, true);
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

    return {
      form: quizForm,
      render: renderQuiz,
      renderRecord: renderRecord,
      bind: bindQuiz,
      restart: restart,
      ahead: ahead
    };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerQuiz = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
