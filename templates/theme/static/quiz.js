/* coursebuild runtime: quiz.js (pure, no DOM): draw, shuffle, check and score questions.
 *
 * Questions come from config.assessment.questions (docs/runtime-contract.md). Answers are the
 * neutral values kept in the resume state (state.js):
 *   true-false true|false|null   single "a"|null   multiple ["a","c"]
 *   matching   per source, the chosen target id or null   fill-in / numeric  the typed text
 *   ordering   the item ids in the order shown ["c","a","b"] (null: not yet arranged)
 *   likert     the chosen scale point's id "b"|null (a survey answer: never marked, never scored)
 */
(function (root) {
  "use strict";

  var S = root ? root.CourseBuild.state : require("./state.js");
  var F = root ? root.CourseBuild.formats : require("./formats.js");
  var A = root ? root.CourseBuild.stateAnswers : require("./state-answers.js");
  var K = root ? root.CourseBuild.answerKey : require("./answer-key.js");

  function shuffle(list, rng) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(rng() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /* An ordering question's first arrangement in an attempt: shuffled by rng, never already in the
   * correct order (two items: always swapped; more: a correct draw is rotated by one). */
  function arrange(q, rng) {
    var a = shuffle(q.items, rng);
    if (q.hashes ? K.matches(q, a) : a.join("") === q.correct.join("")) a = a.slice(1).concat(a.slice(0, 1));
    return a;
  }

  /* Pools by topic: each pool's count drawn from its own questions (`draw: {pool: n}`). */
  function drawPools(assessment, indices, rng) {
    var picked = [];
    Object.keys(assessment.pools).sort().forEach(function (pool) {
      var mine = indices.filter(function (i) {
        return assessment.questions[i].pool === pool;
      });
      picked = picked.concat(shuffle(mine, rng).slice(0, assessment.pools[pool]));
    });
    return shuffle(picked, rng);
  }

  /* A new attempt: draw k questions from the pool (all when no draw), shuffle the question
   * order and the choices of single/multiple questions when the assessment shuffles. */
  function draw(assessment, rng) {
    rng = rng || Math.random;
    var qs = assessment.questions;
    var k = S.drawCount({ pages: [], assessment: assessment });
    var indices = qs.map(function (q, i) {
      return i;
    });
    var picked = assessment.pools ? drawPools(assessment, indices, rng) : shuffle(indices, rng).slice(0, k);
    if (!assessment.shuffle) picked.sort(function (a, b) {
      return a - b;
    });
    return picked.map(function (i) {
      var q = qs[i];
      var mix = assessment.shuffle && (q.type === "single" || q.type === "multiple");
      var answer = q.type === "ordering" ? arrange(q, rng) : S.emptyAnswer(q);
      return { q: i, checked: false, order: mix ? shuffle(q.choices, rng).join("") : null, answer: answer };
    });
  }

  function normalise(text) {
    var s = String(text == null ? "" : text).replace(/^\s+|\s+$/g, "").toLowerCase();
    return s.normalize ? s.normalize("NFC") : s;
  }

  var typedKey = K.typedKey; // answer-key.js: the same reading as the hashed key's

  function isAnswered(q, a) {
    switch (q.type) {
      case "true-false":
        return a === true || a === false;
      case "single":
        return typeof a === "string" && a !== "";
      case "multiple":
        return !!a && a.length > 0;
      case "matching":
        return !!a && a.length === q.sources.length && a.every(function (t) {
          return !!t;
        });
      case "ordering":
        return A.isArrangement(q, a);
      case "likert":
        return typeof a === "string" && q.scale.indexOf(a) >= 0;
      default:
        return normalise(a) !== "";
    }
  }

  /* The correct matching pairs as {source: target}. */
  function pairMap(q) {
    var m = {};
    (q.correct || []).forEach(function (p) {
      var parts = String(p).split(".");
      m[parts[0]] = parts[1];
    });
    return m;
  }

  /* Is this answer correct? (fill-in: see typedKey and course-format.md) */
  function evaluate(q, a) {
    if (!isAnswered(q, a)) return false;
    if (q.hashes) return K.matches(q, a); // a hashed key (answer-key.js)
    switch (q.type) {
      case "true-false":
        return a === q.correct[0];
      case "single":
        return q.correct.length === 1 && a === q.correct[0];
      case "multiple":
        return a.length === q.correct.length && q.correct.every(function (id) {
          return a.indexOf(id) >= 0;
        });
      case "matching":
        var m = pairMap(q);
        return q.sources.every(function (s, i) {
          return m[s] === a[i];
        });
      case "fill-in":
        return q.correct.some(function (c) {
          return typedKey(c, q.accents) === typedKey(a, q.accents);
        });
      case "numeric":
        var x = F.parseDecimal(a);
        return x === x && x >= q.min && x <= q.max;
      case "ordering":
        return a.join(",") === q.correct.join(",");
      default:
        return false; // likert: a survey answer is never right or wrong (see graded)
    }
  }

  /* Does the question count in the score? A survey (likert) question never does. */
  function graded(q) {
    return q.type !== "likert";
  }

  /* Is the answer correct: true | false, or null for a question that is not graded. */
  function verdict(q, a) {
    return graded(q) ? evaluate(q, a) : null;
  }


  /* The answer as the neutral value formats.response12() expects. */
  function response(q, a) {
    switch (q.type) {
      case "true-false":
        return a;
      case "single":
        return a ? [a] : [];
      case "multiple":
        return q.choices.filter(function (id) {
          return (a || []).indexOf(id) >= 0;
        });
      case "matching":
        return q.sources.map(function (s, i) {
          return [s, a && a[i]];
        }).filter(function (p) {
          return !!p[1];
        });
      case "numeric":
        var x = F.parseDecimal(a);
        return x === x ? x : null;
      case "ordering":
        return (a || []).slice();
      case "likert":
        return a || null;
      default:
        return String(a == null ? "" : a);
    }
  }

  /* The correct responses, each a neutral value (several for fill-in; none for a numeric range). */
  function patterns(q) {
    if (q.hashes) return []; // a hashed key: none in the clear to report
    switch (q.type) {
      case "true-false":
        return [q.correct[0]];
      case "single":
      case "multiple":
        return [q.choices.filter(function (id) {
          return q.correct.indexOf(id) >= 0;
        })];
      case "matching":
        var m = pairMap(q);
        return [q.sources.map(function (s) {
          return [s, m[s]];
        })];
      case "fill-in":
        return q.correct.slice();
      case "numeric":
        return q.min === q.max ? [q.min] : [];
      case "ordering":
        return [q.correct.slice()];
      default: // likert: no correct response
        return [];
    }
  }

  /* The share of its weight an answer earns, as [numerator, denominator]: all or nothing,
   * unless the question gives partial credit (`partial: true`, docs/course-format.md).
   * matching: the pairs right over the pairs; multiple: right picks minus wrong picks over the
   * correct choices, never below 0, so that picking every choice earns nothing (the "right
   * minus wrong" of an IMS QTI 2.1 mapResponse: +1 and -1 per choice, lower bound 0). */
  function credit(q, a) {
    if (evaluate(q, a)) return [1, 1];
    if (!q.partial || !isAnswered(q, a)) return [0, 1];
    if (q.type === "matching") {
      var m = pairMap(q);
      return [q.sources.filter(function (s, i) {
        return m[s] === a[i];
      }).length, q.sources.length];
    }
    if (q.type === "multiple") {
      var hits = a.filter(function (id) {
        return q.correct.indexOf(id) >= 0;
      }).length;
      return [Math.max(0, hits - (a.length - hits)), q.correct.length];
    }
    return [0, 1];
  }

  /* The credit as a number from 0 to 1 (what the LMS records for a partly right answer). */
  function share(q, a) {
    var c = credit(q, a);
    return c[0] / c[1];
  }

  function gcd(a, b) {
    return b ? gcd(b, a % b) : a;
  }

  /* Score in percent of the graded questions: floor(100 x earned weight / total weight). The
   * sum is kept as an exact fraction (thirds and tenths are not exact in floating point), so
   * rounding never makes a pass; null when the attempt has questions but none is graded (a
   * survey: no score). */
  function score(assessment, items) {
    if (!items.length) return 0;
    var num = 0, den = 1, total = 0;
    items.forEach(function (it) {
      var q = assessment.questions[it.q];
      if (!graded(q)) return;
      var w = q.weight || 1;
      var c = credit(q, it.answer);
      var both = (den / gcd(den, c[1])) * c[1];
      num = num * (both / den) + w * c[0] * (both / c[1]);
      den = both;
      var g = gcd(num, den) || 1;
      num /= g;
      den /= g;
      total += w;
    });
    if (!total) return null;
    var whole = 100 * num;
    var under = den * total;
    return (whole - (whole % under)) / under;
  }

  var api = {
    draw: draw,
    shuffle: shuffle,
    isAnswered: isAnswered,
    evaluate: evaluate,
    arrange: arrange,
    graded: graded,
    verdict: verdict,
    response: response,
    patterns: patterns,
    score: score,
    credit: credit,
    pairMap: pairMap,
    share: share
  };

  if (root) root.CourseBuild.quiz = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
