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

  /* msg(key, vars, l): a catalogue string in language l (default: current()), else the first
   * language's, else the key; {name} placeholders filled in from vars. */
  function messages(cats, langs, current) {
    return function msg(key, vars, l) {
      var c = cats[l || current()] || {};
      var s = c[key] != null ? c[key] : (cats[langs[0]] || {})[key];
      if (s == null) return key;
      return String(s).replace(/\{(\w+)\}/g, function (m, k) {
        return vars && vars[k] != null ? String(vars[k]) : m;
      });
    };
  }

  var api = { MARK_OK: MARK_OK, MARK_BAD: MARK_BAD, $: $, $$: $$, setText: setText, mark: mark, messages: messages };

  if (root) (root.CourseBuild = root.CourseBuild || {}).dom = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
