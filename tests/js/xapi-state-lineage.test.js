"use strict";
/* The State document's lineage after a failed read: a copy outranks the LRS's only if it
 * continued from it, what a session sent reaches the LRS's copy that wins, and the reads again
 * are spaced in time [xAPI 1.0.3 Part Three §2.3; cmi5 §9.3]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const S = load("xapi-state.js");
const { REG, memoryStorage } = require("./xapi-fixture.js");
const { settle, setup, later, start, said, reads, puts } = require("./xapi-lrs-fake.js");

/* The learner's progress in the LRS, saved by a session on another computer: n saves, at "final". */
async function progressElsewhere(turns) {
  const h = setup({});
  await start(h);
  for (let i = 0; i < turns; i++) {
    h.tracker.pageSeen(i % 2);
    await settle();
  }
  h.tracker.pageSeen(1);
  await settle();
  return JSON.parse(h.lrs.doc);
}

const down503 = (gate) => (m, path) => (gate.down && m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : undefined);

test("a session that started fresh after a failed read never outranks the LRS's copy at the next launch, whatever its saves", async () => {
  const theirs = await progressElsewhere(2);
  assert.equal(theirs.location, "final");
  const storage = memoryStorage();
  const gate = { down: true }; // the read fails at launch and at every read again
  const h = setup({ storage, doc: theirs, answer: down503(gate) });
  await start(h);
  for (let i = 0; i < 10; i++) { // more saves than the LRS's copy, ending at "intro"
    later(h);
    h.tracker.pageSeen(i % 2 ? 0 : 1);
    await settle();
  }
  assert.equal(puts(h), 0);
  assert.ok(S.readCopy(storage, "coursebuild.xapi.state:" + REG).n > theirs.n);
  const next = setup({ storage, doc: theirs }); // the next launch in this browser, the LRS up
  await new Promise((done) => next.core.loadState(done));
  assert.equal(next.core.init().location, "final");
});

test("read again, the LRS's copy wins: this session's copy, saved on, never outranks it at the next launch", async () => {
  const theirs = await progressElsewhere(2);
  const storage = memoryStorage();
  const gate = { down: true };
  const h = setup({ storage, doc: theirs, answer: down503(gate) });
  await start(h);
  gate.down = false;
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(said(h.saved[h.saved.length - 1]), "save_lost"); // this session's place is not kept
  for (let i = 0; i < 10; i++) { // more saves than the LRS's copy, ending at "intro"
    h.tracker.pageSeen(i % 2 ? 0 : 1);
    await settle();
  }
  assert.equal(said(h.saved[h.saved.length - 1]), "save_lost");
  assert.deepEqual(JSON.parse(h.lrs.doc), theirs);
  assert.deepEqual(S.readCopy(storage, "coursebuild.xapi.state:" + REG), theirs); // the learner's progress, also here
  const next = setup({ storage, doc: theirs });
  await new Promise((done) => next.core.loadState(done));
  assert.equal(next.core.init().location, "final");
  assert.equal(next.core.init().suspendData, theirs.suspendData);
});

test("read again after a launch read that got no answer, the LRS's copy wins: said in words, never as error 0", async () => {
  const theirs = await progressElsewhere(1);
  let down = true;
  const h = setup({ doc: theirs, answer: (m, path) => (down && m === "GET" && path === "activities/state" ? null : undefined) });
  await start(h);
  assert.equal(said(h.saved[h.saved.length - 1]), "save_no_answer");
  down = false;
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(said(h.saved[h.saved.length - 1]), "save_unread"); // its place may not be kept: the LRS's comes first
  assert.deepEqual(JSON.parse(h.lrs.doc), theirs);
});

test("a copy that continued from the LRS's outranks it: refused saves of this session, or of a later one in this browser", async () => {
  const storage = memoryStorage();
  let refuse = false;
  const answer = (m, path) => (refuse && m === "PUT" && path === "activities/state" ? [503, "Service Unavailable"] : undefined);
  const h = setup({ storage, answer });
  await start(h);
  h.tracker.pageSeen(1);
  await settle();
  const taken = JSON.parse(h.lrs.doc);
  refuse = true;
  h.tracker.pageSeen(0);
  await settle();
  const next = setup({ storage, doc: taken, answer });
  await new Promise((done) => next.core.loadState(done));
  assert.equal(next.core.init().location, "intro"); // this browser's copy, saved after the LRS's
  next.tracker.start();
  next.tracker.pageSeen(1);
  await settle();
  next.tracker.pageSeen(0);
  await settle();
  assert.equal(puts(next), 2); // refused
  const third = setup({ storage, doc: taken });
  await new Promise((done) => third.core.loadState(done));
  assert.equal(third.core.init().location, "intro"); // the second session's, which continued from it
  assert.ok(S.readCopy(storage, "coursebuild.xapi.state:" + REG).n > taken.n);
});

test("read again, the LRS's copy wins: what this session sent reaches it, so that no launch sends it again [cmi5 §9.3]", async () => {
  const theirs = await progressElsewhere(2);
  const gate = { down: true };
  const h = setup({ doc: theirs, answer: down503(gate) });
  await start(h);
  const outcome = { completion: "completed", success: "unknown", score: null };
  h.core.setResult(outcome); // before the read again: completed goes out, known to this browser only
  h.core.commit();
  await settle();
  gate.down = false;
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  const id = (verb) => [...h.lrs.stored.values()].find((s) => s.verb.id.endsWith("/" + verb)).id;
  let held = JSON.parse(h.lrs.doc);
  assert.deepEqual(held.sent, { completed: id("completed") });
  assert.deepEqual([held.location, held.suspendData, held.n], [theirs.location, theirs.suspendData, theirs.n]);
  h.core.setResult({ completion: "completed", success: "passed", score: 0.9 }); // and after it
  h.core.commit();
  await settle();
  held = JSON.parse(h.lrs.doc);
  assert.deepEqual(held.sent, { completed: id("completed"), passed: id("passed") });
  assert.equal(held.location, theirs.location);
  assert.equal(said(h.saved[h.saved.length - 1]), "save_lost"); // its place is still not kept
  const elsewhere = setup({ doc: held }); // another computer: nothing goes twice
  await new Promise((done) => elsewhere.core.loadState(done));
  elsewhere.tracker.start();
  elsewhere.core.setResult({ completion: "completed", success: "passed", score: 0.9 });
  await settle();
  const verbs = [...elsewhere.lrs.stored.values()].map((s) => s.verb.id.split("/").pop());
  assert.deepEqual(verbs.filter((v) => v === "completed" || v === "passed"), []);
});

test("read again, the LRS's copy wins: the score failed went with reaches it too", async () => {
  const theirs = await progressElsewhere(1);
  const gate = { down: true };
  const h = setup({ doc: theirs, answer: down503(gate) });
  await start(h);
  gate.down = false;
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  h.core.setResult({ completion: "incomplete", success: "failed", score: 0.5 });
  h.core.finish(); // failed goes out as the session ends
  await settle();
  const held = JSON.parse(h.lrs.doc);
  assert.deepEqual([held.failedScore, held.location, held.n], [0.5, theirs.location, theirs.n]);
});

test("the reads again are spaced in time: pages turned quickly in an outage use one, not all", async () => {
  const gate = { down: true };
  const h = setup({ answer: down503(gate) });
  await start(h);
  for (let i = 0; i < 6; i++) { // six pages in a few seconds
    h.clock.t += 2000;
    h.tracker.pageSeen(i % 2);
    await settle();
  }
  assert.equal(reads(h), 1);
  h.clock.t += S.REREAD_MS - 12000;
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(reads(h), 2);
  h.tracker.pageSeen(1);
  await settle();
  assert.equal(reads(h), 2); // the next one 30 s after that read
  assert.equal(said(h.saved[h.saved.length - 1]), "save_refused"); // still tried again
  gate.down = false;
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  assert.deepEqual([reads(h), h.saved[h.saved.length - 1]], [3, "saved"]);
});
