"use strict";
/* Every player string lives in templates/theme/i18n/<lang>.json: same keys and placeholders in
 * every language, every key the template and the player use exists, no dead keys. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { THEME, STATIC } = require("./lib.js");

const LANGS = fs.readdirSync(path.join(THEME, "i18n")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
const CATS = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(fs.readFileSync(path.join(THEME, "i18n", l + ".json"), "utf8"))]));
// every template of the theme (index.html.j2, body.html.j2), one after another
const TEMPLATE = fs.readdirSync(THEME).filter((f) => f.endsWith(".j2")).sort().map((f) => fs.readFileSync(path.join(THEME, f), "utf8")).join("\n");
// the scripts that show text: the player (player.js and its player-*.js parts) and the
// long-course loader it drives
const PLAYER_FILES = fs.readdirSync(STATIC).filter((f) => /^player(-[a-z]+)?\.js$/.test(f)).sort();
const PLAYER = PLAYER_FILES.concat(["page-files.js"]).map((f) => fs.readFileSync(path.join(STATIC, f), "utf8")).join("\n");
// what the result screen says is chosen with the outcome, as line("key") (outcome.js report)
const CORE = fs.readFileSync(path.join(STATIC, "outcome.js"), "utf8");

// the builder writes a few strings into the pages itself: callout labels (markup.py, one per
// kind of its CALLOUTS) and attachment sizes (view.py)
const BUILDER = path.join(THEME, "..", "..", "builder");
const PYTHON = ["source/markup.py", "render/view.py"].map((f) => fs.readFileSync(path.join(BUILDER, f), "utf8")).join("\n");

const placeholders = (s) => (s.match(/\{\w+\}/g) || []).sort();

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
  for (const m of PYTHON.matchAll(/\b(?:strings|labels)\["([a-z_]+)"\]/g)) keys.add(m[1]);
  const callouts = PYTHON.match(/CALLOUTS = \(([^)]*)\)/);
  for (const m of (callouts ? callouts[1] : "").matchAll(/"([a-z]+)"/g)) keys.add("callout_" + m[1]);
  return keys;
}

test("English and French catalogues exist and have the same keys and placeholders", () => {
  assert.deepEqual(LANGS, ["en", "fr"]);
  assert.deepEqual(Object.keys(CATS.fr).sort(), Object.keys(CATS.en).sort());
  for (const key of Object.keys(CATS.en)) {
    assert.equal(typeof CATS.en[key], "string", key);
    assert.ok(CATS.en[key].trim() && CATS.fr[key].trim(), key + " is empty");
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
  for (const [key, s] of Object.entries(CATS.fr)) {
    assert.ok(!/ [:%]/.test(s), key + ": use U+00A0 before : and %");
    assert.ok(!/[^\u00a0\s]:( |$)/.test(s), key + ": missing U+00A0 before a colon");
  }
});
