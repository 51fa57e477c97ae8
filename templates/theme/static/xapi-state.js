/* coursebuild runtime: xapi-state.js (no DOM): the State document adapter-xapi.js keeps the
 * resume state in, the outcome it records, and its copies in the LRS and in this browser.
 *
 * Bookmarks: the resume state is a State API document, stateId "coursebuild.resume"
 * [xAPI 1.0.3 Part Three §2.3]: {v: 1, n, location, suspendData, status, sent}, where `sent`
 * records which of completed/passed/failed went out for this registration, so that each goes
 * out at most once [cmi5 §9.3.3–9.3.5], and n counts its saves. A document of another version
 * is not ours and is ignored. localStorage holds a copy when the page may use it.
 */
(function (root) {
  "use strict";

  var T = root ? root.CourseBuild.xapiTransport : require("./xapi-transport.js");
  var STATE_ID = "coursebuild.resume";
  var REREADS = 3; // after a failed read: read again at each of the next milestones, this many

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

  /* The document in the LRS, with this browser's copy [xAPI 1.0.3 Part Three §2.3]. o:
   * {transport, params (activityId, agent, registration, stateId), storage, key (the copy's),
   * log, stateless (dual tracking: the LMS keeps the resume state), readOnly, timeoutMs (of the
   * read at launch), onfault(fault): the LRS's last refusal of the document, null once it takes
   * it} -> {doc, dirty (set it when doc changed), load(done), save(keepalive), keep()}. */
  function createStore(o) {
    var t = o.transport;
    var off = !!o.stateless;
    var putting = false;
    var unread = null; // a failed read: {fault, left (reads again), reading}; the LRS's copy unknown
    var store = { doc: fresh(), dirty: false, load: load, save: save, keep: keep };

    /* The browser's copy, at once. */
    function keep() {
      writeCopy(o.storage, o.key, store.doc);
    }

    /* To the LRS (and the browser's copy), when it changed. */
    function save(keepalive) {
      var doc = store.doc;
      if (!store.dirty || o.readOnly) return;
      doc.n = (doc.n || 0) + 1;
      keep();
      if (unread && !keepalive) reread();
      if (off || unread || (putting && !keepalive)) return; // one PUT at a time: the newest wins
      // as the page goes the statements went first (save): in cmi5 they are lost with the
      // session if they do not arrive; this document waits in this browser's copy (pick)
      if (keepalive && T.bytes(JSON.stringify(doc)) > t.room()) return;
      store.dirty = false;
      putting = true;
      t.request("PUT", "activities/state", o.params, doc, function (status, text, reason) {
        putting = false;
        var ok = status === 204 || status === 200;
        var none = status === 404 || status === 405 || status === 501;
        o.onfault(ok || none ? null : { code: status, text: reason });
        if (ok) return save(false); // changed meanwhile?
        if (none) {
          off = true;
          o.log("this LRS has no State API (" + status + "): the resume state is kept in this browser only");
        } else store.dirty = true; // not saved: tried again at the next commit
      }, { keepalive: !!keepalive });
    }

    /* GET it: done(status, the document or null, fault); timeoutMs: the transport's if none. */
    function read(done, timeoutMs) {
      t.request("GET", "activities/state", o.params, null, function (status, text, reason) {
        done(status, status === 200 ? parseDoc(text) : null, { code: status, text: reason });
      }, { timeoutMs: timeoutMs });
    }

    /* An answer to a read: 200 or 404 (none yet) is the LRS's copy; 405, 501: no State API. */
    function known(status) {
      off = off || status === 405 || status === 501;
      return status === 200 || status === 404 || off;
    }

    /* Read it before init(): the newer of the LRS's and the browser's copy (pick). A read that
     * failed leaves the LRS's copy unknown: this session never writes over it (it would lose
     * what it holds); it reads again at the next milestones (reread), and says so. */
    function load(done) {
      var local = readCopy(o.storage, o.key);
      if (off) {
        store.doc = pick(null, local);
        return done();
      }
      read(function (status, remote, fault) {
        store.doc = pick(remote, local);
        store.dirty = !!remote && store.doc !== remote; // the LRS's copy is behind: written at the next commit
        if (!known(status)) {
          unread = { fault: fault, left: REREADS, reading: false };
          o.onfault(fault); // not saved yet: read again
        }
        done();
      }, o.timeoutMs);
    }

    /* A milestone after a failed read: read again; once read, the newer copy wins by the save
     * count (pick, as at launch): this session's is written from then on; the LRS's, which this
     * session cannot take up now, is never written over (the learner is told, for good). */
    function reread() {
      if (unread.reading) return;
      unread.reading = true;
      unread.left--;
      read(function (status, remote, fault) {
        var was = unread;
        unread.reading = false;
        if (!known(status)) {
          unread.fault = fault;
          if (!unread.left) {
            unread = null;
            off = true;
          }
          return o.onfault(unread ? fault : { code: fault.code, text: fault.text, final: true });
        }
        unread = null;
        var doc = store.doc;
        if (off || !remote || pick(remote, doc) === doc) { // pick: what was sent is the union
          if (off) o.onfault(null); // no State API after all: kept in this browser, as at launch
          store.dirty = true;
          return save(false); // its answer says whether it is saved
        }
        off = true;
        for (var k in remote.sent) if (remote.sent[k]) doc.sent[k] = true;
        keep();
        o.onfault({ code: was.fault.code, text: was.fault.text, final: true });
      });
    }

    return store;
  }

  function browserStorage() {
    try {
      return root && root.localStorage ? root.localStorage : null;
    } catch (e) {
      return null; // storage blocked (privacy settings, sandboxed frame)
    }
  }

  var api = { STATE_ID: STATE_ID, recordXapi: recordXapi, warn: warn, fresh: fresh, parseDoc: parseDoc, pick: pick, readCopy: readCopy, writeCopy: writeCopy,
    REREADS: REREADS, createStore: createStore, browserStorage: browserStorage };

  if (root) (root.CourseBuild = root.CourseBuild || {}).xapiState = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
