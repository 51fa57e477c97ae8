/* coursebuild runtime: state.js (pure, no DOM): the resume state codec.
 *
 * The learner's state travels in cmi.suspend_data (SCORM 1.2: CMIString4096, SCORM 1.2 RTE §3.4) and
 * must fit the target's limit (config.suspendDataLimit). The builder proves at build time that
 * the worst case fits: builder/render/suspend_budget.py computes the worst-case length by the SAME
 * rules as this file (tests/js/state.test.js ties the two). Change one, change the other.
 *
 * FORMAT, version 1. Printable ASCII only. Fields are joined by "|":
 *
 *   1|FFFF|LP|V|W|A|Q|Q|...   (with a pre-test: 1|FFFF|LP|V|W|P|p|...|A|Q|..., state-pretest.js)
 *
 *   1     version.
 *   FFFF  structure fingerprint: FNV-1a 32-bit of page ids/kinds/videos and question
 *         ids/types/choice, source and target ids, mod 36^4, 4 base-36 digits. A state whose
 *         fingerprint differs (the course changed) is not restored.
 *   LP    L = language index in config.languages (1 base-36 digit);
 *         P = current page index in config.pages (Wp base-36 digits, Wp = digits of pages-1).
 *   V     pages seen: a bitmap, page i is bit (i % 4) of hex digit floor(i / 4); ceil(pages/4) digits.
 *   W     video progress: for each page that has a video, in page order, the percent watched
 *         0..100 in 2 base-36 digits ("2s" = 100), then, once the learner played it, where they
 *         left it (per mille of its length, 2 base-36 digits) and the 1% parts watched (a bitmap
 *         over 100, as V: 25 hex digits), the videos comma-separated; without any of the latter
 *         (dropped first when the state is too long), no commas. Empty when no page has a video.
 *   A     assessment header, empty when the course has no assessment, else
 *         UU BB LL R C: UU attempts used (2 base-36 digits, capped at "zz"),
 *         BB best score + 1 and LL last score + 1 (2 base-36 digits each, "00" = no score yet),
 *         R phase ("0" answering, "1" result shown), C current question in the drawn order
 *         (Wq base-36 digits, Wq = digits of pool size - 1).
 *   Q     one field per drawn question, in the drawn order (none before the first draw):
 *         I K O ANSWER
 *         I  index of the question in the pool (Wq base-36 digits)
 *         K  "1" when checked (answer locked and recorded), else "0"
 *         O  choice order, only for single/multiple questions when the assessment shuffles:
 *            the question's choice ids (one character each) in display order
 *         ANSWER, by type:
 *            true-false  "t" | "f" | "-"                        (1)
 *            single      the choice id | "-"                     (1)
 *            multiple    bitmap over the choices (as V)          (ceil(choices/4))
 *            matching    per source, the chosen target id | "-"  (sources)
 *            fill-in     the text, cut to maxLength code units, escaped: printable ASCII
 *                        except | ~ ^ " ' \ < > & ` stays as is; other code units <= 0xFF
 *                        become "~" + 2 hex digits, all others "^" + 4 hex digits
 *                                                                (0..5 * maxLength)
 *            numeric     what was typed, keeping only 0-9 + - . , e E, cut to
 *                        maxLength (default NUMERIC_MAX_LENGTH)   (0..maxLength)
 *            ordering, likert: see state-answers.js              (items; 1)
 *
 * Worst case = the sum of the maxima above, with the k longest question fields, k = draw (or
 * the pool size). When a state would not fit the limit, encode() drops, in this order: the
 * videos' watched parts and positions (the build proves the state fits without them), the
 * pre-test's answers, the typed text of unchecked questions, all unchecked answers, the drawn
 * questions (the attempt restarts; its interactions stay in the LMS), then the pages seen and
 * the videos' percents (V and W empty: decode() marks the state partial, and the tracker keeps
 * the LMS's status as for a state it could not restore), never the attempts and scores. It
 * never returns a string longer than the limit (it returns null and lists what it dropped instead).
 * The field codecs (base 36, bitmaps, video field, fill-in escaping, cutting): state-codec.js.
 */
(function (root) {
  "use strict";

  var VERSION = "1";
  var SEP = "|";
  var FINGERPRINT_DIGITS = 4;
  var SCORE_DIGITS = 2;
  var ATTEMPT_DIGITS = 2;
  var FILL_IN_MAX_LENGTH = 255;  // CMIFeedback is 255 characters [SCORM 1.2 RTE §3.4]
  var NUMERIC_MAX_LENGTH = 20;
  var NOT_NUMERIC = /[^0-9+\-.,eE]/g;   // characters dropped from a typed number
  var HAS_NOT_NUMERIC = /[^0-9+\-.,eE]/;

  var C = root ? root.CourseBuild.stateCodec : require("./state-codec.js");
  var A = root ? root.CourseBuild.stateAnswers : require("./state-answers.js"), fail = C.fail;
  var NO_PRETEST = { shape: function () { return []; }, fresh: function () { return null; }, // state-pretest.js ships
    encode: function () { return []; }, decode: function (c, f, at) { return { pretest: null, next: at }; } }; // with a pre-test only
  var P = (root ? root.CourseBuild.statePretest : require("./state-pretest.js")) || NO_PRETEST;
  var digits36 = C.digits36, b36 = C.b36, int36 = C.int36, bitmap = C.bitmap, unbitmap = C.unbitmap;
  var escapeText = C.escapeText, unescapeText = C.unescapeText, cut = C.cut;

  /* ---- the shape of a course, as this codec sees it ---- */

  function questionsOf(config) {
    return config.assessment ? config.assessment.questions || [] : [];
  }

  function videoPages(config) {
    var out = [];
    config.pages.forEach(function (p, i) {
      if (p.video) out.push(i);
    });
    return out;
  }

  function shuffled(config, q) {
    return !!(config.assessment && config.assessment.shuffle) && (q.type === "single" || q.type === "multiple");
  }

  function maxLength(q) {
    if (typeof q.maxLength === "number" && q.maxLength > 0) return q.maxLength;
    return q.type === "numeric" ? NUMERIC_MAX_LENGTH : FILL_IN_MAX_LENGTH;
  }

  function drawCount(config) {
    var pool = questionsOf(config).length;
    var draw = config.assessment && config.assessment.draw;
    return draw && draw > 0 && draw < pool ? draw : pool;
  }

  function widths(config) {
    return {
      page: digits36(config.pages.length - 1),
      question: digits36(questionsOf(config).length - 1)
    };
  }

  /* FNV-1a 32-bit of the structure, mod 36^4; kept for the last config (never changed once
   * launched): every save encodes it, and a long course's took milliseconds to hash. */
  var printed = [];
  function fingerprint(config) {
    if (printed[0] === config) return printed[1];
    var parts = config.pages.map(function (p) {
      return p.id + ":" + p.kind + ":" + (p.video ? p.video.kind : "");
    });
    questionsOf(config).forEach(function (q) {
      parts.push(q.id + ":" + q.type + ":" + (q.choices || q.items || q.scale || []).join("") + ":" +
        (q.sources || []).join("") + ":" + (q.targets || []).join(""));
    });
    var s = parts.concat(P.shape(config)).join("/");
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    printed = [config, b36(h % Math.pow(36, FINGERPRINT_DIGITS), FINGERPRINT_DIGITS)];
    return printed[1];
  }

  /* ---- answers ---- */

  function emptyAnswer(q) {
    switch (q.type) {
      case "multiple":
        return [];
      case "matching":
        return (q.sources || []).map(function () {
          return null;
        });
      case "fill-in":
      case "numeric":
        return "";
      default:
        return null;
    }
  }

  function encodeAnswer(q, a) {
    switch (q.type) {
      case "true-false":
        return a === true ? "t" : a === false ? "f" : "-";
      case "single":
        return a && q.choices.indexOf(a) >= 0 ? a : "-";
      case "multiple":
        return bitmap(q.choices.map(function (id) {
          return (a || []).indexOf(id) >= 0;
        }));
      case "matching":
        return q.sources.map(function (s, i) {
          var t = a && a[i];
          return t && q.targets.indexOf(t) >= 0 ? t : "-";
        }).join("");
      case "fill-in":
        return escapeText(cut(a, maxLength(q)));
      case "numeric":
        return cut(String(a == null ? "" : a).replace(NOT_NUMERIC, ""), maxLength(q));
      default:
        return A.encode(q, a); // ordering, likert: state-answers.js
    }
  }

  function decodeAnswer(q, text) {
    switch (q.type) {
      case "true-false":
        if (text === "t") return true;
        if (text === "f") return false;
        if (text === "-") return null;
        return fail(); // bad true-false answer
      case "single":
        if (text === "-") return null;
        if (text.length === 1 && q.choices.indexOf(text) >= 0) return text;
        return fail(); // bad single answer
      case "multiple":
        var bits = unbitmap(text, q.choices.length);
        return q.choices.filter(function (id, i) {
          return bits[i];
        });
      case "matching":
        if (text.length !== q.sources.length) fail(); // bad matching answer
        return q.sources.map(function (s, i) {
          var t = text.charAt(i);
          if (t === "-") return null;
          if (q.targets.indexOf(t) < 0) fail(); // bad matching target
          return t;
        });
      case "fill-in":
        return unescapeText(text);
      case "numeric":
        if (HAS_NOT_NUMERIC.test(text)) fail(); // bad numeric answer
        return text;
      default:
        return A.decode(q, text); // ordering, likert: state-answers.js
    }
  }

  /* ---- the state object ---- */

  /* A new state for a course: nothing seen, nothing answered. */
  function fresh(config) {
    return {
      lang: 0,
      page: 0,
      visited: config.pages.map(function () { return false; }),
      video: videoPages(config).map(function () { return 0; }),
      watched: videoPages(config).map(function () { return ""; }), // what player-video.js keeps (FORMAT, W)
      quiz: config.assessment ? { used: 0, best: null, last: null, phase: 0, current: 0, items: [] } : null,
      pretest: P.fresh(config)
    };
  }

  function encodeScore(s) {
    return b36(s == null ? 0 : Math.max(0, Math.min(100, Math.floor(s))) + 1, SCORE_DIGITS);
  }

  function decodeScore(text) {
    var n = int36(text);
    if (n > 101) fail(); // bad score
    return n === 0 ? null : n - 1;
  }

  function encodeRaw(config, state) {
    var w = widths(config);
    var qs = questionsOf(config);
    var fields = [
      VERSION,
      fingerprint(config),
      b36(state.lang, 1) + b36(state.page, w.page),
      bitmap(state.visited),
      C.videos(state.video, state.watched || [])
    ].concat(P.encode(config, state.pretest, encodeAnswer));
    if (!config.assessment) {
      fields.push("");
      return fields.join(SEP);
    }
    var quiz = state.quiz;
    fields.push(
      b36(Math.min(quiz.used, Math.pow(36, ATTEMPT_DIGITS) - 1), ATTEMPT_DIGITS) +
      encodeScore(quiz.best) + encodeScore(quiz.last) +
      (quiz.phase ? "1" : "0") + b36(quiz.current, w.question)
    );
    quiz.items.forEach(function (item) {
      var q = qs[item.q];
      fields.push(
        b36(item.q, w.question) + (item.checked ? "1" : "0") +
        (shuffled(config, q) ? item.order || q.choices.join("") : "") +
        encodeAnswer(q, item.answer)
      );
    });
    return fields.join(SEP);
  }

  /* Encode a state. limit: the most characters allowed (null = no limit).
   * Returns {text, dropped}: text is null when even the smallest form does not fit. */
  function encode(config, state, limit) {
    var text = encodeRaw(config, state);
    var dropped = [];
    if (limit == null || text.length <= limit) return { text: text, dropped: dropped };
    var qs = questionsOf(config);
    var s = JSON.parse(JSON.stringify(state)); // a copy, cut down step by step
    var steps = ((s.watched || []).join("") ? [["videos' watched parts", function () {
      s.watched = []; // each video keeps its percent: the build proves the state fits without them
    }]] : []).concat(s.pretest ? [["pre-test answers", function () {
      s.pretest.items = [];
    }]] : [], s.quiz ? [
      ["typed text of unchecked questions", function () {
        s.quiz.items.forEach(function (it) {
          var t = qs[it.q].type;
          if (!it.checked && (t === "fill-in" || t === "numeric")) it.answer = "";
        });
      }],
      ["unchecked answers", function () {
        s.quiz.items.forEach(function (it) {
          if (!it.checked) it.answer = emptyAnswer(qs[it.q]);
        });
      }],
      ["drawn questions", function () {
        s.quiz.items = [];
        s.quiz.current = 0;
      }]
    ] : [], [["pages and videos", function () {
      s.visited = s.video = []; // V and W empty (the watched parts went first): the smallest state
    }]]);
    for (var i = 0; i < steps.length; i++) {
      steps[i][1]();
      dropped.push(steps[i][0]);
      text = encodeRaw(config, s);
      if (text.length <= limit) return { text: text, dropped: dropped };
    }
    dropped.push("everything");
    return { text: null, dropped: dropped };
  }

  /* Decode a state for this course. Returns null when the text is not a state of this course
   * (other version, other structure, damaged). Damaged question fields alone are dropped. */
  function decode(config, text) {
    try {
      return decodeOrThrow(config, text);
    } catch (e) {
      return null;
    }
  }

  function decodeOrThrow(config, text) {
    var f = String(text || "").split(SEP);
    if (f[0] !== VERSION || f.length < 6) fail(); // not a version 1 state
    if (f[1] !== fingerprint(config)) fail(); // the course structure changed
    var w = widths(config);
    var n = config.pages.length;
    var s = fresh(config);
    var pre = P.decode(config, f, 5, decodeAnswer), at = pre.next; // the pre-test's block, if any
    s.pretest = pre.pretest;
    if (f[2].length !== 1 + w.page) fail(); // bad position
    s.lang = int36(f[2].charAt(0));
    s.page = int36(f[2].slice(1));
    if (s.lang >= Math.max(1, (config.languages || []).length) || s.page >= n) fail(); // position out of range
    if (f[3] || f[4]) {
      s.visited = unbitmap(f[3], n);
      var v = C.unvideos(f[4], s.video.length);
      s.video = v.video;
      s.watched = v.watched;
    } else s.partial = 1; // encode()'s smallest state: the LMS's status is what it does not say
    if (!config.assessment) {
      if (f.length !== at + 1 || f[at] !== "") fail(); // unexpected assessment
      return s;
    }
    var h = f[at];
    if (h.length !== ATTEMPT_DIGITS + 2 * SCORE_DIGITS + 1 + w.question) fail(); // bad assessment header
    var quiz = s.quiz;
    quiz.used = int36(h.substr(0, 2));
    quiz.best = decodeScore(h.substr(2, 2));
    quiz.last = decodeScore(h.substr(4, 2));
    if (h.charAt(6) !== "0" && h.charAt(6) !== "1") fail(); // bad phase
    quiz.phase = h.charAt(6) === "1" ? 1 : 0;
    quiz.current = int36(h.substr(7));
    try {
      quiz.items = decodeItems(config, f.slice(at + 1), w);
      if (quiz.current >= Math.max(1, quiz.items.length)) fail(); // current question out of range
    } catch (e) {
      quiz.items = [];
      quiz.current = 0;
    }
    return s;
  }

  function decodeItems(config, fields, w) {
    var qs = questionsOf(config);
    if (fields.length > drawCount(config)) fail(); // too many questions
    var seen = {};
    return fields.map(function (field) {
      var qi = int36(field.substr(0, w.question));
      var q = qs[qi];
      if (!q || seen[qi]) fail(); // bad question index
      seen[qi] = true;
      var pos = w.question;
      var checked = field.charAt(pos);
      if (checked !== "0" && checked !== "1") fail(); // bad checked flag
      pos += 1;
      var order = null;
      if (shuffled(config, q)) {
        order = field.substr(pos, q.choices.length);
        if (order.length !== q.choices.length || order.split("").sort().join("") !== q.choices.slice().sort().join("")) {
          fail(); // bad choice order
        }
        pos += q.choices.length;
      }
      return { q: qi, checked: checked === "1", order: order, answer: decodeAnswer(q, field.slice(pos)) };
    });
  }

  var api = {
    VERSION: VERSION, FILL_IN_MAX_LENGTH: FILL_IN_MAX_LENGTH, NUMERIC_MAX_LENGTH: NUMERIC_MAX_LENGTH,
    fresh: fresh, emptyAnswer: emptyAnswer, maxLength: maxLength, drawCount: drawCount,
    videoPages: videoPages,
    fingerprint: fingerprint,
    escapeText: escapeText, unescapeText: unescapeText,
    encode: encode,
    decode: decode
  };

  if (root) (root.CourseBuild = root.CourseBuild || {}).state = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
