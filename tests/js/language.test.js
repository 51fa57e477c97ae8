"use strict";
/* The starting language: the LMS's learner preference, else the browser's languages, else the
 * course's first; a resumed state keeps the learner's own choice; a choice is committed at once. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const T = load("tracking.js");
const S = load("state.js");

const config = {
  languages: ["en", "fr"], completion: { pages: "all", video: 0, assessment: "none" }, masteryScore: null,
  suspendDataLimit: 4096, pages: [{ id: "a", kind: "page", video: null }, { id: "b", kind: "page", video: null }],
  assessment: null
};

function adapter(init) {
  const calls = [];
  const rec = (name) => (...args) => { calls.push([name].concat(args)); return true; };
  return {
    calls, name: "rec", tracking: true,
    init: () => Object.assign({ ok: true, entry: "", status: "not attempted", mode: "normal", location: "", suspendData: "", language: "" }, init),
    setResult: rec("setResult"), setBookmark: rec("setBookmark"),
    recordInteraction: rec("recordInteraction"), setSessionTime: rec("setSessionTime"),
    setExit: rec("setExit"), commit: rec("commit"), finish: rec("finish")
  };
}

function startLang(init, browserLanguages) {
  const t = T.createTracker(config, adapter(init), { browserLanguages, log: () => {} });
  t.start();
  return config.languages[t.state.lang];
}

test("the LMS preference comes first, then the browser, then the first language", () => {
  assert.equal(startLang({ language: "fr" }, ["en-CA"]), "fr");
  assert.equal(startLang({ language: "French" }, []), "fr");
  assert.equal(startLang({ language: "en" }, ["fr-CA", "fr"]), "en");
  assert.equal(startLang({ language: "" }, ["fr-CA", "en-CA"]), "fr");
  assert.equal(startLang({ language: "de" }, ["es", "fr"]), "fr"); // no course language: next one
  assert.equal(startLang({ language: "" }, ["es-MX"]), "en");
  assert.equal(startLang({ language: "" }, undefined), "en");
});

test("a resumed state keeps the learner's choice over the LMS and the browser", () => {
  const s = S.fresh(config);
  s.lang = 1;
  const text = S.encode(config, s, null).text;
  assert.equal(startLang({ entry: "resume", suspendData: text, language: "en" }, ["en"]), "fr");
});

test("switching language is saved and committed at once", () => {
  const a = adapter({});
  const t = T.createTracker(config, a, { log: () => {} });
  t.start();
  t.pageSeen(0);
  a.calls.length = 0;
  t.setLanguage(1);
  const names = a.calls.map((c) => c[0]);
  assert.deepEqual(names.filter((n) => n === "setBookmark" || n === "commit"), ["setBookmark", "commit"]);
  const saved = a.calls.find((c) => c[0] === "setBookmark")[2];
  assert.equal(S.decode(config, saved).lang, 1);
});
