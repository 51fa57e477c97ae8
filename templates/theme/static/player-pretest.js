/* coursebuild runtime: player-pretest.js: the pre-test's page (config.pretest): its questions all
 * on one page, drawn and shuffled as the assessment's (quiz.js), answered once and submitted, or
 * skipped; then its result, kept in the resume state, with each answer's verdict as its
 * `feedback` mode shows it (player-review.js). Never retried, never the course's score: the
 * tracking is tracking-pretest.js's (docs/runtime-contract.md). */
(function (root) {
  "use strict";

  /* ctx: the player's shared state (player.js): config, langs, lang, msg, section, pageIds,
   * tracker, nav. */
  function create(ctx) {
    var CB = root.CourseBuild;
    var D = CB.dom;
    var W = CB.playerQuestions;
    var $ = D.$;
    var $$ = D.$$;
    var pretest = ctx.config.pretest;
    var page = pretest ? ctx.pageIds.indexOf(pretest.id) : -1;
    var review = pretest ? CB.playerReview.create({ msg: ctx.msg, dom: D, quiz: CB.quiz, assessment: pretest }) : null;
    var drawn = null; // this session's questions until it is taken (not kept: a new draw on resume)
    var shownAt = 0;

    function st() {
      return ctx.tracker.state ? ctx.tracker.state.pretest : null; // (null before the tracker starts)
    }

    function items() {
      if (st() && st().taken) return st().items;
      if (!drawn) drawn = CB.quiz.draw(pretest, Math.random);
      return drawn;
    }

    function form(l) {
      var sec = page >= 0 ? ctx.section(page, l) : null;
      return sec ? $("[data-cb-pretest]", sec) : null;
    }

    function renderResult(f, l) {
      var s = st();
      var panel = $("[data-cb-result]", f);
      panel.hidden = !s.taken;
      if (!s.taken) return;
      var score = s.score === null ? ctx.msg("pretest_survey", null, l)
        : ctx.msg("pretest_score", { n: s.correct, total: s.asked, score: s.score }, l);
      D.setText($("[data-cb-result-score]", panel), score);
      var lines = [ctx.msg("pretest_not_counted", null, l)];
      var judged = review.mode !== "never"; // never: the answers, without a verdict
      if (s.items.length) lines.push(ctx.msg(judged ? "result_review" : "result_answers", null, l));
      D.setText($("[data-cb-result-text]", panel), lines.join(" "));
    }

    /* One language's form: the questions asked, in their order, answered or marked. */
    function renderForm(f, l) {
      var taken = st().taken;
      var list = $("[data-cb-questions]", f);
      var its = items();
      $$("[data-cb-q]", list).forEach(function (li) {
        li.hidden = true;
      });
      its.forEach(function (it, n) {
        var q = pretest.questions[it.q];
        var li = $('[data-cb-q="' + q.id + '"]', list);
        if (!li) return;
        list.appendChild(li);
        if (it.order) {
          var box = $(".cb-choices", li);
          it.order.split("").forEach(function (id) {
            var ch = $('[data-cb-choice="' + id + '"]', box);
            if (ch) box.appendChild(ch);
          });
        }
        li.hidden = false;
        D.setText($("[data-cb-qnum]", li), ctx.msg("question_of", { n: n + 1, total: its.length }, l));
        W.write(li, q, it.answer);
        $("fieldset", li).disabled = taken;
        review.render(li, q, { checked: taken, answer: it.answer }, l, taken);
      });
      $("[data-cb-submit]", f).hidden = taken || !its.length;
      $("[data-cb-pretest-skip]", f).hidden = taken || page + 1 >= ctx.pages.length;
      renderResult(f, l);
    }

    function render() {
      if (!pretest || !st()) return;
      if (!shownAt) shownAt = Date.now();
      ctx.langs.forEach(function (l) {
        var f = form(l);
        if (f) renderForm(f, l);
      });
    }

    function note(f, li) {
      var its = items();
      for (var n = 0; n < its.length; n++) {
        var q = pretest.questions[its[n].q];
        if (q.id === li.getAttribute("data-cb-q")) its[n].answer = W.read(li, q);
      }
    }

    function submit(f) {
      if (st().taken) return;
      var its = items();
      var missing = [];
      its.forEach(function (it, n) {
        var q = pretest.questions[it.q];
        it.answer = W.read($('[data-cb-q="' + q.id + '"]', f), q);
        if (!CB.quiz.isAnswered(q, it.answer)) missing.push(n + 1);
      });
      var error = $("[data-cb-error]", f);
      error.hidden = !missing.length;
      if (missing.length) {
        D.mark(error, false, ctx.msg("need_all_answers", { list: missing.join(", ") }));
        error.focus();
        return;
      }
      var spent = Date.now() - shownAt;
      CB.trackingPretest.take(ctx.tracker, ctx.config, its, its.map(function () {
        return Math.round(spent / its.length); // (answered together: each its share of the time)
      }), Date.now());
      render();
      ctx.nav.renderStatus();
      $("[data-cb-result-heading]", f).focus();
    }

    /* The pre-test's page, once its sections are in the document. */
    function bind(i) {
      if (i !== page || !pretest) return;
      ctx.langs.forEach(function (l) {
        var f = form(l);
        if (!f) return;
        f.addEventListener("change", function (e) {
          var li = e.target.closest("[data-cb-q]");
          if (li) note(f, li);
        });
        f.addEventListener("input", function (e) {
          var li = e.target.closest("[data-cb-q]");
          if (li) note(f, li);
        });
        f.addEventListener("submit", function (e) {
          e.preventDefault();
          submit(f);
        });
        f.addEventListener("click", function (e) {
          var b = e.target.closest("button");
          if (!b || b.type === "submit") return;
          var li = b.closest("[data-cb-q]");
          var its = items();
          if (b.hasAttribute("data-cb-move") && li) {
            for (var n = 0; n < its.length; n++) {
              var q = pretest.questions[its[n].q];
              if (q.id === li.getAttribute("data-cb-q")) {
                var moved = CB.playerOrder.move(li, q, b, ctx.msg);
                if (moved) its[n].answer = moved;
              }
            }
          } else if (b.hasAttribute("data-cb-pretest-skip")) ctx.nav.go(page + 1);
        });
      });
      render();
    }

    return { bind: bind, render: render, page: page };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerPretest = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
