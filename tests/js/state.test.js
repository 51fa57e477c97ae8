"use strict";
/* The resume-state codec (state.js), and its tie to builder/render/suspend_budget.py: the worst case
 * state.js can produce must be exactly what the Python side promises the build. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, pythonBudgets, rng } = require("./lib.js");
const S = load("state.js");
const Q = load("quiz.js");
const CONFIGS = require("./fixtures/budget-configs.json");

const questionsOf = (c) => (c.assessment ? c.assessment.questions : []);
const shuffled = (c, q) => !!c.assessment.shuffle && (q.type === "single" || q.type === "multiple");

function worstAnswer(q) {
  switch (q.type) {
    case "true-false": return false;
    case "single": return q.choices[q.choices.length - 1];
    case "multiple": return q.choices.slice();
    case "matching": return q.targets.slice(0, q.sources.length);
    case "fill-in": return "\u0153".repeat(S.maxLength(q) + 7); // œ: 5 characters once escaped
    case "numeric": return "-".repeat(S.maxLength(q) + 3);
    case "ordering": return q.items.slice().reverse();
    case "likert": return q.scale[q.scale.length - 1];
  }
  throw new Error(q.type);
}

/* The longest state a learner can produce: every page seen, every video done, the k longest
 * questions drawn, every answer as long as it can be. */
function worstState(config) {
  const s = S.fresh(config);
  s.lang = Math.max(0, config.languages.length - 1);
  s.page = config.pages.length - 1;
  s.visited = s.visited.map(() => true);
  s.video = s.video.map(() => 100);
  s.watched = s.video.map(() => "rr" + "f".repeat(25)); // left at 99.9 %, every part watched
  if (!config.assessment) return s;
  const qs = questionsOf(config);
  const item = (q, i) => ({ q: i, checked: true, order: shuffled(config, q) ? q.choices.slice().reverse().join("") : null, answer: worstAnswer(q) });
  const empty = S.encode(config, s, null).text.length;
  const measured = qs.map((q, i) => {
    const one = JSON.parse(JSON.stringify(s));
    one.quiz.items = [item(q, i)];
    return { i, len: S.encode(config, one, null).text.length - empty };
  }).sort((a, b) => b.len - a.len);
  const k = S.drawCount(config);
  s.quiz = { used: 99999, best: 100, last: 100, phase: 1, current: k - 1, items: measured.slice(0, k).map((m) => item(qs[m.i], m.i)) };
  return s;
}

function randomText(r, n) {
  let out = "";
  const len = Math.floor(r() * (n + 1));
  for (let i = 0; i < len; i++) {
    const pick = r();
    const cu = pick < 0.5 ? 0x20 + Math.floor(r() * 95) : pick < 0.75 ? 0x80 + Math.floor(r() * 128) : 0x100 + Math.floor(r() * 0xd700);
    out += String.fromCharCode(cu);
  }
  return out;
}

function randomState(config, r) {
  const s = S.fresh(config);
  s.lang = Math.floor(r() * config.languages.length);
  s.page = Math.floor(r() * config.pages.length);
  s.visited = s.visited.map(() => r() < 0.5);
  s.video = s.video.map(() => Math.floor(r() * 101));
  const hex = () => Math.floor(r() * 16).toString(16);
  if (r() < 0.7) s.watched = s.video.map(() => (r() < 0.3 ? "" : Math.floor(r() * 1000).toString(36).padStart(2, "0") + Array.from({ length: 25 }, hex).join("")));
  if (!config.assessment) return s;
  const qs = questionsOf(config);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const order = qs.map((q, i) => i).sort(() => r() - 0.5).slice(0, Math.floor(r() * (S.drawCount(config) + 1)));
  s.quiz = {
    used: Math.floor(r() * 40),
    best: r() < 0.3 ? null : Math.floor(r() * 101),
    last: r() < 0.3 ? null : Math.floor(r() * 101),
    phase: r() < 0.5 ? 1 : 0,
    current: order.length ? Math.floor(r() * order.length) : 0,
    items: order.map((i) => {
      const q = qs[i];
      let answer;
      switch (q.type) {
        case "true-false": answer = pick([true, false, null]); break;
        case "single": answer = pick(q.choices.concat([null])); break;
        case "multiple": answer = q.choices.filter(() => r() < 0.5); break;
        case "matching": answer = q.sources.map(() => pick(q.targets.concat([null]))); break;
        case "fill-in": answer = randomText(r, S.maxLength(q)); break;
        case "numeric": answer = Array.from({ length: Math.floor(r() * (S.maxLength(q) + 1)) }, () => pick("0123456789+-.,eE".split(""))).join(""); break;
        case "ordering": answer = r() < 0.2 ? null : Q.shuffle(q.items, r); break;
        case "likert": answer = pick(q.scale.concat([null])); break;
      }
      return { q: i, checked: r() < 0.5, order: shuffled(config, q) ? q.choices.slice().sort(() => r() - 0.5).join("") : null, answer };
    })
  };
  return s;
}

test("the worst case state.js encodes is exactly what builder/render/suspend_budget.py computes", () => {
  const budgets = pythonBudgets(CONFIGS.map((c) => c.config));
  CONFIGS.forEach((c, i) => {
    const text = S.encode(c.config, worstState(c.config), null).text;
    assert.equal(text.length, budgets[i], c.name + ": " + text.slice(0, 80));
  });
});

test("no state is longer than the worst case; every state survives a round trip", () => {
  const budgets = pythonBudgets(CONFIGS.map((c) => c.config));
  const r = rng(42);
  CONFIGS.forEach((c, i) => {
    for (let n = 0; n < 300; n++) {
      const s = randomState(c.config, r);
      const text = S.encode(c.config, s, null).text;
      assert.ok(text.length <= budgets[i], c.name + ": " + text.length + " > " + budgets[i]);
      assert.match(text, /^[\x20-\x7e]*$/, "printable ASCII only");
      assert.deepEqual(S.decode(c.config, text), s, c.name + ": " + text);
    }
  });
});

test("the format: versioned, compact, as documented in state.js", () => {
  const config = CONFIGS[0].config;
  const s = S.fresh(config);
  s.page = 1;
  s.visited = [true, true, false];
  s.video = [45];
  s.quiz.items = [{ q: 2, checked: false, order: null, answer: "Hash|tag é" }, { q: 0, checked: true, order: "cab", answer: "a" }];
  s.quiz.current = 1;
  const text = S.encode(config, s, null).text;
  const fp = S.fingerprint(config);
  assert.equal(text, "1|" + fp + "|01|3|19|00000001|20Hash~7ctag ~e9|01caba");
  assert.deepEqual(S.decode(config, text), s);
  assert.equal(S.encode(config, S.fresh(config), null).text, "1|" + fp + "|00|0|00|00000000");
});

test("text escaping keeps every UTF-16 code unit", () => {
  for (const t of ["", "plain text 123", "|~^\"'\\<>&`", "élève œuvre", "\ud83d\ude00 emoji", "\u0000\u001f\u007f", "~7c^0041"]) {
    const e = S.escapeText(t);
    assert.match(e, /^[\x20-\x7e]*$/);
    assert.ok(!/[|"'\\<>&`]/.test(e), e);
    assert.equal(S.unescapeText(e), t);
    assert.ok(e.length <= 5 * t.length);
  }
});

test("another course, another version, or garbage: not restored", () => {
  const config = CONFIGS[0].config;
  const text = S.encode(config, S.fresh(config), null).text;
  const changed = JSON.parse(JSON.stringify(config));
  changed.pages.splice(1, 0, { id: "new", kind: "page", video: null });
  assert.equal(S.decode(changed, text), null);
  // each config keeps its own fingerprint, whichever was hashed last (state.js keeps one)
  assert.notEqual(S.fingerprint(changed), S.fingerprint(config));
  assert.equal(S.encode(changed, S.fresh(changed), null).text.split("|")[1], S.fingerprint(changed));
  assert.deepEqual(S.decode(config, text), S.fresh(config));
  assert.equal(S.decode(config, "2" + text.slice(1)), null);
  for (const bad of ["", "garbage", "1|", "1|zzzz|00|0|00|", text.replace("|00|", "|0|"), text.replace("|0|", "|x|")]) {
    assert.equal(S.decode(config, bad), null, bad);
  }
});

test("a damaged question field drops the drawn questions, not the rest", () => {
  const config = CONFIGS[0].config;
  const s = S.fresh(config);
  s.visited = [true, false, true];
  s.quiz.used = 1;
  s.quiz.items = [{ q: 1, checked: true, order: null, answer: true }];
  const text = S.encode(config, s, null).text.replace(/\|11t$/, "|11x");
  const back = S.decode(config, text);
  assert.deepEqual(back.visited, [true, false, true]);
  assert.equal(back.quiz.used, 1);
  assert.deepEqual(back.quiz.items, []);
});

test("over the limit: drop the least important parts, never write more than the limit", () => {
  const config = CONFIGS[3].config; // fill-in with the default maxLength of 255
  const s = worstState(config);
  s.quiz.phase = 0;
  s.quiz.items.forEach((it) => { it.checked = false; });
  const full = S.encode(config, s, null).text.length;
  const fit = S.encode(config, s, full);
  assert.deepEqual(fit.dropped, []);
  // the video's watched parts first: its percent stays, and so does everything else
  const bare = S.encode(config, s, full - 1);
  assert.deepEqual(bare.dropped, ["videos' watched parts"]);
  assert.equal(bare.text.length, full - 27);
  assert.deepEqual(S.decode(config, bare.text).video, s.video);
  assert.deepEqual(S.decode(config, bare.text).watched, [""]);
  const small = S.encode(config, s, 400);
  assert.ok(small.text.length <= 400);
  assert.deepEqual(small.dropped, ["videos' watched parts", "typed text of unchecked questions"]);
  const back = S.decode(config, small.text);
  assert.equal(back.quiz.items.length, s.quiz.items.length);
  const smaller = S.encode(config, s, 30);
  assert.ok(smaller.text.length <= 30);
  assert.deepEqual(smaller.dropped, ["videos' watched parts", "typed text of unchecked questions", "unchecked answers", "drawn questions"]);
  assert.deepEqual(S.decode(config, smaller.text).quiz.items, []);
  const none = S.encode(config, s, 10);
  assert.equal(none.text, null);
  assert.equal(none.dropped[none.dropped.length - 1], "everything");
});

test("the smallest state: no pages seen, no videos, and still the attempts, the scores and the place", () => {
  const config = CONFIGS[2].config; // 10 videos
  const s = S.fresh(config);
  s.page = 1;
  s.visited = s.visited.map(() => true);
  s.video = s.video.map(() => 100);
  s.quiz = { used: 3, best: 70, last: 20, phase: 1, current: 0, items: [] };
  const small = S.encode(config, s, 30);
  assert.deepEqual(small.dropped.slice(-2), ["drawn questions", "pages and videos"]);
  assert.ok(small.text.length <= 30, small.text);
  const back = S.decode(config, small.text);
  assert.equal(back.partial, 1, "read as a partial state");
  assert.deepEqual(back.quiz, s.quiz);
  assert.equal(back.page, 1);
  assert.deepEqual(back.visited, S.fresh(config).visited);
  assert.deepEqual(back.video, S.fresh(config).video);
  assert.equal(S.decode(config, S.encode(config, s, null).text).partial, undefined, "a whole state is not partial");
  // empty pages with videos kept is no state of this course
  assert.equal(S.decode(config, small.text.replace("|||", "||" + "00".repeat(10) + "|")), null);
});

test("a video's watched parts and place: kept per video, comma-separated; the form without them is read too", () => {
  const config = CONFIGS[2].config; // 10 videos
  const fp = S.fingerprint(config);
  const s = S.fresh(config);
  assert.equal(s.watched.length, 10);
  s.video[1] = 61;
  s.watched[1] = "h8" + "fffffffffffffff3" + "000000000"; // left at 61.6 %, parts 0-61 watched
  const text = S.encode(config, s, null).text;
  const w = text.split("|")[4].split(",");
  assert.equal(w.length, 10);
  assert.deepEqual([w[0], w[1]], ["00", "1ph8fffffffffffffff3000000000"]);
  assert.deepEqual(S.decode(config, text), s);
  // a state saved before watched parts were kept (2 digits a video): its percents, nothing else
  const before = text.split("|");
  before[4] = "001p" + "00".repeat(8);
  const old = S.decode(config, before.join("|"));
  assert.equal(old.video[1], 61);
  assert.deepEqual(old.watched, s.watched.map(() => ""));
  // nothing played yet: that same short form is written
  assert.equal(S.encode(config, old, null).text, before.join("|"));
  // damaged: a part that is not hex, a place without its parts, a missing video, a percent over 100
  for (const bad of ["1ph8fffffffffffffff300000000g", "1ph8", "1p" + "00".repeat(8), "2t" + "00".repeat(9)]) {
    const f = text.split("|");
    f[4] = bad.length > 20 || bad === "1ph8" ? ["00", bad].concat(w.slice(2)).join(",") : bad;
    assert.equal(S.decode(config, f.join("|")), null, bad);
  }
});
