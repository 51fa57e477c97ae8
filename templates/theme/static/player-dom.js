/* coursebuild runtime: player-dom.js: the small DOM helpers every part of the player uses
 * (player.js and its player-*.js parts): queries, text, the ok/bad marks, catalogue strings. */
(function (root) {
  "use strict";

  var MARK_OK = "\u2713"; // meaning is never given by colour alone: icon + text
  var MARK_BAD = "\u2717";

  /* The first element matching sel in el (default: the document). */
  function $(sel, el) {
    return (el || root.document).querySelector(sel);
  }

  /* Every element matching sel in el, as an array. */
  function $$(sel, el) {
    return Array.prototype.slice.call((el || root.document).querySelectorAll(sel));
  }

  /* Set el's text, only when it changes (a live region says only what changed). */
  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  /* "<icon hidden from screen readers> text" */
  function mark(el, ok, text) {
    var doc = el.ownerDocument;
    el.textContent = "";
    var icon = doc.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.className = "cb-icon";
    icon.textContent = ok ? MARK_OK : MARK_BAD;
    el.appendChild(icon);
    el.appendChild(doc.createTextNode(" " + text));
    el.classList.toggle("cb-ok", ok);
    el.classList.toggle("cb-bad", !ok);
  }

  var rules = {};

  /* A counted string's form: {by: placeholder, one: …, other: …} keyed by the CLDR plural
   * category of vars[by] in language l [Unicode UTS #35 Part 3 §5]. Intl.PluralRules is the
   * browser's own CLDR data: nothing shipped. */
  function pluralForm(s, vars, l) {
    var n = Number(vars && vars[s.by]);
    var cat = "other";
    if (isFinite(n) && typeof Intl !== "undefined" && Intl.PluralRules) {
      try {
        cat = (rules[l] = rules[l] || new Intl.PluralRules(l)).select(n);
      } catch (e) {
        cat = "other"; // a language tag the browser does not know
      }
    }
    return s[cat] != null ? s[cat] : s.other;
  }

  /* msg(key, vars, l): a catalogue string in language l (default: current()), else the first
   * language's, else the key; a counted string's plural form for its number; {name}
   * placeholders filled in from vars. */
  function messages(cats, langs, current) {
    return function msg(key, vars, l) {
      var lang = l || current();
      var c = cats[lang] || {};
      var s = c[key];
      if (s == null) {
        lang = langs[0];
        s = (cats[lang] || {})[key];
      }
      if (s == null) return key;
      if (typeof s === "object") s = pluralForm(s, vars, lang);
      return String(s).replace(/\{(\w+)\}/g, function (m, k) {
        return vars && vars[k] != null ? String(vars[k]) : m;
      });
    };
  }

  var api = { MARK_OK: MARK_OK, MARK_BAD: MARK_BAD, $: $, $$: $$, setText: setText, mark: mark, messages: messages };

  if (root) (root.CourseBuild = root.CourseBuild || {}).dom = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
