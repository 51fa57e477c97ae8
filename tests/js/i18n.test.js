"use strict";
/* Every player string lives in templates/theme/i18n/<lang>.json: same keys and placeholders in
 * every language, every key the template and the player use exists, no dead keys. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { THEME, STATIC, load } = require("./lib.js");
const dom = load("player-dom.js");

const LANGS = fs.readdirSync(path.join(THEME, "i18n")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
const CATS = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(fs.readFileSync(path.join(THEME, "i18n", l + ".json"), "utf8"))]));
// every template of the theme (index.html.j2, body.html.j2), one after another
const TEMPLATE = fs.readdirSync(THEME).filter((f) => f.endsWith(".j2")).sort().map((f) => fs.readFileSync(path.join(THEME, f), "utf8")).join("\n");
// the scripts that show text: the player (player.js and its player-*.js parts), the
// long-course loader it drives, and the cmi5 adapter (its link back to the LMS)
const PLAYER_FILES = fs.readdirSync(STATIC).filter((f) => /^player(-[a-z]+)?\.js$/.test(f)).sort();
const PLAYER = PLAYER_FILES.concat(["page-files.js", "adapter-cmi5.js"]).map((f) => fs.readFileSync(path.join(STATIC, f), "utf8")).join("\n");
// what the result screen says is chosen with the outcome, as line("key") (outcome.js report)
const XAPI = ["xapi-queue.js", "xapi-state.js"].map((n) => fs.readFileSync(path.join(STATIC, n), "utf8")).join("\n");
const CORE = ["outcome.js", "outcome-report.js"].map((n) => fs.readFileSync(path.join(STATIC, n), "utf8")).join("\n");

// the builder writes a few strings into the pages itself: callout labels (markup.py, one per
// kind of its CALLOUTS) and attachment sizes (view.py)
const BUILDER = path.join(THEME, "..", "..", "builder");
const PYTHON = ["source/markup.py", "render/view.py", "source/questions.py"].map((f) => fs.readFileSync(path.join(BUILDER, f), "utf8")).join("\n");

// a string's placeholders; a counted string's are those of all its plural forms
const placeholders = (s) => [...new Set(forms(s).flatMap((f) => f.match(/\{\w+\}/g) || []))].sort();
const forms = (s) => (typeof s === "string" ? [s] : Object.entries(s).filter(([k]) => k !== "by").map(([, f]) => f));
// the placeholders that hold a quantity, and the strings where they hold a position instead
// ("Page 3 of 7"): no noun agrees with those numbers
const COUNTS = new Set(["{count}", "{n}", "{seen}", "{total}"]);
// and unit sizes ("245 KB"), where the number carries a symbol, not a noun
const POSITIONS = new Set(["page_of", "question_of", "quiz_attempt", "quiz_attempt_unlimited", "size_kb", "size_mb", "order_moved"]);

function usedKeys() {
  const keys = new Set(["true", "false"]); // TL[key] for the true/false choices
  for (const m of TEMPLATE.matchAll(/\b(?:T|TL|t\[\w+\])\.([a-z_]+)/g)) keys.add(m[1]);
  for (const m of TEMPLATE.matchAll(/data-i18n(?:-label)?="([a-z_]+)"/g)) keys.add(m[1]);
  // the string literals inside every msg(...) call of the player (parentheses matched)
  for (let at = PLAYER.indexOf("msg("); at >= 0; at = PLAYER.indexOf("msg(", at + 1)) {
    let depth = 0;
    let end = at + 3;
    do {
      if (PLAYER[end] === "(") depth++;
      else if (PLAYER[end] === ")") depth--;
      end++;
    } while (depth > 0 && end < PLAYER.length);
    for (const k of PLAYER.slice(at + 4, end - 1).matchAll(/"([a-z_]+)"/g)) keys.add(k[1]);
  }
  for (const m of CORE.matchAll(/\bline\("([a-z_]+)"/g)) keys.add(m[1]);
  // the status line's save_* keys, chosen in one line(...) by the error; or named by the xAPI
  // adapters' faults themselves (key: a resend not confirmed, a State document never read)
  for (const m of CORE.matchAll(/"(save_[a-z_]+)"/g)) keys.add(m[1]);
  for (const m of XAPI.matchAll(/\bkey(?: =|:) "([a-z_]+)"/g)) keys.add(m[1]);
  for (const m of PYTHON.matchAll(/\bplain\(\w+, "([a-z_]+)"\)/g)) keys.add(m[1]);
  for (const m of PYTHON.matchAll(/"(likert_[a-z0-9_]+)"/g)) keys.add(m[1]); // named scales (questions.py)
  const callouts = PYTHON.match(/CALLOUTS = \(([^)]*)\)/);
  for (const m of (callouts ? callouts[1] : "").matchAll(/"([a-z]+)"/g)) keys.add("callout_" + m[1]);
  return keys;
}

test("English and French catalogues exist and have the same keys and placeholders", () => {
  assert.deepEqual(LANGS, ["en", "fr"]);
  assert.deepEqual(Object.keys(CATS.fr).sort(), Object.keys(CATS.en).sort());
  for (const key of Object.keys(CATS.en)) {
    assert.equal(typeof CATS.fr[key], typeof CATS.en[key], key);
    for (const f of [...forms(CATS.en[key]), ...forms(CATS.fr[key])]) assert.ok(f.trim(), key + " is empty");
    assert.deepEqual(placeholders(CATS.fr[key]), placeholders(CATS.en[key]), key);
  }
  assert.equal(CATS.en.language_name, "English");
  assert.equal(CATS.fr.language_name, "Français");
});

test("every key used by the template and the player exists; none is unused", () => {
  const used = usedKeys();
  for (const key of used) assert.ok(key in CATS.en, "missing key: " + key);
  for (const key of Object.keys(CATS.en)) assert.ok(used.has(key), "unused key: " + key);
});

test("French typography: a no-break space before colons and percent signs", () => {
  for (const [key, s] of Object.entries(CATS.fr).flatMap(([k, v]) => forms(v).map((f) => [k, f]))) {
    assert.ok(!/ [:%]/.test(s), key + ": use U+00A0 before : and %");
    assert.ok(!/[^\u00a0\s]:( |$)/.test(s), key + ": missing U+00A0 before a colon");
  }
});

test("issue 15: a counted string agrees with its number ('1 pages vues sur 7', '1 questions')", () => {
  const msg = dom.messages(CATS, LANGS, () => "en");
  assert.equal(msg("progress_text", { seen: 1, total: 7 }, "fr"), "1 page vue sur 7");
  assert.equal(msg("progress_text", { seen: 0, total: 7 }, "fr"), "0 page vue sur 7"); // CLDR fr: 0 is "one"
  assert.equal(msg("progress_text", { seen: 2, total: 7 }, "fr"), "2 pages vues sur 7");
  assert.equal(msg("progress_text", { seen: 0, total: 1 }, "en"), "0 of 1 page seen");
  assert.equal(msg("progress_text", { seen: 1, total: 7 }, "en"), "1 of 7 pages seen");
  assert.match(msg("quiz_intro", { count: 1, pass: 80 }, "en"), /\b1 question\b(?!s)/);
  assert.match(msg("quiz_intro", { count: 1, pass: 80 }, "fr"), /\b1 question\b(?!s)/);
  assert.match(msg("quiz_intro", { count: 8, pass: 80 }, "fr"), /\b8 questions\b/);
  assert.match(msg("attempts_left", { n: 1 }, "en"), /\b1 attempt\b(?!s)/);
  assert.match(msg("attempts_left", { n: 2 }, "fr"), /\b2 tentatives\b/);
  assert.match(msg("record_todo", { n: 1 }, "fr"), /la page qui reste \(1\)/);
  // the current language when none is named, the first language's string when a key is missing
  assert.equal(msg("progress_text", { seen: 1, total: 1 }), "1 of 1 page seen");
});

test("every counted string has the plural forms its language's CLDR rules need", () => {
  for (const l of LANGS) {
    const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, s] of Object.entries(CATS[l])) {
      const counted = placeholders(s).some((p) => COUNTS.has(p)) && !POSITIONS.has(key);
      if (!counted) {
        assert.equal(typeof s, "string", l + " " + key + ": a plural form for a position");
        continue;
      }
      assert.equal(typeof s, "object", l + " " + key + ": a count without plural forms");
      assert.ok(COUNTS.has("{" + s.by + "}") && placeholders(s).includes("{" + s.by + "}"), l + " " + key + ": by");
      assert.deepEqual(Object.keys(s).filter((k) => k !== "by").sort(), needed, l + " " + key);
      for (const f of forms(s)) assert.ok(f.includes("{" + s.by + "}"), l + " " + key + ": a form without its number");
    }
  }
});
