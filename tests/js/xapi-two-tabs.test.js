"use strict";
/* Two tabs of one registration share the browser's copy of the State document: the one left
 * behind never writes over the place the learner reached in the other, and what it sent is
 * never sent again from either [xAPI 1.0.3 Part Three §2.3; cmi5 §9.3.3–9.3.5]. The journey:
 * tests/e2e/xapi/test_two_sessions.py. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const A = load("adapter-xapi.js");
const T = load("tracking.js");
const { memoryStorage } = require("./xapi-fixture.js");
const { settle, setup, start, said } = require("./xapi-lrs-fake.js");

/* A second tab: the same browser storage, the same LRS. */
function tab(first) {
  const h = setup({ storage: first.env.storage });
  h.env.fetch = first.lrs.fetch;
  h.lrs = first.lrs;
  h.core = A.createCore(h.env);
  h.tracker = T.createTracker(h.env.config, h.core, { log: () => {} });
  return h;
}

test("the tab left behind yields to the one the learner went on in; what it sends reaches that one's document", async () => {
  const left = setup({ storage: memoryStorage() });
  await start(left);
  left.tracker.pageSeen(0);
  await settle();
  const on = tab(left);
  await start(on);
  on.tracker.pageSeen(1); // the learner goes on here
  await settle();
  const ours = JSON.parse(left.lrs.doc).id; // the session of the tab the learner went on in
  assert.equal(JSON.parse(left.lrs.doc).location, "final");
  left.tracker.pageSeen(1); // the tab left behind takes a step
  await settle();
  assert.equal(said(left.saved[left.saved.length - 1]), "save_elsewhere");
  assert.equal(JSON.parse(left.lrs.doc).id, ours); // not written over
  // it passes there all the same: passed goes, and is recorded as sent in the other's document
  left.tracker.quizBegin();
  left.tracker.quizAnswer(0, true);
  left.tracker.quizCheck(0, 1000, true);
  left.tracker.quizFinish();
  await settle();
  const passed = () => [...left.lrs.stored.values()].filter((s) => /\/passed$/.test(s.verb.id)).length;
  assert.equal(passed(), 1);
  const passedId = [...left.lrs.stored.values()].find((s) => /\/passed$/.test(s.verb.id)).id;
  assert.equal(JSON.parse(left.lrs.doc).sent.passed, passedId);
  assert.equal(JSON.parse(left.lrs.doc).id, ours);
  on.tracker.pageSeen(0); // the tab the learner uses saves on: it keeps what the other sent
  await settle();
  const doc = JSON.parse(left.lrs.doc);
  assert.deepEqual([doc.id, doc.location, doc.sent.passed], [ours, "intro", passedId]);
  assert.equal(said(on.saved[on.saved.length - 1]), "tracking_on");
});

test("a tab that only launched does not make the one the learner works in yield: it went nowhere", async () => {
  const working = setup({ storage: memoryStorage() });
  await start(working);
  working.tracker.pageSeen(1); // the learner's place: "final"
  await settle();
  const opened = tab(working);
  await start(opened);
  opened.tracker.pageSeen(1); // opened, it shows the learner's place and saves it, then is left alone
  await settle();
  const launched = JSON.parse(working.lrs.doc);
  assert.equal(launched.location, "final");
  working.tracker.pageSeen(0); // back in the working tab: a step
  await settle();
  assert.equal(said(working.saved[working.saved.length - 1]), "tracking_on");
  const doc = JSON.parse(working.lrs.doc);
  assert.equal(doc.location, "intro"); // its step is saved
  assert.notEqual(doc.id, launched.id);
  // the tab opened and left, taking a step now, yields to the working one: that one went on
  opened.tracker.pageSeen(0);
  await settle();
  assert.equal(said(opened.saved[opened.saved.length - 1]), "save_elsewhere");
  assert.equal(JSON.parse(working.lrs.doc).location, "intro");
});
