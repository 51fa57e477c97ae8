"use strict";
/* Delivery past the usual paths: a State document read again after a failed read, a resend
 * the LRS refuses although it holds it, and terminated as the page goes with a request still on
 * its way [xAPI 1.0.3 Part Three §2.1.2, §2.1.3, §2.3; cmi5 §9.3]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const Q = load("xapi-queue.js");
const A = load("adapter-xapi.js");
const S = load("xapi-state.js");
const T = load("tracking.js");
const O = load("outcome.js");

const { CONFIG, ACTOR, REG, memoryStorage } = require("./xapi-fixture.js");
const ENDPOINT = "https://lrs.example.ca/xapi/";
const TERMINATED = { id: "http://adlnet.gov/expapi/verbs/terminated" };

const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

/* A fake LRS behind fetch: statements by id, the State document; `answer(method, path, query)`
 * may force [status, statusText] (null: no answer at all, as a read that timed out). */
function lrsOf(opts) {
  const lrs = { stored: new Map(), doc: opts.doc ? JSON.stringify(opts.doc) : null, requests: [] };
  lrs.fetch = (url, init) => {
    const [path, query] = url.replace(ENDPOINT, "").split("?");
    lrs.requests.push(init.method + " " + path + (query && path === "statements" ? "?" + query : ""));
    const forced = opts.answer && opts.answer(init.method, path, query || "");
    if (forced === null) return Promise.reject(new TypeError("Failed to fetch"));
    let status = 204;
    let body = "";
    if (forced) status = forced[0];
    else if (path === "statements" && init.method === "POST") {
      JSON.parse(init.body).forEach((s) => lrs.stored.set(s.id, s));
      status = 200;
    } else if (path === "statements") { // GET ?statementId=, as Ralph 5.1 answers it (200 for none)
      const found = lrs.stored.get(decodeURIComponent(query.split("=")[1]));
      status = 200;
      body = JSON.stringify({ statements: found ? [found] : [] });
    } else if (path === "activities/state" && init.method === "PUT") lrs.doc = init.body;
    else if (path === "activities/state") {
      status = lrs.doc ? 200 : 404;
      body = lrs.doc || "";
    }
    return Promise.resolve({ status, statusText: forced ? forced[1] : "", text: () => Promise.resolve(body) });
  };
  return lrs;
}

/* A core and its tracker against that LRS; every timer runs at once. */
function setup(opts) {
  const lrs = lrsOf(opts);
  const saved = [];
  const env = {
    config: JSON.parse(JSON.stringify(CONFIG)),
    launch: { endpoint: ENDPOINT, auth: "Basic dTpw", actor: ACTOR, registration: REG, activityId: "" },
    storage: opts.storage || memoryStorage(),
    setTimeout: (fn, ms) => (ms <= 100 ? Promise.resolve().then(fn) && 1 : 2),
    clearTimeout: () => {},
    onsave: (ok, e) => saved.push(ok ? "saved" : e),
    log: () => {},
    fetch: lrs.fetch
  };
  const core = A.createCore(env);
  const tracker = T.createTracker(env.config, core, { log: () => {} });
  return { lrs, core, tracker, saved, env };
}

async function start(h) {
  await new Promise((done) => h.core.loadState(done));
  h.tracker.start();
  await settle();
}

const STATUS = { tracking: true, readOnly: false, recorded: true, outcome: { completion: "incomplete" } };
const said = (fault) => O.statusLines(STATUS, { found: true, error: fault === "saved" ? null : fault })[0].key;
const reads = (h) => h.lrs.requests.filter((r) => r === "GET activities/state").length;
const puts = (h) => h.lrs.requests.filter((r) => r === "PUT activities/state").length;

test("a State read that timed out is tried again at the next milestone; once read, the session saves", async () => {
  let down = true;
  const h = setup({ answer: (m, path) => (down && m === "GET" && path === "activities/state" ? null : undefined) });
  await start(h);
  assert.equal(said(h.saved[h.saved.length - 1]), "save_no_answer"); // not saved yet, tried again
  h.tracker.pageSeen(0);
  await settle();
  assert.equal(reads(h), 2);
  assert.equal(puts(h), 0); // the LRS's copy is still unknown: never written over
  assert.equal(said(h.saved[h.saved.length - 1]), "save_no_answer");
  down = false; // the LRS answers again: it holds no document yet
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
    h.tracker.pageSeen(i % 2);
    await settle();
  }
  assert.equal(reads(h), 1 + S.REREADS);
  assert.equal(puts(h), 0);
  assert.deepEqual(h.saved[h.saved.length - 1], { code: 503, text: "Service Unavailable", final: true });
  assert.equal(said(h.saved[h.saved.length - 1]), "save_lost");
});

test("read again, an LRS without a State API after all: the resume state stays in this browser, said saved", async () => {
  let status = [503, "Service Unavailable"];
  const h = setup({ answer: (m, path) => (path === "activities/state" ? status : undefined) });
  await start(h);
  status = [501, "Not Implemented"];
  h.tracker.pageSeen(1);
  await settle();
  h.tracker.pageSeen(0);
  await settle();
  assert.deepEqual([reads(h), puts(h)], [2, 0]);
  assert.equal(h.saved[h.saved.length - 1], "saved");
});

/* A queue left by an earlier launch, against that LRS: its POSTs answered by `post(batch)`. */
function resend(ids, stored, post) {
  const storage = memoryStorage();
  const st = (id) => ({ id, verb: { id: "v" } });
  storage.setItem("k", JSON.stringify({ v: 1, statements: ids.map(st) }));
  const lrs = lrsOf({ answer: (m, path) => (m === "POST" && path === "statements" ? post() : undefined) });
  stored.forEach((id) => lrs.stored.set(id, st(id)));
  const seen = [];
  const dropped = [];
  const transport = Q.createTransport({ endpoint: ENDPOINT, auth: "Basic dTpw", fetch: lrs.fetch, setTimeout: () => 0, clearTimeout: () => {} });
  const queue = Q.createQueue({
    transport, key: "k", storage, log: () => {}, setTimeout: () => 0, clearTimeout: () => {},
    onchange: (n, fault) => seen.push(fault), ondrop: (s) => dropped.push(s.id)
  });
  return { lrs, queue, seen, dropped };
}

test("a resend refused (403) that the LRS holds was delivered: looked up by its id, not said lost", async () => {
  // the page closed before the answer was read; the LMS checks the closed session first
  const r = resend(["a", "b", "c"], ["a", "b", "c"], () => [403, "Forbidden"]);
  r.queue.flush();
  await settle();
  assert.equal(r.queue.pending(), 0);
  assert.deepEqual(r.dropped, []);
  assert.equal(r.seen[r.seen.length - 1], null); // saved: nothing was lost
  assert.deepEqual(r.lrs.requests, ["POST statements", "GET statements?statementId=a", "GET statements?statementId=b", "GET statements?statementId=c"]);
});

test("a resend refused that the LRS does not hold is lost, and said so; one refused alone is looked up once", async () => {
  const r = resend(["a", "b"], ["a"], () => [403, "Forbidden"]);
  r.queue.flush();
  await settle();
  assert.deepEqual(r.lrs.requests, ["POST statements", "GET statements?statementId=a", "GET statements?statementId=b", "POST statements"]);
  assert.deepEqual(r.dropped, ["b"]);
  assert.deepEqual(r.seen[r.seen.length - 1], { code: 403, text: "Forbidden", final: true });
  const one = resend(["c"], ["c"], () => [403, "Forbidden"]);
  one.queue.flush();
  await settle();
  assert.deepEqual(one.lrs.requests, ["POST statements", "GET statements?statementId=c"]);
  assert.deepEqual([one.dropped, one.seen[one.seen.length - 1], one.queue.pending()], [[], null, 0]);
});

test("a statement this page sends for the first time and the LRS refuses is not looked up", async () => {
  const r = resend([], [], () => [400, "Bad Request"]);
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
