"use strict";
/* A result the LRS refused for good leaves the State document's "sent" for good: a copy that
 * missed the removal (a PUT that never arrived, a copy read again that won, a Browse or Review
 * session) never brings it back, so that a later launch sends it [cmi5 §9.3.3–9.3.6; xAPI 1.0.3
 * Part Three §2.3]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const A = load("adapter-xapi.js");
const T = load("tracking.js");
const { REG, memoryStorage } = require("./xapi-fixture.js");
const { settle, setup, later, start, said, startedAndPassed } = require("./xapi-lrs-fake.js");

const PASSED = "http://adlnet.gov/expapi/verbs/passed";
const KEY = "coursebuild.xapi.state:" + REG;
const verbs = (h) => [...h.lrs.stored.values()].map((s) => s.verb.id.split("/").pop());
const copy = (h) => JSON.parse(h.env.storage.getItem(KEY));

const pass = startedAndPassed;

/* A session with the given profile against h's LRS and storage (as `setup` makes them). */
function relaunch(h, profile) {
  h.env.profile = profile;
  h.core = A.createCore(h.env);
  h.tracker = T.createTracker(h.env.config, h.core, { log: () => {} });
  return h;
}

/* The learner passes; nothing reaches the LRS's statements (503): it all waits in this browser. */
async function passedUnsent(storage) {
  const h = setup({ storage, answer: (m, path) => (m === "POST" && path === "statements" ? [503, "Service Unavailable"] : undefined) });
  await pass(h);
  const doc = JSON.parse(h.lrs.doc);
  assert.ok(doc.sent.passed, "recorded as sent: it is on its way");
  const left = JSON.parse(storage.getItem("coursebuild.xapi.queue:" + REG)).statements.map((s) => s.id);
  return { doc, left };
}

/* The LRS refuses for good (403, as a cmi5 LMS after the session it abandoned) the statements left. */
const closed = (left) => (m, path, q, init) => (m === "POST" && path === "statements" && left.some((id) => init.body.includes(id)) ? [403, "Forbidden"] : undefined);

test("the removal of a refused result survives a PUT that never arrived: the next launch sends it", async () => {
  const storage = memoryStorage();
  const gate = { stateDown: false };
  const first = setup({
    storage,
    answer: (m, path, q, init) => {
      if (m === "POST" && path === "statements" && init.body.includes(PASSED)) {
        gate.stateDown = true; // from then on the State API is down: the removal never arrives
        return [403, "Forbidden"];
      }
      return gate.stateDown && path === "activities/state" ? [503, "Service Unavailable"] : undefined;
    }
  });
  await pass(first);
  first.tracker.exit();
  await settle();
  assert.equal(said(first.saved[first.saved.length - 1]), "save_lost");
  assert.ok(JSON.parse(first.lrs.doc).sent.passed, "the LRS's copy missed the removal");
  assert.ok(!copy(first).sent.passed);
  const again = setup({ storage, doc: JSON.parse(first.lrs.doc) }); // the next launch, both up
  await start(again);
  again.tracker.exit();
  await settle();
  assert.deepEqual(verbs(again).filter((v) => v === "passed"), ["passed"]);
  const passed = [...again.lrs.stored.values()].find((s) => s.verb.id === PASSED);
  assert.equal(JSON.parse(again.lrs.doc).sent.passed, passed.id);
  const third = setup({ storage, doc: JSON.parse(again.lrs.doc) }); // and never again
  await start(third);
  third.tracker.exit();
  await settle();
  assert.ok(!verbs(third).includes("passed"));
});

test("Review: a result an earlier session left that the LRS refuses for good leaves both copies, the place untouched", async () => {
  const storage = memoryStorage();
  const { doc, left } = await passedUnsent(storage);
  const review = relaunch(setup({ storage, doc, answer: closed(left) }), { readOnly: true, mode: "Review" });
  await start(review);
  review.core.queue.flush();
  await settle();
  assert.equal(said(review.saved[review.saved.length - 1]), "save_lost");
  const held = JSON.parse(review.lrs.doc);
  assert.ok(!held.sent.passed, "the LRS's copy says passed went, the LRS never stored it");
  assert.ok(!copy(review).sent.passed, "nor this browser's");
  assert.deepEqual([held.location, held.suspendData, held.n, held.id], [doc.location, doc.suspendData, doc.n, doc.id]);
  const again = setup({ storage: memoryStorage(), doc: held }); // another computer, in Normal mode
  await start(again);
  again.tracker.exit();
  await settle();
  assert.deepEqual(verbs(again).filter((v) => v === "passed"), ["passed"]);
});

test("read again, the LRS's copy wins: a result refused for good meanwhile does not come back as sent", async () => {
  const storage = memoryStorage();
  const { doc, left } = await passedUnsent(storage);
  // on another computer the learner went on from that document: passed recorded as sent there too
  const elsewhere = setup({ doc });
  await start(elsewhere);
  elsewhere.tracker.pageSeen(0);
  await settle();
  const theirs = JSON.parse(elsewhere.lrs.doc);
  assert.ok(theirs.sent.passed);
  // back in this browser: the launch read fails; the statements left are refused for good, and
  // passed sent again too (this LRS takes none for now)
  const gate = { down: true };
  const refuse = (m, path, q, init) => closed(left)(m, path, q, init) || (m === "POST" && init.body.includes(PASSED) ? [403, "Forbidden"] : undefined);
  const h = setup({
    storage, doc: theirs,
    answer: (m, path, q, init) => (gate.down && m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : refuse(m, path, q, init))
  });
  await new Promise((done) => h.core.loadState(done));
  h.core.queue.flush();
  await settle();
  gate.down = false;
  later(h);
  h.tracker.start(); // a milestone: read again, the LRS's copy wins
  h.tracker.pageSeen(1);
  await settle();
  const held = JSON.parse(h.lrs.doc);
  assert.equal(held.location, theirs.location); // not written over
  const sent = verbs(h).includes("passed");
  assert.equal(sent, false);
  assert.equal(!!held.sent.passed, sent, "the LRS's copy says passed went: " + held.sent.passed + ", the LRS holds it: " + sent);
  assert.equal(!!copy(h).sent.passed, sent, "this browser's copy");
  const again = setup({ storage: memoryStorage(), doc: held }); // another computer
  await start(again);
  again.tracker.exit();
  await settle();
  assert.deepEqual(verbs(again).concat(verbs(h)).filter((v) => v === "passed"), ["passed"]);
});
