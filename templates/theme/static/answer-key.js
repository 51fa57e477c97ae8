/* coursebuild runtime: answer-key.js (pure, no DOM): a hashed answer key (assessment
 * `answer_key: hashed`, docs/course-format.md). A question then has `salt` and `hashes` instead
 * of `correct`: the salted FNV-1a 64 hashes of its canonical correct responses, which this
 * recomputes from a learner's answer, as builder/render/answer_key.py computes them.
 * Synchronous on purpose: SubtleCrypto is async and absent on plain-http pages. */
(function (root) {
  "use strict";

  var TWO32 = 4294967296;

  /* The UTF-8 bytes of `text`; a lone surrogate is U+FFFD [RFC 3629 §3]. */
  function utf8(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  function hex8(n) {
    return ("0000000" + n.toString(16)).slice(-8);
  }

  /* FNV-1a 64 [draft-eastlake-fnv §2.1] over bytes, as two 32-bit lanes (hi, lo): every
   * product stays under 2^53, so plain numbers compute it exactly. Returns 16 hex digits. */
  function fnv1a64(bytes) {
    var hi = 0xcbf29ce4;
    var lo = 0x84222325; // offset basis 0xcbf29ce484222325
    for (var i = 0; i < bytes.length; i++) {
      lo = (lo ^ bytes[i]) >>> 0;
      // times the prime 2^40 + 0x1b3: lo * 2^40 lands in hi as lo * 2^8 (mod 2^32)
      var low = lo * 0x1b3;
      var carry = Math.floor(low / TWO32);
      hi = (hi * 0x1b3 + (lo * 256) % TWO32 + carry) % TWO32;
      lo = low % TWO32;
    }
    return hex8(hi) + hex8(lo);
  }

  function hash(salt, canonical) {
    return fnv1a64(utf8(salt + ":" + canonical));
  }

  /* A typed answer as a marker reads it: case, spacing and closing punctuation do not count,
   * nor accents unless the author asks (`accents: match`: "protege" is "Protégé" otherwise). */
  function typedKey(text, accents) {
    var s = String(text == null ? "" : text).replace(/^\s+|\s+$/g, "").toLowerCase();
    if (s.normalize) s = s.normalize("NFC");
    s = s.replace(/\s+/g, " ").replace(/[\s.!?;:\u2026]+$/, "");
    if (accents === "match" || !s.normalize) return s;
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  /* An answer's canonical form (the Python side's CANONICAL), null for a type with no hash. */
  function canonical(q, a) {
    switch (q.type) {
      case "true-false":
        return a === true ? "true" : "false";
      case "single":
        return String(a);
      case "multiple":
        return a.slice().sort().join(",");
      case "matching":
        return q.sources.map(function (s, i) {
          return s + "." + a[i];
        }).join(",");
      case "ordering":
        return a.join(",");
      case "fill-in":
        return typedKey(a, q.accents);
      default:
        return null;
    }
  }

  /* Is `a` (an answered question's answer) one of the key's responses? */
  function matches(q, a) {
    var c = canonical(q, a);
    return c !== null && q.hashes.indexOf(hash(q.salt, c)) >= 0;
  }

  var api = { fnv1a64: fnv1a64, utf8: utf8, hash: hash, typedKey: typedKey, canonical: canonical, matches: matches };

  if (root) (root.CourseBuild = root.CourseBuild || {}).answerKey = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
