/* coursebuild runtime: player-language.js: the player's language toggle: which language's
 * sections, menu and strings show, and switching between them (the choice is kept in the resume
 * state by the tracking core). */
(function (root) {
  "use strict";

  /* ctx: the player's shared state (player.js): doc, html, langs, lang, msg, tracker, nav. */
  function create(ctx) {
    var D = root.CourseBuild.dom;
    var $$ = D.$$;

    /* Show language ctx.lang only: its sections and menu, the other languages' switches, its strings. */
    function apply() {
      var lang = ctx.lang;
      ctx.html.setAttribute("lang", lang);
      $$("[data-cb-lang]").forEach(function (el) {
        el.hidden = el.getAttribute("data-cb-lang") !== lang;
      });
      $$("[data-cb-switch]").forEach(function (el) {
        el.hidden = el.getAttribute("data-cb-switch") === lang;
      });
      $$("[data-i18n]").forEach(function (el) {
        D.setText(el, ctx.msg(el.getAttribute("data-i18n")));
      });
      $$("[data-i18n-label]").forEach(function (el) {
        el.setAttribute("aria-label", ctx.msg(el.getAttribute("data-i18n-label")));
      });
    }

    /* The learner chose language l: show it, on the same page, and focus the switch back. */
    function switchTo(l) {
      if (l === ctx.lang || ctx.langs.indexOf(l) < 0) return;
      ctx.lang = l;
      ctx.tracker.setLanguage(ctx.langs.indexOf(l));
      apply();
      ctx.nav.show(ctx.nav.current(), false);
      var other = $$("[data-cb-switch]").filter(function (el) {
        return !el.hidden;
      })[0];
      if (other) other.focus();
    }

    /* Listen to the language switches. */
    function bind() {
      $$("[data-cb-switch]").forEach(function (a) {
        a.addEventListener("click", function (e) {
          e.preventDefault();
          switchTo(a.getAttribute("data-cb-switch"));
        });
      });
    }

    return { apply: apply, switchTo: switchTo, bind: bind };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerLanguage = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
