/* coursebuild runtime: player-questions.js: a question's widgets in the DOM, shared by the
 * assessment (player-quiz.js) and the knowledge checks (player-check.js): the answer read from
 * and written back to a question's <li>, and its feedback shown (verdict, marks, texts). */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;

  function $(sel, el) {
    return CB.dom.$(sel, el);
  }

  function $$(sel, el) {
    return CB.dom.$$(sel, el);
  }

  function readAnswer(li, q) {
    var picked = $$("input:checked", li).map(function (el) {
      return el.value;
    });
    switch (q.type) {
      case "true-false":
        return picked[0] === "t" ? true : picked[0] === "f" ? false : null;
      case "single":
        return picked[0] || null;
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
        $$("input", li).forEach(function (el) {
          var v = el.value;
          el.checked = q.type === "true-false" ? (a === true && v === "t") || (a === false && v === "f")
            : q.type === "single" ? a === v : (a || []).indexOf(v) >= 0;
        });
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

  function correctChoice(q, id) {
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

  function renderFeedback(li, q, item, msg, l) {
    var verdict = $("[data-cb-verdict]", li);
    var ok = item.checked && CB.quiz.evaluate(q, item.answer);
    verdict.hidden = !item.checked;
    if (item.checked) CB.dom.mark(verdict, ok, msg(ok ? "correct" : "incorrect", null, l));
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
      if (shown) CB.dom.mark(m, correctChoice(q, id), msg(correctChoice(q, id) ? "choice_correct" : "choice_incorrect", null, l));
      else m.textContent = "";
      var fb = $("[data-cb-choice-fb]", ch);
      if (fb) fb.hidden = !shown;
    });
    if (q.type === "matching") {
      var right = correctPairs(q);
      q.sources.forEach(function (s, k) {
        var m = $('[data-cb-source="' + s + '"] [data-cb-mark]', li);
        if (!m) return;
        if (!item.checked) m.textContent = "";
        else if (item.answer[k] === right[s]) CB.dom.mark(m, true, msg("correct", null, l));
        else CB.dom.mark(m, false, msg("match_incorrect", { answer: targetText(li, s, right[s]) }, l));
      });
    }
  }

  /* The text of a matching question's right target for `source`, as its menu shows it. */
  function targetText(li, source, target) {
    var option = $('[data-cb-source="' + source + '"] option[value="' + target + '"]', li);
    return option ? option.textContent : "";
  }

  var api = { read: readAnswer, write: writeAnswer, feedback: renderFeedback };

  if (CB) CB.playerQuestions = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
