"use strict";
/* xapi-queue.js: what each LRS answer means, backoff, batches, and a queue that loses nothing
 * and never sends a statement with another id [xAPI 1.0.3 §2.4.1; Part Three §2.1]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const Q = load("xapi-queue.js");

test("what an answer means [xAPI 1.0.3 Part Three §2.1]", () => {
  const table = {
    200: "delivered", 204: "delivered", 409: "duplicate", 400: "rejected", 403: "rejected", 413: "rejected",
    0: "retry", 401: "retry", 404: "retry", 429: "retry", 500: "retry", 502: "retry", 503: "retry"
  };
  for (const [status, meaning] of Object.entries(table)) assert.equal(Q.outcome(Number(status)), meaning, status);
});

test("backoff: exponential, capped at a minute, jittered +-20%", () => {
  assert.equal(Q.backoff(0, () => 0.5), 1000);
  assert.equal(Q.backoff(1, () => 0.5), 2000);
  assert.equal(Q.backoff(3, () => 0.5), 8000);
  assert.equal(Q.backoff(50, () => 0.5), 60000);
  assert.equal(Q.backoff(0, () => 0), 800);
  assert.equal(Q.backoff(0, () => 0.999999), 1200);
});

test("batches: in order, at most BATCH_MAX, and under a byte budget", () => {
  const many = Array.from({ length: 60 }, (_, i) => ({ id: "s" + i }));
  const b = Q.batches(many);
  assert.deepEqual(b.map((x) => x.length), [25, 25, 10]);
  assert.deepEqual([].concat(...b).map((s) => s.id), many.map((s) => s.id));
  const big = Array.from({ length: 5 }, (_, i) => ({ id: "b" + i, pad: "x".repeat(400) }));
  assert.ok(Q.batches(big, 1000).every((x) => JSON.stringify(x).length <= 1000));
  assert.deepEqual(Q.batches([{ id: "huge", pad: "x".repeat(5000) }], 1000).length, 1); // alone if it must
});

test("transport: version header, the launch's Authorization, JSON, query parameters", async () => {
  const seen = [];
  const t = Q.createTransport({
    endpoint: "https://lrs.example.ca/xapi/", auth: "Basic dTpw",
    fetch: (url, init) => {
      seen.push([url, init]);
      return Promise.resolve({ status: 204, text: () => Promise.resolve("") });
    }
  });
  const status = await new Promise((done) => t.request("PUT", "activities/state",
    { activityId: "https://c/1", agent: { mbox: "mailto:a@b.ca" }, registration: "", stateId: "s" }, { a: 1 }, done));
  assert.equal(status, 204);
  const [url, init] = seen[0];
  assert.equal(url, "https://lrs.example.ca/xapi/activities/state?activityId=https%3A%2F%2Fc%2F1&agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.ca%22%7D&stateId=s");
  assert.deepEqual(init.headers, { "X-Experience-API-Version": "1.0.3", Authorization: "Basic dTpw", "Content-Type": "application/json" });
  assert.equal(init.body, '{"a":1}');
  const failed = Q.createTransport({ endpoint: "x/", fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
  assert.equal(await new Promise((done) => failed.request("GET", "statements", null, null, done)), 0);
  const none = Q.createTransport({ endpoint: "x/", fetch: (u, init) => {
    assert.equal("Authorization" in init.headers, false); // no credential: none invented
    return Promise.resolve({ status: 200, text: () => Promise.resolve("[]") });
  } });
  await new Promise((done) => none.request("GET", "statements", null, null, done));
});

/* A fake LRS: answers in turn (then 200; null: never), records each request's statement ids;
 * and the browser's keepalive budget: the bodies of the keepalive requests not answered yet. */
function harness(answers, storage) {
  const requests = [];
  const timers = [];
  const logs = [];
  const store = storage || new Map();
  let carried = 0;
  const transport = {
    room: () => Q.KEEPALIVE_BYTES - carried,
    request(method, path, params, body, done, opts) {
      const ids = body.map((s) => s.id);
      const keepalive = !!(opts && opts.keepalive);
      const bytes = Q.bytes(JSON.stringify(body));
      requests.push({ ids, keepalive, bytes, done });
      if (keepalive) carried += bytes;
      const status = answers.length ? answers.shift() : 200;
      if (status !== null) Promise.resolve().then(() => {
        if (keepalive) carried -= bytes;
        if (done) done(status, status === 400 ? "bad" : "");
      });
    }
  };
  const queue = Q.createQueue({
    transport, key: "k", log: (m) => logs.push(m), rng: () => 0.5,
    storage: { getItem: (k) => store.get(k) || null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) },
    setTimeout: (fn, ms) => timers.push({ fn, ms }) && timers.length, clearTimeout: (n) => { if (timers[n - 1]) timers[n - 1].fn = null; }
  });
  async function tick() {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  }
  async function runTimers() {
    while (timers.some((t) => t.fn)) {
      const t = timers.find((x) => x.fn);
      const fn = t.fn;
      t.fn = null;
      fn();
      await tick();
    }
  }
  const stored = () => (store.get("k") ? JSON.parse(store.get("k")).statements.map((s) => s.id) : []);
  return { queue, requests, timers, logs, store, tick, runTimers, stored };
}

const st = (id) => ({ id, verb: { id: "v" } });

test("queued statements are in storage before they are sent, and leave it when delivered", async () => {
  const h = harness([]);
  h.queue.push(st("a"));
  h.queue.push(st("b"));
  assert.deepEqual(h.stored(), ["a", "b"]);
  assert.equal(h.requests.length, 0); // gathered for GATHER_MS, then sent together
  await h.runTimers();
  assert.deepEqual(h.requests.map((r) => r.ids), [["a", "b"]]);
  assert.deepEqual(h.stored(), []);
  assert.equal(h.queue.pending(), 0);
});

test("LRS down: retried with backoff, the same ids, in order; a click does not cut the wait", async () => {
  const h = harness([0, 503, 500]);
  h.queue.push(st("a"));
  h.timers[0].fn();
  h.timers[0].fn = null;
  await h.tick();
  assert.equal(h.requests.length, 1);
  assert.equal(h.timers[h.timers.length - 1].ms, 1000);
  h.queue.push(st("b"));
  h.queue.flush(); // the learner moved on: no request while a backoff runs
  assert.equal(h.requests.length, 1);
  await h.runTimers();
  assert.deepEqual(h.requests.map((r) => r.ids), [["a"], ["a", "b"], ["a", "b"], ["a", "b"]]);
  assert.deepEqual(h.timers.map((t) => t.ms).slice(1), [1000, 2000, 4000]);
  assert.deepEqual(h.stored(), []);
});

test("the next launch sends what the last one could not, with the same ids", async () => {
  const store = new Map();
  const first = harness([0, 0, 0, 0, 0], store);
  first.queue.push(st("a"));
  first.queue.push(st("b"));
  first.timers[0].fn();
  await first.tick();
  assert.deepEqual(first.stored(), ["a", "b"]); // the page closes here
  const second = harness([], store);
  assert.equal(second.queue.pending(), 2);
  second.queue.flush();
  await second.tick();
  assert.deepEqual(second.requests.map((r) => r.ids), [["a", "b"]]);
  assert.deepEqual(second.stored(), []);
});

test("409: already in the LRS (a lost answer), never sent again [xAPI 1.0.3 Part Three §2.1.2]", async () => {
  const h = harness([409]);
  h.queue.push(st("a"));
  await h.runTimers();
  assert.deepEqual(h.requests.map((r) => r.ids), [["a"]]);
  assert.deepEqual(h.stored(), []);
  assert.match(h.logs[0], /already in the LRS \(409\)/);
});

test("400 on a batch: split, the one refused is dropped with a warning, the rest delivered", async () => {
  const h = harness([400, 200, 400, 200]);
  ["a", "b", "c"].forEach((id) => h.queue.push(st(id)));
  await h.runTimers();
  assert.deepEqual(h.requests.map((r) => r.ids), [["a", "b", "c"], ["a"], ["b"], ["c"]]);
  assert.deepEqual(h.stored(), []);
  assert.equal(h.logs.length, 1);
  assert.match(h.logs[0], /refused statement b \(400 bad\): dropped/);
});

test("409 on a batch: split too (a batch is all or nothing), nothing lost", async () => {
  const h = harness([409, 204, 409, 200]);
  ["a", "b", "c"].forEach((id) => h.queue.push(st(id)));
  await h.runTimers();
  assert.deepEqual(h.requests.map((r) => r.ids), [["a", "b", "c"], ["a"], ["b"], ["c"]]);
  assert.deepEqual(h.stored(), []);
});

test("pagehide: keepalive, never two requests carrying one statement at once", async () => {
  const h = harness([null, null, null]); // no answers: the page is gone
  h.queue.push(st("a"));
  h.timers[0].fn();
  h.timers[0].fn = null; // a normal request for [a] is in flight
  h.queue.push(st("b"));
  h.queue.flushNow();
  h.queue.flushNow(); // twice (player and adapter): nothing new to send
  h.queue.push(st("c"));
  h.queue.flushNow();
  // all keepalive: the one on its way when the page goes still arrives
  assert.deepEqual(h.requests.map((r) => [r.ids, r.keepalive]), [[["a"], true], [["b"], true], [["c"], true]]);
  assert.deepEqual(h.stored(), ["a", "b", "c"]); // until an answer says they arrived
});

test("a keepalive answered while the page lives settles like any answer", async () => {
  const h = harness([204]);
  h.queue.push(st("a"));
  h.queue.flushNow();
  await h.tick();
  assert.deepEqual(h.stored(), []);
});

test("storage full or blocked: sent from memory, said once", async () => {
  const logs = [];
  const sent = [];
  const q = Q.createQueue({
    key: "k", log: (m) => logs.push(m), clearTimeout: () => {},
    setTimeout: (fn) => {
      Promise.resolve().then(fn);
      return 1;
    },
    storage: { getItem: () => null, setItem: () => { throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); }, removeItem: () => {} },
    transport: { request: (m, p, q2, body, done) => { sent.push(body.map((s) => s.id)); done(200); } }
  });
  q.push(st("a"));
  q.push(st("b"));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  assert.deepEqual(sent, [["a", "b"]]);
  assert.equal(q.pending(), 0);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /QuotaExceededError/);
});

test("the page hears when delivery fails and when it works again (not at every push)", async () => {
  const seen = [];
  const answers = [503, 200];
  const timers = [];
  const q = Q.createQueue({
    key: "k", storage: null, rng: () => 0.5, clearTimeout: () => {},
    setTimeout: (fn) => timers.push(fn),
    onchange: (pending, failing) => seen.push([pending, failing]),
    transport: { request: (m, p, q2, body, done) => Promise.resolve().then(() => done(answers.shift())) }
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  q.push(st("a"));
  timers.shift()();
  await settle();
  q.push(st("b")); // while the LRS is down: still failing
  timers.shift()(); // the backoff ends
  await settle();
  const down = { code: 503, text: "" };
  assert.deepEqual(seen, [[1, null], [1, down], [2, down], [0, null]]);
});

/* Issue 13 #7, xAPI: an LRS that answers 405 (or any error) has not saved the statements. */
test("the page hears the LRS's error (405, network) until delivery works; a statement refused for good stays said", async () => {
  const seen = [];
  const answers = [[405, "", "Method Not Allowed"], [0, "", ""], [200, "", "OK"], [400, "{}", "Bad Request"], [200, "", "OK"]];
  const timers = [];
  const q = Q.createQueue({
    key: "k", storage: null, rng: () => 0.5, clearTimeout: () => {}, log: () => {},
    setTimeout: (fn) => timers.push(fn),
    onchange: (pending, fault) => seen.push([pending, fault]),
    transport: { request: (m, p, q2, body, done) => Promise.resolve().then(() => done(...answers.shift())) }
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  q.push(st("a"));
  timers.shift()();
  await settle();
  assert.deepEqual(seen.pop(), [1, { code: 405, text: "Method Not Allowed" }]);
  timers.shift()(); // the backoff ends: no answer at all
  await settle();
  assert.deepEqual(seen.pop(), [1, { code: 0, text: "" }]);
  timers.shift()();
  await settle();
  assert.deepEqual(seen.pop(), [0, null]); // delivered: saved
  q.push(st("b"));
  timers.shift()();
  await settle();
  assert.deepEqual(seen.pop(), [0, { code: 400, text: "Bad Request", final: true }]); // dropped
  q.push(st("c"));
  timers.shift()();
  await settle();
  assert.deepEqual(seen.pop(), [0, { code: 400, text: "Bad Request", final: true }]); // b is still lost
});

test("two tabs of one registration share the stored queue: neither removes what the other waits to send", async () => {
  const store = new Map();
  const a = harness([0, 0, 0, 0], store); // the LRS does not answer
  const b = harness([0, 0, 0, 0], store);
  a.queue.push(st("a1"));
  b.queue.push(st("b1"));
  a.queue.push(st("a2"));
  assert.deepEqual(a.stored().sort(), ["a1", "a2", "b1"]); // both tabs close now: the next launch sends all
  const next = harness([], store);
  assert.deepEqual(next.queue.items().map((s) => s.id).sort(), ["a1", "a2", "b1"]);
});

test("a tab that delivers its statements leaves the other tab's in storage", async () => {
  const store = new Map();
  const a = harness([], store); // delivered
  const b = harness([0, 0, 0, 0], store);
  b.queue.push(st("b1"));
  a.queue.push(st("a1"));
  await a.runTimers();
  assert.deepEqual(a.requests.map((r) => r.ids), [["a1"]]);
  assert.deepEqual(a.stored(), ["b1"]);
});
