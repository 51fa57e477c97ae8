"use strict";
/* A fake LRS behind fetch and an xAPI core with its tracker against it, for the tests of
 * delivery and of the State document (not a test file itself). */
const { load } = require("./lib.js");
const A = load("adapter-xapi.js");
const S = load("xapi-state.js");
const T = load("tracking.js");
const O = load("outcome.js");
const Q = load("xapi-queue.js");
const { CONFIG, ACTOR, REG, memoryStorage } = require("./xapi-fixture.js");

const ENDPOINT = "https://lrs.example.ca/xapi/";

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
    const forced = opts.answer && opts.answer(init.method, path, query || "", init);
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

/* A core and its tracker against that LRS; every timer runs at once; the clock moves by later(). */
function setup(opts) {
  const lrs = lrsOf(opts);
  const saved = [];
  const clock = { t: 1_700_000_000_000 };
  const env = {
    now: () => clock.t,
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
  return { lrs, core, tracker, saved, env, clock };
}

/* Time enough for the next read again. */
const later = (h) => (h.clock.t += S.REREAD_MS);

async function start(h) {
  await new Promise((done) => h.core.loadState(done));
  h.tracker.start();
  await settle();
}

const STATUS = { tracking: true, readOnly: false, recorded: true, outcome: { completion: "incomplete" } };
const said = (fault) => O.statusLines(STATUS, { found: true, error: fault === "saved" ? null : fault })[0].key;
const reads = (h) => h.lrs.requests.filter((r) => r === "GET activities/state").length;
const puts = (h) => h.lrs.requests.filter((r) => r === "PUT activities/state").length;

/* A queue of statements `ids` left by an earlier launch, against an LRS that holds the `stored`
 * ones: its POSTs of statements answered by `post` and its GETs by `get`, each a [status, text]
 * or a function giving one (`get`: of the query; none: the fake's own answer). */
function leftQueue(ids, stored, post, get) {
  const storage = memoryStorage();
  const st = (id) => ({ id, verb: { id: "v" } });
  storage.setItem("k", JSON.stringify({ v: 1, statements: ids.map(st) }));
  const given = (answer, q) => (typeof answer === "function" ? answer(q) : answer);
  const lrs = lrsOf({ answer: (m, path, q) => (path !== "statements" ? undefined : given(m === "POST" ? post : get, q)) });
  stored.forEach((id) => lrs.stored.set(id, st(id)));
  const seen = [];
  const dropped = [];
  const transport = Q.createTransport({ endpoint: ENDPOINT, auth: "Basic dTpw", fetch: lrs.fetch, setTimeout: () => 0, clearTimeout: () => {} });
  const queue = Q.createQueue({
    transport, key: "k", storage, log: () => {}, setTimeout: () => 0, clearTimeout: () => {},
    onchange: (n, fault) => seen.push(fault), ondrop: (s) => dropped.push(s.id)
  });
  return { lrs, queue, seen, dropped, storage };
}

/* `h` started, its learner sees both pages and passes the one question; settled. */
async function startedAndPassed(h) {
  await start(h);
  h.tracker.pageSeen(0);
  h.tracker.pageSeen(1);
  h.tracker.quizBegin();
  h.tracker.quizAnswer(0, true);
  h.tracker.quizCheck(0, 12340, true);
  h.tracker.quizFinish();
  await settle();
  return h;
}

module.exports = { ENDPOINT, settle, lrsOf, setup, later, start, STATUS, said, reads, puts, leftQueue, startedAndPassed };
