/* coursebuild runtime: player-check.js: the knowledge checks, each a section under its page
 * (config.checks): every question shown with its own Check button, feedback at once, tried
 * again as often as the learner likes. Each answer checked is recorded as an interaction of its
 * own (tracker.recordCheck), never scored, never in completion nor in the resume state: a check
 * is formative, so a new session starts it afresh (docs/runtime-contract.md). */
(function (root) {
  "use strict";

  /* ctx: the player's shared state (player.js): config, langs, lang, msg, section, tracker. */
  function create(ctx) {
    var CB = root.CourseBuild;
    var D = CB.dom;
    var W = CB.playerQuestions;
    var $ = D.$;
    var $$ = D.$$;
    var byPage = {};
    var items = {}; // "<check> <question>" -> {answer, checked}: this session's answers
    var shownAt = {};

    (ctx.config.checks || []).forEach(function (c) {
      byPage[c.page] = c;
    });

    function item(check, q) {
      var key = check.id + " " + q.id;
      if (!items[key]) items[key] = { answer: null, checked: false };
      return items[key];
    }

    function boxes(check) {
      return ctx.langs.map(function (l) {
        var sec = ctx.section(ctx.pageIds.indexOf(check.page), l);
        var box = sec ? $('[data-cb-kc="' + check.id + '"]', sec) : null;
        return box ? { box: box, l: l } : null;
      }).filter(Boolean);
    }

    function li(box, q) {
      return $('[data-cb-q="' + q.id + '"]', box);
    }

    /* One question, in every language's section: the answer, locked or not, its feedback. */
    function render(check, q) {
      var it = item(check, q);
      boxes(check).forEach(function (found) {
        var el = li(found.box, q);
        if (!el) return;
        var l = found.l;
        W.write(el, q, it.answer);
        $("fieldset", el).disabled = it.checked;
        W.feedback(el, q, it, ctx.msg, l);
        $("[data-cb-kc-check]", el).hidden = it.checked;
        $("[data-cb-kc-retry]", el).hidden = !it.checked;
      });
    }

    function check(c, q, el) {
      var it = item(c, q);
      if (it.checked) return;
      it.answer = W.read(el, q);
      var feedback = $("[data-cb-feedback]", el);
      if (!CB.quiz.isAnswered(q, it.answer)) {
        var verdict = $("[data-cb-verdict]", el);
        verdict.hidden = false;
        D.mark(verdict, false, ctx.msg("need_answer"));
        feedback.focus();
        return;
      }
      it.checked = true;
      var key = c.id + " " + q.id;
      ctx.tracker.recordCheck({
        id: q.interactionId,
        type: q.type,
        response: CB.quiz.response(q, it.answer),
        patterns: CB.quiz.patterns(q),
        correct: CB.quiz.evaluate(q, it.answer),
        latencyMs: Date.now() - (shownAt[key] || Date.now()),
        time: new Date(),
        weighting: 0
      });
      render(c, q);
      feedback.focus();
    }

    function retry(c, q, el) {
      var it = item(c, q);
      it.checked = false;
      it.answer = null;
      shownAt[c.id + " " + q.id] = Date.now();
      render(c, q);
      $("fieldset", el).focus();
    }

    /* Page `i`'s check, once its sections are in the document. */
    function bind(i) {
      var c = byPage[ctx.pageIds[i]];
      if (!c) return;
      var questions = {};
      c.questions.forEach(function (q) {
        questions[q.id] = q;
        shownAt[c.id + " " + q.id] = Date.now();
      });
      boxes(c).forEach(function (found) {
        var box = found.box;
        var l = found.l;
        $$("[data-cb-q]", box).forEach(function (el, n) {
          D.setText($("[data-cb-qnum]", el), ctx.msg("question_of", { n: n + 1, total: c.questions.length }, l));
        });
        box.addEventListener("click", function (e) {
          var b = e.target.closest("button");
          var el = b && b.closest("[data-cb-q]");
          var q = el && questions[el.getAttribute("data-cb-q")];
          if (!q) return;
          if (b.hasAttribute("data-cb-kc-check")) check(c, q, el);
          else if (b.hasAttribute("data-cb-kc-retry")) retry(c, q, el);
        });
        // Enter in a text answer checks it, as in the assessment
        box.addEventListener("keydown", function (e) {
          if (e.key !== "Enter" || e.target.type !== "text") return;
          var el = e.target.closest("[data-cb-q]");
          var q = el && questions[el.getAttribute("data-cb-q")];
          if (!q) return;
          e.preventDefault();
          check(c, q, el);
        });
      });
      c.questions.forEach(function (q) {
        render(c, q);
      });
    }

    return { bind: bind };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerCheck = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
