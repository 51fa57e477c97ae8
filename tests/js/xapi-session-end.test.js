"use strict";
/* The xAPI and cmi5 runtime as a session ends: timestamps that never tie, everything owed sent
 * as the page goes within the browser's keepalive budget (statements first, then the State
 * document), cmi5's return after Exit while statements wait, and a State document that could
 * not be read said in words [cmi5 §9.3, §10; Fetch Standard, "keepalive"]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const Q = load("xapi-queue.js");
const A = load("adapter-xapi.js");
const C = load("adapter-cmi5.js");
const T = load("tracking.js");
const O = load("outcome.js");

const { CONFIG, ACTOR, REG, memoryStorage } = require("./xapi-fixture.js");
const ENDPOINT = "https://lrs.example.ca/xapi/";
const STATE_KEY = "coursebuild.xapi.state:" + REG;

const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

/* A browser's fetch and an LRS behind it. A keepalive request whose body would take the bodies
 * of the keepalive requests in flight past 64 KiB is refused outright (a TypeError, as Chromium
 * does); what is sent arrives at the LRS. While the page lives, answers come back; once it is
 * gone (leave()), none does: release() lets the held ones go at the end of a test.
 * down(method, path): the LRS answers 503. */
function browser(opts) {
  opts = opts || {};
  const lrs = { statements: [], docs: new Map(opts.docs || []), requests: [], refused: [] };
  let carried = 0;
  let live = true;
  const held = [];
  function fetch(url, init) {
    const path = url.replace(ENDPOINT, "").split("?")[0];
    const size = Buffer.byteLength(init.body || "", "utf8");
    if (init.keepalive && carried + size > 65536) {
      lrs.refused.push([init.method, path, size]);
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    if (init.keepalive) carried += size;
    lrs.requests.push({ method: init.method, path, keepalive: init.keepalive, size, live });
    let status = 204;
    let body = "";
    if (opts.down && opts.down(init.method, path)) status = 503;
    else if (path === "statements") {
      JSON.parse(init.body).forEach((s) => lrs.statements.push(s));
      status = 200;
    } else if (path === "activities/state") {
      if (init.method === "PUT") lrs.docs.set("resume", init.body);
      else if (lrs.docs.has("resume")) {
        status = 200;
        body = lrs.docs.get("resume");
      } else status = 404;
    }
    return new Promise((resolve) => {
      const answer = () => {
        if (init.keepalive) carried -= size;
        resolve({ status, statusText: status === 503 ? "Service Unavailable" : "", text: () => Promise.resolve(body) });
      };
      if (live) Promise.resolve().then(answer);
      else held.push(answer);
    });
  }
  return {
    lrs, fetch,
    leave: () => (live = false),
    release: () => held.splice(0).forEach((a) => a())
  };
}

/* A core and its tracker in that browser; the gathering timer runs, a backoff never does. */
function setup(opts) {
  opts = opts || {};
  const b = opts.browser || browser(opts);
  let clock = Date.UTC(2025, 0, 6, 14);
  let leaving = false;
  const saved = [];
  const env = {
    config: JSON.parse(JSON.stringify(CONFIG)),
    launch: { endpoint: ENDPOINT, auth: "Basic dTpw", actor: ACTOR, registration: REG, activityId: "" },
    storage: opts.storage || memoryStorage(),
    now: opts.now || (() => (clock += 1000)),
    setTimeout: (fn, ms) => (ms <= 100 ? Promise.resolve().then(fn) && 1 : 2),
    clearTimeout: () => {},
    hidden: () => leaving,
    onsave: (ok, e) => saved.push(ok ? "saved" : e),
    fetch: b.fetch
  };
  const core = A.createCore(env);
  const tracker = T.createTracker(env.config, core, { log: () => {} });
  return { b, core, tracker, env, saved, leave: () => {
    b.leave();
    leaving = true;
  } };
}

async function start(h) {
  await new Promise((done) => h.core.loadState(done));
  h.tracker.start();
  await settle();
}

const verb = (s) => s.verb.display["en-US"];

test("failed and terminated made in the same millisecond: terminated is still later [cmi5 §9.3]", async () => {
  const frozen = Date.UTC(2025, 0, 6, 14); // a clock that does not move between two statements
  const h = setup({ now: () => frozen });
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  h.tracker.quizAnswer(0, false);
  h.tracker.quizCheck(0, 1000, true);
  h.tracker.quizFinish();
  h.tracker.exit();
  await settle();
  const sent = h.b.lrs.statements;
  assert.deepEqual(sent.slice(-2).map(verb), ["failed", "terminated"]);
  const stamps = sent.map((s) => s.timestamp);
  assert.deepEqual(stamps, stamps.slice().sort()); // made in order
  assert.equal(new Set(stamps).size, stamps.length); // and none ties
  assert.ok(sent[sent.length - 1].timestamp > sent[sent.length - 2].timestamp);
});

/* A statement of about `size` bytes. */
const big = (i, size) => ({ id: "s" + String(i).padStart(3, "0"), verb: { id: "v" }, pad: "x".repeat(size - 40) });

function queueIn(b, storage) {
  const transport = Q.createTransport({ endpoint: ENDPOINT, auth: "Basic dTpw", fetch: b.fetch, setTimeout: () => 0, clearTimeout: () => {} });
  return Q.createQueue({ transport, key: "k", storage, log: () => {}, setTimeout: () => 0, clearTimeout: () => {} });
}

test("pagehide sends everything owed in one request when it fits the budget, past 25 statements and 30 kB", async () => {
  const b = browser();
  const storage = memoryStorage();
  const q = queueIn(b, storage);
  const owed = Array.from({ length: 60 }, (_, i) => big(i, 1000)); // 60 kB: more than a batch while the page lives
  owed.forEach((s) => q.push(s)); // the gathering timer never runs: the page goes first
  b.leave();
  q.flushNow();
  q.flushNow(); // the adapter's pagehide after the player's: nothing left
  assert.deepEqual(b.lrs.refused, []);
  // one request: requests sent at once on separate connections may arrive in any order
  assert.deepEqual(b.lrs.requests.map((r) => [r.path, r.keepalive]), [["statements", true]]);
  assert.deepEqual(b.lrs.statements.map((s) => s.id), owed.map((s) => s.id)); // all, in order
  assert.equal(q.pending(), 60); // kept until an answer says they arrived (none will)
  b.release();
});

const TERMINATED = { id: "http://adlnet.gov/expapi/verbs/terminated" };
const ended = (i, size) => Object.assign(big(i, size), { verb: TERMINATED });

test("more than fits: one request, the first statements in order; terminated waits with the rest [cmi5 §9.3.8]", async () => {
  const b = browser();
  const storage = memoryStorage();
  const q = queueIn(b, storage);
  const owed = Array.from({ length: 79 }, (_, i) => big(i, 1000)).concat([ended(79, 1000)]); // 80 kB
  owed.forEach((s) => q.push(s));
  b.leave();
  q.flushNow();
  q.flushNow();
  assert.deepEqual(b.lrs.refused, []);
  assert.equal(b.lrs.requests.length, 1);
  const arrived = b.lrs.statements.map((s) => s.id);
  assert.ok(arrived.length >= 60, String(arrived.length)); // 64 KiB of 1 kB statements, nearly
  assert.deepEqual(arrived, owed.slice(0, arrived.length).map((s) => s.id));
  assert.ok(!arrived.includes("s079"));
  const next = browser();
  const again = queueIn(next, storage); // the next launch, same browser
  again.flush();
  await settle();
  assert.deepEqual(next.lrs.statements.map((s) => s.id), owed.map((s) => s.id)); // 204/409 for what arrived
  b.release();
});

/* `count` statements of 1 kB and terminated owed as the page goes, the first 25 on their way
 * in an ordinary request (keepalive) then: the browser, the queue, what was owed and the ids
 * the LRS received, in two requests and nothing refused. */
function goingWithARequestOnItsWay(count) {
  const b = browser();
  const q = queueIn(b, memoryStorage());
  const owed = Array.from({ length: count }, (_, i) => big(i, 1000)).concat([ended(count, 500)]);
  owed.slice(0, 27).forEach((s) => q.push(s));
  q.flush(); // 25 statements on their way when the page goes
  owed.slice(27).forEach((s) => q.push(s));
  b.leave();
  q.flushNow();
  q.flushNow(); // the adapter's pagehide after the player's
  assert.deepEqual(b.lrs.refused, []);
  assert.deepEqual(b.lrs.requests.map((r) => r.path), ["statements", "statements"]);
  return { b, q, owed, ids: b.lrs.statements.map((s) => s.id) };
}

test("a request on its way as the page goes: terminated goes, with its statements again, so that nothing follows it [cmi5 §9.3.8]", async () => {
  const { b, q, owed, ids } = goingWithARequestOnItsWay(30);
  // the second carries the first's 25 again (same ids: stored once), then the rest, terminated last
  assert.deepEqual(ids, owed.slice(0, 25).concat(owed).map((s) => s.id));
  assert.equal(q.pending(), 31);
  b.release();
});

test("a request on its way and more owed than the budget holds both: what is not on its way goes, terminated last, none cut", async () => {
  // Carrying the request on its way again as well (the budget already counts its bytes) cut the
  // batch: terminated and the last statements stayed behind, and the LMS abandoned the session.
  // 25 kB on their way: 39 kB of the budget left for 30 kB more and terminated
  const { b, owed, ids } = goingWithARequestOnItsWay(55);
  assert.deepEqual(ids, owed.map((s) => s.id)); // every one once, terminated last
  b.release();
});

test("pagehide with a commit before finish: the answers and terminated go in one request, terminated last", async () => {
  const h = setup();
  await start(h);
  h.tracker.pageSeen(0);
  await settle();
  const before = h.b.lrs.requests.length;
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  h.tracker.quizAnswer(0, true);
  h.tracker.quizCheck(0, 1000, true);
  h.leave(); // the page goes before the gathering timer: the player's finish, then the adapter's pagehide
  h.tracker.exit(); // commits (the bookmark moved), then finishes
  h.core.pagehide();
  await settle();
  const posts = h.b.lrs.requests.slice(before).filter((r) => r.path === "statements");
  assert.equal(posts.length, 1, JSON.stringify(posts));
  assert.equal(verb(h.b.lrs.statements[h.b.lrs.statements.length - 1]), "terminated");
  assert.ok(h.b.lrs.statements.some((s) => verb(s) === "answered"));
  h.b.release();
});

test("the keepalive budget counts UTF-8 bytes; past it, a request while the page lives goes without keepalive", async () => {
  assert.equal(Q.bytes("abc"), 3);
  assert.equal(Q.bytes("é"), 2);
  assert.equal(Q.bytes("€"), 3);
  assert.ok(Q.bytes("😀") >= 4);
  const b = browser();
  let clock = 0;
  const t = Q.createTransport({ endpoint: ENDPOINT, fetch: b.fetch, now: () => clock, setTimeout: () => 0, clearTimeout: () => {} });
  const answered = [];
  t.request("PUT", "activities/state", null, "é".repeat(20000), (s) => answered.push(s), { keepalive: true });
  assert.equal(t.room(), 65536 - 40000);
  t.request("PUT", "activities/state", null, "x".repeat(30000), (s) => answered.push(s), { keepalive: true });
  assert.deepEqual(b.lrs.requests.map((r) => r.keepalive), [true, false]);
  assert.deepEqual(b.lrs.refused, []);
  await settle();
  assert.deepEqual(answered, [204, 204]);
  clock += Q.FREED_MS;
  assert.equal(t.room(), 65536);
});

test("a keepalive request that ended a moment ago still counts: Chromium frees its share a little later", async () => {
  let clock = 1000;
  const b = browser();
  const t = Q.createTransport({ endpoint: ENDPOINT, fetch: b.fetch, now: () => clock, setTimeout: () => 0, clearTimeout: () => {} });
  const answered = [];
  t.request("PUT", "activities/state", null, "x".repeat(30000), (s) => answered.push(s), { keepalive: true });
  await settle();
  assert.deepEqual(answered, [204]);
  assert.equal(t.room(), 65536 - 30000); // answered, read, and still counted
  clock += Q.FREED_MS - 1;
  assert.equal(t.room(), 65536 - 30000);
  clock += 1;
  assert.equal(t.room(), 65536);
});

/* A session whose last page changes the LMS refused (503), closed with a resume state of
 * `length` characters: what pagehide sends. */
async function closeWithState(length) {
  let down = false;
  const h = setup({ down: (m, path) => down && path === "statements" });
  await start(h);
  h.tracker.pageSeen(0);
  await settle();
  down = true;
  h.tracker.pageSeen(1);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.pageSeen(0);
  await settle();
  const before = JSON.parse(h.b.lrs.docs.get("resume"));
  h.core.setBookmark(null, "x".repeat(length));
  down = false;
  h.leave(); // pagehide: the player's finish, then the adapter's pagehide
  h.tracker.exit();
  h.core.pagehide();
  return { h, before };
}

test("a 64,000-character resume state as the page goes: the statements go first, the state waits in the browser", async () => {
  const { h, before } = await closeWithState(64000);
  const { lrs } = h.b;
  assert.deepEqual(lrs.refused, []); // nothing the browser would refuse
  assert.deepEqual(lrs.statements.map(verb), ["initialized", "experienced", "experienced", "experienced", "terminated"]);
  const gone = lrs.requests.filter((r) => !r.live);
  assert.ok(gone.every((r) => r.keepalive) && gone.reduce((n, r) => n + r.size, 0) <= 65536);
  assert.deepEqual(JSON.parse(lrs.docs.get("resume")), before); // not sent: it did not fit
  const local = JSON.parse(h.env.storage.getItem(STATE_KEY));
  assert.equal(local.suspendData.length, 64000);
  assert.ok(local.n > before.n);
  h.b.release();
  // the next launch in this browser resumes from that copy and gives it to the LRS
  const again = setup({ storage: h.env.storage, docs: lrs.docs });
  await new Promise((done) => again.core.loadState(done));
  assert.equal(again.core.init().suspendData.length, 64000);
  again.core.commit();
  await settle();
  assert.equal(JSON.parse(again.b.lrs.docs.get("resume")).suspendData.length, 64000);
});

test("a resume state that fits beside the statements goes too, after them", async () => {
  const { h } = await closeWithState(20000);
  const gone = h.b.lrs.requests.filter((r) => !r.live);
  assert.deepEqual(h.b.lrs.refused, []);
  assert.deepEqual(gone.map((r) => r.method + " " + r.path), ["POST statements", "PUT activities/state"]);
  assert.equal(JSON.parse(h.b.lrs.docs.get("resume")).suspendData.length, 20000);
  h.b.release();
});

test("a State document that got no answer at launch is said in words, not as error 0", async () => {
  const h = setup();
  h.env.fetch = () => Promise.reject(new TypeError("Failed to fetch")); // timed out, or no network
  let clock = 0;
  h.env.now = () => clock;
  const core = A.createCore(h.env);
  await new Promise((done) => core.loadState(done));
  const status = { tracking: true, readOnly: false, recorded: true, outcome: { completion: "incomplete" } };
  const keys = (fault) => O.statusLines(status, { found: true, error: fault }).map((l) => l.key);
  assert.deepEqual(h.saved.pop(), { code: 0, text: "" }); // not saved yet: read again at the next milestones
  assert.deepEqual(keys({ code: 0, text: "" }), ["save_no_answer"]);
  for (let i = 0; i < load("xapi-state.js").REREADS; i++) {
    clock += load("xapi-state.js").REREAD_MS; // the reads again are spaced in time
    core.setBookmark("p" + i, null);
    core.commit();
    await settle();
  }
  const fault = h.saved.pop(); // none of them answered: for good
  // never read: not "the one it holds comes first" (save_unread, once a read again worked and
  // the LRS's copy won), but its place is kept in this browser only
  assert.deepEqual(fault, { code: 0, text: "", final: true, key: "save_unreachable" });
  assert.deepEqual(keys(fault), ["save_unreachable"]);
  const refused = { code: 503, text: "Service Unavailable", final: true };
  assert.deepEqual(O.statusLines(status, { found: true, error: refused })[0], { key: "save_lost", vars: { error: "503 \u2013 Service Unavailable" } });
});

/* A page for cmi5's return: the status line, the catalogues, timers run by hand. */
function cmi5Page(lang) {
  const timers = [];
  const assigned = [];
  const inserted = [];
  let focused = null;
  const el = (tag) => ({
    tag, attrs: {}, children: [], className: "", href: "", textContent: "",
    setAttribute(k, v) {
      this.attrs[k] = v;
    },
    appendChild(c) {
      this.children.push(c);
    },
    focus() {
      focused = this;
    }
  });
  const status = Object.assign(el("p"), { nextSibling: null, parentNode: { insertBefore: (n) => inserted.push(n) } });
  const cats = { en: { return_to_lms: "Return to your learning platform" }, fr: { return_to_lms: "Retourner à votre plateforme d'apprentissage" } };
  const win = {
    setTimeout: (fn) => timers.push(fn),
    location: { assign: (u) => assigned.push(u) },
    document: {
      documentElement: { lang },
      createElement: el,
      getElementById: (id) => (id === "cb-status" ? status : id === "coursebuild-i18n" ? { textContent: JSON.stringify(cats) } : null)
    }
  };
  const run = () => {
    while (timers.length) timers.shift()();
  };
  return { win, run, assigned, inserted, focused: () => focused };
}

test("cmi5 Exit while statements wait: told, with a link to return, not moved on [cmi5 §10]", () => {
  const p = cmi5Page("fr");
  const said = [];
  const core = { queue: { pending: () => 2 } };
  C.returnWhenSent(p.win, core, "https://lms.example.ca/return", (ok, e) => said.push([ok, e]));
  p.run(); // the wait (3 s) ends with 2 statements waiting
  assert.deepEqual(p.assigned, []);
  assert.deepEqual(said, [[false, { code: 0, text: "" }]]); // the status: session_ended_unsaved
  const status = { tracking: true, readOnly: false, recorded: true, outcome: { completion: "incomplete" } };
  assert.deepEqual(O.statusLines(status, { found: true, ended: true, error: said[0][1] }).map((l) => l.key), ["session_ended_unsaved"]);
  const link = p.inserted[0].children[0];
  assert.equal(link.href, "https://lms.example.ca/return");
  assert.equal(link.textContent, "Retourner à votre plateforme d'apprentissage");
  assert.equal(p.focused(), link);
});

test("cmi5 Exit with everything delivered: to returnURL, as before", () => {
  const p = cmi5Page("en");
  let pending = 1;
  C.returnWhenSent(p.win, { queue: { pending: () => pending } }, "https://lms.example.ca/return", () => assert.fail("nothing to say"));
  pending = 0; // delivered during the wait
  p.run();
  assert.deepEqual(p.assigned, ["https://lms.example.ca/return"]);
  assert.deepEqual(p.inserted, []);
});
