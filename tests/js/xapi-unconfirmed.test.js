"use strict";
/* What the runtime says when the LRS does not say: a resend refused whose look-up is refused
 * too, a result refused for good (the State document's copies), a State document never read
 * [xAPI 1.0.3 Part Three §2.1.3, §2.3, §4; cmi5 §9.3]. */
const test = require("node:test");
const assert = require("node:assert/strict");

const { REG, memoryStorage } = require("./xapi-fixture.js");
const { settle, setup, start, said, leftQueue, startedAndPassed } = require("./xapi-lrs-fake.js");

test("a resend refused whose look-up by id is refused too (a write-only credential) is not said lost: not confirmed", async () => {
  // the first send may have been stored: the LRS may refuse to say [xAPI 1.0.3 Part Three §2.1.3, §4]
  for (const get of [[403, "Forbidden"], [401, "Unauthorized"]]) {
    const r = leftQueue(["a"], ["a"], [403, "Forbidden"], get);
    r.queue.flush();
    await settle();
    assert.deepEqual(r.lrs.requests, ["POST statements", "GET statements?statementId=a"]);
    const fault = r.seen[r.seen.length - 1];
    assert.equal(said(fault), "save_unconfirmed");
    assert.notEqual(said(fault), "save_lost");
    assert.equal(r.queue.pending(), 0); // the LRS refuses it for good: not sent again and again
    assert.deepEqual(r.dropped, []); // not owed again: it may be there (cmi5: passed at most once)
  }
});

test("a resend refused that the LRS says it does not hold (404 to the look-up) is still lost", async () => {
  const r = leftQueue(["a"], [], [403, "Forbidden"], [404, "Not Found"]);
  r.queue.flush();
  await settle();
  assert.equal(said(r.seen[r.seen.length - 1]), "save_lost");
  assert.deepEqual(r.dropped, ["a"]);
});

test("a statement lost outranks one not confirmed in what the learner reads, whichever comes first", async () => {
  const readable = (q) => (q.endsWith("=b") ? [403, "Forbidden"] : undefined); // a: not there; b: not said
  for (const ids of [["a", "b"], ["b", "a"]]) {
    const r = leftQueue(ids, [], [403, "Forbidden"], readable);
    r.queue.flush();
    await settle();
    assert.deepEqual([r.queue.pending(), r.dropped], [0, ["a"]]);
    assert.equal(said(r.seen[r.seen.length - 1]), "save_lost", ids.join());
  }
});

const PASSED = "http://adlnet.gov/expapi/verbs/passed";

/* The learner passes; the LRS refuses `passed` for good while `refusing.on`. */
async function passWith(storage, lrsDoc, refusing) {
  const h = setup({
    storage, doc: lrsDoc,
    answer: (m, path, q, init) => {
      if (!refusing.on || m !== "POST" || path !== "statements" || !init.body.includes(PASSED)) return undefined;
      refusing.count = (refusing.count || 0) + 1;
      return [403, "Forbidden"];
    }
  });
  return startedAndPassed(h);
}

const verbs = (h) => [...h.lrs.stored.values()].map((s) => s.verb.id.split("/").pop());

test("a result refused for good is not recorded as sent in the LRS's State document: another computer sends it", async () => {
  const refusing = { on: true };
  const first = await passWith(memoryStorage(), null, refusing);
  assert.equal(said(first.saved[first.saved.length - 1]), "save_lost");
  assert.ok(!verbs(first).includes("passed"));
  first.tracker.exit();
  await settle();
  const lrsDoc = JSON.parse(first.lrs.doc);
  assert.ok(!lrsDoc.sent.passed, "the LRS's copy says passed went, the LRS never stored it");
  // another computer (an empty localStorage), the LRS taking it now
  const again = setup({ storage: memoryStorage(), doc: lrsDoc });
  await start(again);
  again.tracker.exit();
  await settle();
  assert.ok(verbs(again).includes("passed"));
  const passed = [...again.lrs.stored.values()].find((s) => s.verb.id === PASSED);
  assert.equal(JSON.parse(again.lrs.doc).sent.passed, passed.id);
});

test("a result refused for good is not sent again in the same session (it would be refused again)", async () => {
  const refusing = { on: true };
  const h = await passWith(memoryStorage(), null, refusing);
  const refusals = refusing.count; // the batch it went in, then it alone
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  await settle();
  assert.equal(refusing.count, refusals, "not sent again at every milestone");
  assert.ok(!JSON.parse(h.lrs.doc).sent.passed);
  assert.ok(!JSON.parse(h.env.storage.getItem("coursebuild.xapi.state:" + REG)).sent.passed); // nor the browser's
});
