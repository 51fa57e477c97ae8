"use strict";
/* A page's key in one language, `<lang>_<page>` (its section's id, the fragment of a link to it,
 * as section_id in templates/theme/_section.html.j2 writes them), is composed in one place:
 * CourseBuild.dom.key (player-dom.js). Every other runtime module asks it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const STATIC = path.join(__dirname, "..", "..", "templates", "theme", "static");

test("key(l, id) is the language, an underscore and the page id, as the template writes it", () => {
  const dom = require(path.join(STATIC, "player-dom.js"));
  assert.equal(dom.key("fr", "intro"), "fr_intro");
  assert.equal(dom.key("en", "when-in-doubt"), "en_when-in-doubt");
  const template = fs.readFileSync(path.join(STATIC, "..", "_section.html.j2"), "utf8");
  assert.match(template, /macro section_id\(l, m\) -%\}\{\{ l \}\}_\{\{ m\.id \}\}/);
});

test("no other runtime module joins a language and a page id with an underscore itself", () => {
  const joins = /\+\s*"_"\s*\+/;
  const found = fs.readdirSync(STATIC)
    .filter((name) => name.endsWith(".js") && name !== "player-dom.js")
    .filter((name) => joins.test(fs.readFileSync(path.join(STATIC, name), "utf8")));
  assert.deepEqual(found, []);
  for (const name of ["player.js", "player-nav.js", "page-files.js"]) {
    assert.match(fs.readFileSync(path.join(STATIC, name), "utf8"), /\bkey\(/, name + " asks key()");
  }
});
