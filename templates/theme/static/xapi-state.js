/* coursebuild runtime: xapi-state.js (pure, no DOM): the State document adapter-xapi.js keeps
 * the resume state in, and the outcome it records.
 *
 * Bookmarks: the resume state is a State API document, stateId "coursebuild.resume"
 * [xAPI 1.0.3 Part Three §2.3]: {v: 1, n, location, suspendData, status, sent}, where `sent`
 * records which of completed/passed/failed went out for this registration, so that each goes
 * out at most once [cmi5 §9.3.3–9.3.5], and n counts its saves. A document of another version
 * is not ours and is ignored. localStorage holds a copy when the page may use it.
 */
(function (root) {
  "use strict";

  var STATE_ID = "coursebuild.resume";

  /* The tracking core's outcome as xAPI/cmi5 statements [docs/tracking.md]: passed when the
   * best score passes, completed when the completion rule is met (so moveOn "CompletedAndPassed"
   * is met only when both are), failed while the best score fails; status is the core's single
   * status, kept in the State document for the next launch. */
  function recordXapi(o) {
    var complete = o.completion === "completed";
    return {
      passed: o.success === "passed",
      failed: o.success === "failed",
      completed: complete,
      status: complete ? (o.success === "passed" ? "passed" : "completed") : o.success === "failed" ? "failed" : "incomplete"
    };
  }

  function warn(m) {
    if (typeof console !== "undefined") console.warn("coursebuild: " + m);
  }

  function fresh() {
    return { v: 1, location: "", suspendData: "", status: "", sent: {} };
  }

  function parseDoc(text) {
    try {
      var d = JSON.parse(text);
      if (d && typeof d === "object" && d.v === 1) {
        d.sent = d.sent || {};
        return d;
      }
    } catch (e) { /* not ours */ }
    return null;
  }

  /* The document to resume from: the LRS's, unless the browser's copy has more saves (the LRS
   * refused the last ones, or the page went before they arrived). What was sent is the union of
   * both: completed and passed never go twice. */
  function pick(remote, local) {
    var doc = remote && !(local && (local.n || 0) > (remote.n || 0)) ? remote : local || fresh();
    [remote, local].forEach(function (d) {
      if (d && d !== doc) for (var k in d.sent) if (d.sent[k]) doc.sent[k] = true;
    });
    return doc;
  }

  /* The browser's copy of the document kept under key, or null (none, not ours, blocked). */
  function readCopy(storage, key) {
    try {
      return storage ? parseDoc(storage.getItem(key)) : null;
    } catch (e) {
      return null;
    }
  }

  /* Keep a copy of the document in the browser. */
  function writeCopy(storage, key, doc) {
    try {
      if (storage) storage.setItem(key, JSON.stringify(doc));
    } catch (e) { /* full or blocked: the LRS copy still counts */ }
  }

  function browserStorage() {
    try {
      return root && root.localStorage ? root.localStorage : null;
    } catch (e) {
      return null; // storage blocked (privacy settings, sandboxed frame)
    }
  }

  var api = { STATE_ID: STATE_ID, recordXapi: recordXapi, warn: warn, fresh: fresh, parseDoc: parseDoc, pick: pick, readCopy: readCopy, writeCopy: writeCopy,
    browserStorage: browserStorage };

  if (root) (root.CourseBuild = root.CourseBuild || {}).xapiState = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
