/* coursebuild runtime: state-codec.js (pure, no DOM): the field codecs of the resume state that
 * state.js encodes: base-36 numbers, hex bitmaps, fill-in text escaping, cutting to a length.
 * The FORMAT they serve is documented at the top of state.js, and builder/render/suspend_budget.py
 * counts by the same rules (tests/js/state.test.js ties the two). Change one, change the others.
 */
(function (root) {
  "use strict";

  // printable ASCII that fill-in text escapes all the same (see FORMAT in state.js)
  var ESCAPED_ASCII = "|~^\"'\\<>&`";

  /* A text that is not a resume state of this course (decode() reads it as none: the reason is
   * in the comment where each check fails), or, with why, a state that cannot be encoded. */
  function fail(why) {
    throw new Error("state: " + (why || "not of this course"));
  }

  function digits36(maxValue) {
    return Math.max(1, Math.max(0, maxValue).toString(36).length);
  }

  function b36(n, width) {
    var s = n.toString(36);
    if (s.length > width) fail(n + " over " + width + " digits");
    while (s.length < width) s = "0" + s;
    return s;
  }

  function int36(text) {
    if (!/^[0-9a-z]+$/.test(text)) fail(); // bad number
    return parseInt(text, 36);
  }

  function bitmap(bits) {
    var out = "";
    for (var i = 0; i < bits.length; i += 4) {
      var v = 0;
      for (var j = 0; j < 4 && i + j < bits.length; j++) if (bits[i + j]) v |= 1 << j;
      out += v.toString(16);
    }
    return out;
  }

  function unbitmap(text, n) {
    if (text.length !== Math.ceil(n / 4) || !/^[0-9a-f]*$/.test(text)) fail(); // bad bitmap
    var bits = [];
    for (var i = 0; i < n; i++) bits.push((parseInt(text.charAt(i >> 2), 16) >> (i % 4) & 1) === 1);
    return bits;
  }

  /* fill-in text escaping (see FORMAT in state.js). */
  function escapeText(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var ch = text.charAt(i);
      if (c >= 0x20 && c <= 0x7e && ESCAPED_ASCII.indexOf(ch) < 0) out += ch;
      else if (c <= 0xff) out += "~" + b16(c, 2);
      else out += "^" + b16(c, 4);
    }
    return out;
  }

  function b16(n, width) {
    var s = n.toString(16);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function unescapeText(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var w = ch === "~" ? 2 : ch === "^" ? 4 : 0;
      if (!w) {
        out += ch;
        continue;
      }
      var hex = text.substr(i + 1, w);
      if (hex.length !== w || !/^[0-9a-f]+$/.test(hex)) fail(); // bad escape
      out += String.fromCharCode(parseInt(hex, 16));
      i += w;
    }
    return out;
  }

  /* The video field (W in state.js's FORMAT): each video's percent, then what player-video.js
   * keeps of it, if anything (its position and the 1% parts watched), comma-separated. */
  function videos(percents, watched) {
    return percents.map(function (p, i) {
      return b36(Math.max(0, Math.min(100, Math.floor(p))), 2) + (watched[i] || "");
    }).join(watched.join("") ? "," : "");
  }

  /* -> {video: [percent], watched: [string]}; the form without commas is 2 digits a video. */
  function unvideos(text, n) {
    var w = text.length === 2 * n ? text.match(/../g) || [] : text.split(",");
    if (w.length !== n) fail(); // bad video field
    return {
      video: w.map(function (e) {
        var p = int36(e.slice(0, 2));
        if (p > 100 || !/^..([0-9a-z]{2}[0-9a-f]{25})?$/.test(e)) fail(); // bad video percent or watched parts
        return p;
      }),
      watched: w.map(function (e) {
        return e.slice(2);
      })
    };
  }

  function cut(text, n) {
    var s = String(text == null ? "" : text);
    if (s.length <= n) return s;
    s = s.slice(0, n);
    var last = s.charCodeAt(s.length - 1);
    return last >= 0xd800 && last <= 0xdbff ? s.slice(0, -1) : s;
  }

  var api = {
    fail: fail,
    digits36: digits36,
    b36: b36,
    int36: int36,
    bitmap: bitmap,
    unbitmap: unbitmap,
    escapeText: escapeText,
    unescapeText: unescapeText,
    cut: cut,
    videos: videos,
    unvideos: unvideos
  };

  if (root) (root.CourseBuild = root.CourseBuild || {}).stateCodec = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
