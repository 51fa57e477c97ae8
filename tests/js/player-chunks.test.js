"use strict";
/* player-chunks.js: a page's chunks are loaded once, by a classic <script>; a failure says so
 * and the next call tries again. */
const test = require("node:test");
const assert = require("node:assert");
const { load } = require("./lib.js");

const chunks = load("player-chunks.js");

/* A document whose <script> elements succeed or fail as `outcome(src)` says, on the next tick. */
function fakeDoc(outcome) {
  const added = [];
  return {
    added,
    getElementById() {
      return null;
    },
    createElement() {
      return { remove() {} };
    },
    head: {
      appendChild(script) {
        added.push(script.src);
        setTimeout(() => (outcome(script.src) ? script.onload() : script.onerror()), 0);
      }
    }
  };
}

const config = {
  pages: [{ id: "intro" }, { id: "video" }, { id: "quiz" }],
  chunks: [
    { name: "questions", src: "assets/runtime-questions.js", pages: ["quiz"] },
    { name: "video", src: "assets/runtime-video.js", pages: ["video"] }
  ]
};

test("a page that needs no chunk is ready at once; a page's chunk loads once", async () => {
  const doc = fakeDoc(() => true);
  const loaded = [];
  const c = chunks.create(doc, config, (name) => loaded.push(name));
  assert.ok(c.ready(0));
  assert.ok(!c.ready(2));
  const [a, b] = await Promise.all([c.load(2), c.load(2)]);
  assert.ok(a && b && c.ready(2) && !c.ready(1));
  assert.deepStrictEqual(doc.added, ["assets/runtime-questions.js"]);
  assert.deepStrictEqual(loaded, ["questions"]);
  assert.ok(await c.load(2));
  assert.strictEqual(doc.added.length, 1);
});

test("a chunk that fails to load resolves false, and is tried again next time", async () => {
  let online = false;
  const doc = fakeDoc(() => online);
  const c = chunks.create(doc, config, () => {});
  assert.strictEqual(await c.load(1), false);
  assert.ok(!c.ready(1));
  online = true;
  assert.strictEqual(await c.load(1), true);
  assert.deepStrictEqual(doc.added, ["assets/runtime-video.js", "assets/runtime-video.js"]);
});

/* A document whose <script> and <link> elements succeed or fail as `outcome(address)` says. */
function fakeStyledDoc(outcome) {
  const added = [];
  return {
    added,
    getElementById() {
      return null;
    },
    createElement(tag) {
      return { tag, remove() {} };
    },
    head: {
      appendChild(el) {
        const address = el.tag === "link" ? el.href : el.src;
        added.push(address);
        setTimeout(() => (outcome(address) ? el.onload() : el.onerror()), 0);
      }
    }
  };
}

const styled = {
  pages: [{ id: "intro" }, { id: "quiz" }],
  chunks: [{ name: "questions", src: "assets/runtime-questions.js", css: "assets/runtime-questions.css", pages: ["quiz"] }]
};

test("a chunk's stylesheet is linked with its script: the page is ready once both have loaded", async () => {
  const doc = fakeStyledDoc(() => true);
  const loaded = [];
  const c = chunks.create(doc, styled, (name) => loaded.push(name));
  assert.ok(await c.load(1));
  assert.ok(c.ready(1));
  assert.deepStrictEqual(doc.added.sort(), ["assets/runtime-questions.css", "assets/runtime-questions.js"]);
  assert.deepStrictEqual(loaded, ["questions"]);
});

test("a chunk whose stylesheet fails is not ready; the next call fetches the stylesheet alone", async () => {
  let online = false;
  const doc = fakeStyledDoc((address) => online || address.endsWith(".js"));
  const loaded = [];
  const c = chunks.create(doc, styled, (name) => loaded.push(name));
  assert.strictEqual(await c.load(1), false);
  assert.ok(!c.ready(1));
  assert.deepStrictEqual(loaded, []); // the controls are not made with unstyled markup
  online = true;
  assert.strictEqual(await c.load(1), true);
  assert.deepStrictEqual(loaded, ["questions"]);
  const scripts = doc.added.filter((a) => a.endsWith(".js"));
  assert.deepStrictEqual(scripts, ["assets/runtime-questions.js"]); // its script ran once
  assert.strictEqual(doc.added.filter((a) => a.endsWith(".css")).length, 2);
});

test("a chunk's stylesheet goes right after the theme's, before a brand's extra.css, which still wins", async () => {
  const head = [{ id: "cb-css", href: "assets/coursebuild.css" }, { href: "assets/extra.css" }];
  const parent = {
    insertBefore(el, next) {
      head.splice(next ? head.indexOf(next) : head.length, 0, el);
      setTimeout(() => el.onload(), 0);
    }
  };
  head.forEach((el) => (el.parentNode = parent));
  head[0].nextSibling = head[1];
  const doc = {
    getElementById: (id) => head.find((el) => el.id === id) || null,
    createElement: (tag) => ({ tag, remove() {} }),
    head: {
      appendChild(el) {
        head.push(el);
        setTimeout(() => el.onload(), 0);
      }
    }
  };
  const c = chunks.create(doc, styled, () => {});
  assert.ok(await c.load(1));
  const sheets = head.filter((el) => el.tag !== "script").map((el) => el.href);
  assert.deepStrictEqual(sheets, ["assets/coursebuild.css", "assets/runtime-questions.css", "assets/extra.css"]);
});
