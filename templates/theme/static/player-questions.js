/* coursebuild runtime: player-questions.js: a question's widgets in the DOM, shared by the
 * assessment (player-quiz.js) and the knowledge checks (player-check.js): the answer read from
 * and written back to a question's <li>, and a check's feedback shown (player-review.js).
 * Each writes only what changes: a control or attribute set again to its own value, or a part
 * taken out and put back where it was, still costs the page change its style and layout, and
 * the browser's autofill a rescan of the form (4 ms of a Next into a long course's assessment). */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;

  function $(sel, el) {
    return CB.dom.$(sel, el);
  }

  function $$(sel, el) {
    return CB.dom.$$(sel, el);
  }

  /* el[prop] = value, unless it already is. */
  function put(el, prop, value) {
    if (el && el[prop] !== value) el[prop] = value;
  }

  /* els (nulls skipped) last in box, in that order; moved only when they are not already. */
  function arrange(box, els) {
    els = els.filter(Boolean);
    var at = box.lastElementChild;
    for (var k = els.length - 1; k >= 0 && at === els[k]; k--) at = at.previousElementSibling;
    if (k < 0) return;
    els.forEach(function (el) {
      box.appendChild(el);
    });
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
          put(el, "checked", q.type === "true-false" ? (a === true && v === "t") || (a === false && v === "f")
            : q.type === "multiple" ? (a || []).indexOf(v) >= 0 : a === v);
        });
        break;
      case "ordering":
        CB.playerOrder.write(li, q, a);
        break;
      case "matching":
        q.sources.forEach(function (s, k) {
          put($('[data-cb-source="' + s + '"] select', li), "value", (a && a[k]) || "");
        });
        break;
      default:
        var input = $("input", li);
        put(input, "value", a || "");
        put(input, "maxLength", CB.state.maxLength(q));
    }
  }

  /* A knowledge check's feedback: at once, with the right answers (player-review.js's
   * immediate mode, revealing). */
  function renderFeedback(li, q, item, msg, l) {
    var review = CB.playerReview.create({
      msg: msg, dom: CB.dom, quiz: CB.quiz, assessment: { feedback: "immediate", reveal: true }
    });
    review.render(li, q, item, l, false);
  }

  /* Links to pages (by index) in a list, titled as in the menu of language l: the pages still to
   * open, on the result and on a locked assessment (ctx: the player's, player.js). */
  function pageLinks(ctx, list, indices, l) {
    list.textContent = "";
    indices.forEach(function (i) {
      var id = ctx.pageIds[i];
      var entry = $('.cb-menu-list[data-cb-lang="' + l + '"] [data-cb-goto="' + id + '"] .cb-menu-title');
      var li = ctx.doc.createElement("li");
      var a = ctx.doc.createElement("a");
      a.href = "#" + l + "_" + id;
      a.setAttribute("data-cb-goto", id);
      a.textContent = entry ? entry.textContent : ctx.msg("page_of", { n: i + 1, total: ctx.pages.length }, l);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !indices.length;
  }

  var api = { links: pageLinks, read: readAnswer, write: writeAnswer, feedback: renderFeedback, put: put, arrange: arrange };

  if (CB) CB.playerQuestions = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
