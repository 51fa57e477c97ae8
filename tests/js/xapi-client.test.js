"use strict";
/* xapi-client.js: ids, the Tin Can launch, response formats, statement building
 * [xAPI 1.0.3 §2.4; Tin Can launch §Launch]. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./lib.js");
const X = load("xapi-client.js");

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("uuid4: RFC 4122 version 4, variant bits set, random", () => {
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const id = X.uuid4();
    assert.match(id, UUID4);
    seen.add(id);
  }
  assert.equal(seen.size, 200);
  assert.equal(X.uuid4(() => new Uint8Array(16).fill(255)), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  assert.equal(X.uuid4(() => new Uint8Array(16)), "00000000-0000-4000-8000-000000000000");
  assert.equal(X.isUUID("760E3480-BA55-4991-94B0-01820DBD23A2"), true);
  assert.equal(X.isUUID("not-a-uuid"), false);
});

test("timestamps are UTC with milliseconds", () => {
  assert.equal(X.timestamp(Date.UTC(2025, 0, 6, 14, 0, 0, 5)), "2025-01-06T14:00:00.005Z");
});

test("language tags as builder/xapi/activities.py writes them", () => {
  assert.equal(X.languageTag("en"), "en-CA");
  assert.equal(X.languageTag("fr"), "fr-CA");
  assert.equal(X.languageTag("iu"), "iu");
  assert.equal(X.languageTag("iu", { iu: "iu-Cans-CA" }), "iu-Cans-CA");
});

test("query strings: form decoding, but a credential's + survives", () => {
  assert.deepEqual(X.parseQuery("?a=1+2&b=%2B&c&a=again"), { a: "1 2", b: "+", c: "" });
  // Python's urlencode (quote_plus): the space is "+", base64's "+" is %2B
  assert.equal(X.parseQuery("auth=Basic+YWJj%2BZGVm").auth, "Basic YWJj+ZGVm");
  // encodeURIComponent: %20 and %2B
  assert.equal(X.parseQuery("auth=Basic%20YWJj%2BZGVm").auth, "Basic YWJj+ZGVm");
  // an LMS that forgot to encode base64's "+": only the first "+" is the space
  assert.equal(X.parseQuery("auth=Basic+YWJj+ZGVm").auth, "Basic YWJj+ZGVm");
  assert.deepEqual(X.parseQuery("bad=%E0%A4%A&ok=1"), { ok: "1" });
});

test("endpoint gets its trailing slash [TinCanJS src/LRS.js]", () => {
  assert.equal(X.normalizeEndpoint("https://lrs.example.ca/xapi"), "https://lrs.example.ca/xapi/");
  assert.equal(X.normalizeEndpoint("https://lrs.example.ca/xapi/"), "https://lrs.example.ca/xapi/");
  assert.equal(X.normalizeEndpoint(""), "");
});

test("actors: 1.0 as given, 0.9 arrays normalised, exactly one IFI [xAPI 1.0.3 §2.4.2]", () => {
  const account = { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u1" } };
  assert.deepEqual(X.normalizeActor(JSON.stringify(account)), account);
  assert.deepEqual(X.normalizeActor({ name: ["Jane Doe"], mbox: ["mailto:jane@example.ca"] }),
    { objectType: "Agent", name: "Jane Doe", mbox: "mailto:jane@example.ca" });
  assert.deepEqual(X.normalizeActor({ account: [{ accountServiceHomePage: "https://lms.example.ca", accountName: "u2" }] }),
    { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u2" } });
  assert.deepEqual(X.normalizeActor({ mbox: "jane@example.ca" }), { objectType: "Agent", mbox: "mailto:jane@example.ca" });
  // two IFIs: the first (mbox, mbox_sha1sum, openid, account) only
  assert.deepEqual(X.normalizeActor({ mbox: "mailto:a@b.ca", account: { homePage: "https://x", name: "y" } }),
    { objectType: "Agent", mbox: "mailto:a@b.ca" });
  for (const bad of ["", "{", "[]", "{}", '{"name":"no ifi"}', '{"objectType":"Group","mbox":"mailto:a@b.ca"}',
    '{"account":{"homePage":"https://x"}}', '{"mbox":""}']) {
    assert.equal(X.normalizeActor(bad), null, bad);
  }
});

test("Tin Can launch parameters [Tin Can launch §Launch]", () => {
  const actor = encodeURIComponent(JSON.stringify({ mbox: ["mailto:a@b.ca"], name: ["A"] }));
  const l = X.parseLaunch("?endpoint=https%3A%2F%2Flrs.example.ca%2Fxapi&auth=Basic%20dTpw&actor=" + actor +
    "&registration=760E3480-BA55-4991-94B0-01820DBD23A2&activity_id=https%3A%2F%2Fc.example.ca%2Fc1&Accept-Language=fr-CA&extra=1");
  assert.equal(l.ok, true);
  assert.equal(l.endpoint, "https://lrs.example.ca/xapi/");
  assert.equal(l.auth, "Basic dTpw");
  assert.deepEqual(l.actor, { objectType: "Agent", name: "A", mbox: "mailto:a@b.ca" });
  assert.equal(l.registration, "760e3480-ba55-4991-94b0-01820dbd23a2");
  assert.equal(l.activityId, "https://c.example.ca/c1");
  assert.equal(l.language, "fr-CA");
  assert.deepEqual(X.parseLaunch("?endpoint=ftp%3A%2F%2Fx&registration=nope").problems, ["endpoint", "actor", "registration"]);
  assert.equal(X.parseLaunch("?endpoint=%2Flrs%2F&actor=" + actor).ok, true); // a same-origin proxy
});

test("responses in xAPI formats [xAPI 1.0.3 §2.4.4.1]", () => {
  assert.equal(X.response("true-false", true), "true");
  assert.equal(X.response("true-false", false), "false");
  assert.equal(X.response("true-false", null), "");
  assert.equal(X.response("single", ["b"]), "b");
  assert.equal(X.response("multiple", ["a", "c"]), "a[,]c");
  assert.equal(X.response("multiple", []), "");
  assert.equal(X.response("matching", [["1", "a"], ["2", null], ["3", "c"]]), "1[.]a[,]3[.]c");
  assert.equal(X.response("numeric", 94), "94");
  assert.equal(X.response("numeric", 2.5), "2.5");
  assert.equal(X.response("numeric", "94"), "");
  assert.equal(X.response("fill-in", "  #hashtag "), "#hashtag");
  assert.equal(X.response("other", "x"), "");
});

test("scores: scaled 0..1 with 4 decimals, raw within min..max", () => {
  assert.deepEqual(X.score(85), { scaled: 0.85, raw: 85, min: 0, max: 100 });
  assert.deepEqual(X.score(100), { scaled: 1, raw: 100, min: 0, max: 100 });
  assert.deepEqual(X.score(-5), { scaled: 0, raw: 0, min: 0, max: 100 });
  assert.deepEqual(X.score(33.333), { scaled: 0.3333, raw: 33.333, min: 0, max: 100 });
});

const COURSE = { id: "https://c.example.ca/c1", objectType: "Activity", definition: { type: "http://adlnet.gov/expapi/activities/course" } };
const PAGE = { id: "https://c.example.ca/c1/modules/intro", objectType: "Activity" };
const QUIZ = { id: "https://c.example.ca/c1/quizzes/final", objectType: "Activity" };
const QUESTION = { id: "https://c.example.ca/c1/quizzes/final/q/q1", objectType: "Activity" };
const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u1" } };

function builder(extra) {
  let n = 0;
  return X.createBuilder(Object.assign({
    actor: ACTOR, registration: "760e3480-ba55-4991-94b0-01820dbd23a2", revision: "1.0.0", course: COURSE,
    now: () => Date.UTC(2025, 0, 6, 14), newId: () => "id-" + n++, language: () => "fr-CA"
  }, extra || {}));
}

test("statements: the shape of docs/xapi.md [xAPI 1.0.3 §2.4, §2.4.6]", () => {
  const b = builder();
  const init = b.statement("initialized", COURSE);
  assert.deepEqual(init, {
    id: "id-0", actor: ACTOR,
    verb: { id: "http://adlnet.gov/expapi/verbs/initialized", display: { "en-US": "initialized" } },
    object: COURSE,
    context: { registration: "760e3480-ba55-4991-94b0-01820dbd23a2", revision: "1.0.0", language: "fr-CA" },
    timestamp: "2025-01-06T14:00:00.000Z"
  });
  const page = b.statement("experienced", PAGE);
  assert.deepEqual(page.context.contextActivities, {
    parent: [{ id: COURSE.id, objectType: "Activity" }], grouping: [{ id: COURSE.id, objectType: "Activity" }]
  });
  const answered = b.statement("answered", QUESTION, { parent: QUIZ, result: { response: "a", success: true, duration: "PT15S" } });
  assert.deepEqual(answered.context.contextActivities.parent, [{ id: QUIZ.id, objectType: "Activity" }]);
  assert.deepEqual(answered.result, { response: "a", success: true, duration: "PT15S" });
  assert.equal(b.statement("played", PAGE).verb.id, "https://w3id.org/xapi/video/verbs/played");
  assert.equal(b.statement("initialized", COURSE, { id: "given" }).id, "given");
});

test("a cmi5 contextTemplate is merged, never overwritten [cmi5 §10 contextTemplate]", () => {
  const sid = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
  const template = {
    registration: "760e3480-ba55-4991-94b0-01820dbd23a2",
    contextActivities: { grouping: [{ id: "https://publisher.example.ca/au" }] },
    extensions: { [sid]: "s-1" }
  };
  const b = builder({ template });
  const s = b.statement("experienced", PAGE, { extensions: { [sid]: "overwrite?", "https://x.example.ca/e": 1 } });
  assert.deepEqual(s.context.contextActivities.grouping, [{ id: "https://publisher.example.ca/au" }, { id: COURSE.id, objectType: "Activity" }]);
  assert.deepEqual(s.context.extensions, { [sid]: "s-1", "https://x.example.ca/e": 1 });
  assert.deepEqual(template.contextActivities.grouping, [{ id: "https://publisher.example.ca/au" }]); // untouched
  const c = b.statement("initialized", COURSE);
  assert.deepEqual(c.context.contextActivities, { grouping: [{ id: "https://publisher.example.ca/au" }] });
  assert.equal(c.context.extensions[sid], "s-1");
});

test("a session's timestamps strictly increase, by 1 ms when the clock has not moved [cmi5 §9.3]", () => {
  let clock = Date.UTC(2025, 0, 6, 14);
  const b = builder({ now: () => clock });
  const stamps = () => ["failed", "terminated"].map((v) => b.statement(v, COURSE).timestamp);
  assert.deepEqual(stamps(), ["2025-01-06T14:00:00.000Z", "2025-01-06T14:00:00.001Z"]);
  clock -= 5000; // the computer's clock set back: never before the last statement
  assert.deepEqual(stamps(), ["2025-01-06T14:00:00.002Z", "2025-01-06T14:00:00.003Z"]);
  clock += 60000;
  assert.deepEqual(stamps(), ["2025-01-06T14:00:55.000Z", "2025-01-06T14:00:55.001Z"]);
});
