"use strict";
/* Delivery past the usual paths: a State document read again after a failed read, a resend
 * the LRS refuses although it holds it, and terminated as the page goes with a request still on
 * its way [xAPI 1.0.3 Part Three §2.1.2, §2.1.3, §2.3; cmi5 §9.3]. The lineage of the State
 * document's copies: xapi-state-lineage.test.js. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const Q = load("xapi-queue.js");
const S = load("xapi-state.js");

const { REG, memoryStorage } = require("./xapi-fixture.js");
const { settle, setup, later, start, said, reads, puts, leftQueue } = require("./xapi-lrs-fake.js");
const TERMINATED = { id: "http://adlnet.gov/expapi/verbs/terminated" };

test("a State read that timed out is tried again at the next milestone; once read, the session saves", async () => {
  let down = true;
  const h = setup({ answer: (m, path) => (down && m === "GET" && path === "activities/state" ? null : undefined) });
  await start(h);
  assert.equal(said(h.saved[h.saved.length - 1]), "save_no_answer"); // not saved yet, tried again
  later(h);
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(reads(h), 2);
  assert.equal(puts(h), 0); // the LRS's copy is still unknown: never written over
  assert.equal(said(h.saved[h.saved.length - 1]), "save_no_answer");
  down = false; // the LRS answers again: it holds no document yet
  later(h);
  h.tracker.pageSeen(1);
  await settle();
  assert.equal(reads(h), 3);
  assert.equal(JSON.parse(h.lrs.doc).location, "final");
  assert.equal(h.saved[h.saved.length - 1], "saved");
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(reads(h), 3); // read once: saved from then on
  assert.equal(JSON.parse(h.lrs.doc).location, "intro");
});

test("read again: the newer copy wins by the save count, as at launch", async () => {
  // this browser's copy is ahead of the LRS's: merged (what was sent is the union) and written
  const storage = memoryStorage();
  S.writeCopy(storage, "coursebuild.xapi.state:" + REG, Object.assign(S.fresh(), { n: 5, location: "intro", sent: { completed: true } }));
  let down = true;
  const older = Object.assign(S.fresh(), { n: 4, location: "intro", sent: { passed: true } });
  const h = setup({ storage, doc: older, answer: (m, path) => (down && m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : undefined) });
  await start(h);
  assert.equal(said(h.saved[h.saved.length - 1]), "save_refused");
  down = false;
  later(h);
  h.tracker.pageSeen(1);
  await settle();
  const written = JSON.parse(h.lrs.doc);
  assert.equal(written.location, "final");
  assert.deepEqual(written.sent, { completed: true, passed: true });
  assert.ok(written.n > 5);
  assert.equal(h.saved[h.saved.length - 1], "saved");

  // another browser: the LRS's copy has more saves, the learner's real progress; this session
  // cannot take it up now, so it never writes over it, and keeps saying so
  down = true;
  const ahead = Object.assign(S.fresh(), { n: 9, location: "final", suspendData: "real", sent: { passed: true } });
  const other = setup({ doc: ahead, answer: (m, path) => (down && m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : undefined) });
  await start(other);
  down = false;
  later(other);
  other.tracker.pageSeen(0);
  await settle();
  other.tracker.pageSeen(1);
  await settle();
  assert.equal(reads(other), 2); // known now: not read again
  assert.equal(puts(other), 0);
  assert.deepEqual(JSON.parse(other.lrs.doc), ahead);
  assert.equal(said(other.saved[other.saved.length - 1]), "save_lost");
});

test("the reads again are bounded; then the session says for good that it is not saved", async () => {
  const h = setup({ answer: (m, path) => (m === "GET" && path === "activities/state" ? [503, "Service Unavailable"] : undefined) });
  await start(h);
  for (let i = 0; i < 8; i++) {
    later(h);
    h.tracker.pageSeen(i % 2);
    await settle();
  }
  assert.equal(reads(h), 1 + S.REREADS);
  assert.equal(puts(h), 0);
  // never read: this session's place is kept in this browser only, not "refused for good"
  assert.deepEqual(h.saved[h.saved.length - 1], { code: 503, text: "Service Unavailable", final: true, key: "save_unreachable" });
  assert.equal(said(h.saved[h.saved.length - 1]), "save_unreachable");
});

test("read again, an LRS without a State API after all: the resume state stays in this browser, said saved", async () => {
  let status = [503, "Service Unavailable"];
  const h = setup({ answer: (m, path) => (path === "activities/state" ? status : undefined) });
  await start(h);
  status = [501, "Not Implemented"];
  later(h);
  h.tracker.pageSeen(1);
  await settle();
  h.tracker.pageSeen(0);
  await settle();
  assert.deepEqual([reads(h), puts(h)], [2, 0]);
  assert.equal(h.saved[h.saved.length - 1], "saved");
});

test("a resend refused (403) that the LRS holds was delivered: looked up by its id, not said lost", async () => {
  // the page closed before the answer was read; the LMS checks the closed session first
  const r = leftQueue(["a", "b", "c"], ["a", "b", "c"], () => [403, "Forbidden"]);
  r.queue.flush();
  await settle();
  assert.equal(r.queue.pending(), 0);
  assert.deepEqual(r.dropped, []);
  assert.equal(r.seen[r.seen.length - 1], null); // saved: nothing was lost
  assert.deepEqual(r.lrs.requests, ["POST statements", "GET statements?statementId=a", "GET statements?statementId=b", "GET statements?statementId=c"]);
});

test("a resend refused that the LRS does not hold is lost, and said so; one refused alone is looked up once", async () => {
  const r = leftQueue(["a", "b"], ["a"], () => [403, "Forbidden"]);
  r.queue.flush();
  await settle();
  assert.deepEqual(r.lrs.requests, ["POST statements", "GET statements?statementId=a", "GET statements?statementId=b", "POST statements"]);
  assert.deepEqual(r.dropped, ["b"]);
  assert.deepEqual(r.seen[r.seen.length - 1], { code: 403, text: "Forbidden", final: true });
  const one = leftQueue(["c"], ["c"], () => [403, "Forbidden"]);
  one.queue.flush();
  await settle();
  assert.deepEqual(one.lrs.requests, ["POST statements", "GET statements?statementId=c"]);
  assert.deepEqual([one.dropped, one.seen[one.seen.length - 1], one.queue.pending()], [[], null, 0]);
});

test("a statement this page sends for the first time and the LRS refuses is not looked up", async () => {
  const r = leftQueue([], [], () => [400, "Bad Request"]);
  r.queue.push({ id: "n", verb: { id: "v" } });
  r.queue.flush();
  await settle();
  assert.deepEqual(r.lrs.requests, ["POST statements"]);
  assert.deepEqual(r.dropped, ["n"]);
});

/* A queue whose requests never get an answer (the page is going), and what each carried. */
function going() {
  const sent = [];
  let carried = 0;
  const transport = {
    room: () => Q.KEEPALIVE_BYTES - carried,
    request(method, path, params, body, done, opts) {
      sent.push({ ids: body.map((s) => s.id), keepalive: !!(opts && opts.keepalive) });
      carried += Q.bytes(JSON.stringify(body));
    }
  };
  const queue = Q.createQueue({ transport, key: "k", storage: memoryStorage(), log: () => {}, setTimeout: () => 0, clearTimeout: () => {} });
  return { queue, sent };
}

test("a request on its way as the page goes: terminated goes, after those statements again [cmi5 §9.3.8]", () => {
  const g = going();
  g.queue.push({ id: "a", verb: { id: "v" } });
  g.queue.push({ id: "b", verb: { id: "v" } });
  g.queue.flush(); // on its way (within a round trip) when the page goes
  g.queue.push({ id: "c", verb: { id: "v" } });
  g.queue.push({ id: "t", verb: TERMINATED });
  g.queue.flushNow();
  g.queue.flushNow(); // the adapter's pagehide after the player's: nothing new
  // same ids: an LRS takes a same-id, same-body statement as already stored [xAPI 1.0.3 Part
  // Three §2.1.2]; the request it may overtake then adds nothing, or is refused after terminated
  assert.deepEqual(g.sent, [{ ids: ["a", "b"], keepalive: true }, { ids: ["a", "b", "c", "t"], keepalive: true }]);
});

test("without terminated, what is on its way is not sent twice", () => {
  const g = going();
  g.queue.push({ id: "a", verb: { id: "v" } });
  g.queue.flush();
  g.queue.push({ id: "b", verb: { id: "v" } });
  g.queue.flushNow();
  assert.deepEqual(g.sent.map((r) => r.ids), [["a"], ["b"]]);
});
