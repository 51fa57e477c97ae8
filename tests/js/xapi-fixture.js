"use strict";
/* The course, learner and registration the xAPI and cmi5 unit tests run against, and an
 * in-memory localStorage (shared by xapi-adapters.test.js and xapi-session-end.test.js). */

const C1 = "https://c.example.ca/c1";
const act = (id, type) => ({ id, objectType: "Activity", definition: { type } });
const CONFIG = {
  schema: 1, target: "xapi", course: { id: C1, code: "C1", version: "2.0.0" }, languages: ["en", "fr"],
  completion: { pages: "all", video: 0, assessment: "passed" }, masteryScore: 80, suspendDataLimit: 64000,
  pages: [{ id: "intro", kind: "page", video: null }, { id: "final", kind: "assessment" }],
  assessment: { id: "final", passMark: 80, attempts: 0, shuffle: false, draw: null, display: "all",
    questions: [{ id: "q1", interactionId: "final-q1", type: "true-false", correct: [true] }] },
  xapi: {
    version: "1.0.3", languageTags: { en: "en-CA", fr: "fr-CA" }, lrs: null,
    course: act(C1, "http://adlnet.gov/expapi/activities/course"),
    pages: { intro: act(C1 + "/modules/intro", "http://adlnet.gov/expapi/activities/module") },
    videos: {},
    quiz: act(C1 + "/quizzes/final", "http://adlnet.gov/expapi/activities/assessment"),
    questions: { q1: act(C1 + "/quizzes/final/q/q1", "http://adlnet.gov/expapi/activities/cmi.interaction") }
  }
};
const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.ca", name: "u1" } };
const REG = "760e3480-ba55-4991-94b0-01820dbd23a2";

/* localStorage in memory; `map` (optional) is shared with another storage or inspected. */
function memoryStorage(map) {
  const m = map || new Map();
  return { map: m, getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
}

module.exports = { C1, act, CONFIG, ACTOR, REG, memoryStorage };
