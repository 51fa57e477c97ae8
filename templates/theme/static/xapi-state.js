/* coursebuild runtime: xapi-state.js (no DOM): the State document adapter-xapi.js keeps the
 * resume state in, the outcome it records, and its copies in the LRS and in this browser.
 *
 * Bookmarks: the resume state is a State API document, stateId "coursebuild.resume"
 * [xAPI 1.0.3 Part Three §2.3]: {v: 1, n, id, from, at, location, suspendData, status, sent,
 * refused}, where `sent` records which of completed/passed/failed went out for this registration
 * (the statement's id; true in a copy saved before ids were kept), so that each goes out at most
 * once [cmi5 §9.3.3–9.3.5], and `refused` the ids of those the LRS refused for good, which no copy
 * counts as sent (merge); n counts its saves, id is the session that saved it, from the versions
 * (id.n) it continued from, newest last: its lineage (pick), and at the version that last moved
 * the place (location, suspendData). A document of another version is not ours and is ignored.
 * localStorage holds a copy when the page may use it; two tabs of one registration share it, and
 * the one left behind yields (share).
 */
(function (root) {
  "use strict";

  var T = root ? root.CourseBuild.xapiTransport : require("./xapi-transport.js");
  var STATE_ID = "coursebuild.resume";
  var REREADS = 3; // after a failed read: read again at the next milestones, this many
  // at most one read per this long: a learner turning pages in a short outage keeps some for later
  var REREAD_MS = 30000;
  var LINEAGE = 8; // versions a copy remembers having continued from: one per session
  var REFUSALS = 4; // statements refused for good a copy remembers, per result
  var RESULTS = ["passed", "completed", "failed"];

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

  /* A version of a document: the session that saved it and its save count. */
  function tag(d) {
    return (d.id || "") + "." + d.n;
  }

  /* Did copy a continue from copy b (or is it b)? A session's saves are one line (its id), and
   * a session records the version it started from (from): a continued from b if a or one of
   * those is on b's line, at or past it. A copy saved before ids existed: by its save count. */
  function descends(a, b) {
    if (!a.id) return (a.n || 0) > (b.n || 0);
    return (a.from || []).concat(tag(a)).some(function (v) {
      var i = v.lastIndexOf(".");
      return v.slice(0, i) === (b.id || "") && +v.slice(i + 1) >= b.n;
    });
  }

  /* Does b hold a place a did not continue from? b's place is the version that last moved it
   * (at): a session that only launched from a version a continued from went nowhere, and its
   * saves since hold nothing a would lose by writing over them (what it sent aside: merge). */
  function ahead(a, b) {
    var i = (b.at || "").lastIndexOf(".");
    return !descends(a, i < 0 ? b : { id: b.at.slice(0, i), n: +b.at.slice(i + 1) });
  }

  /* The document to resume from: the LRS's, unless the browser's copy continued from its place
   * and saved since (the LRS refused the last saves, or the page went before they arrived, or
   * another tab only launched). The save count alone cannot say so: a session that could not
   * read the LRS's copy started its own, which never outranks the learner's progress the LRS
   * holds, however many its saves [xAPI 1.0.3 Part Three §2.3]. What was sent is the union of
   * both (merge): completed and passed never go twice. */
  function pick(remote, local) {
    var doc = remote && !(local && !ahead(local, remote)) ? remote : local || fresh();
    [remote, local].forEach(function (d) {
      if (d && d !== doc) merge(d, doc);
    });
    return doc;
  }

  /* The statement d records as sent for result k: its id, true (saved before ids were kept), or "". */
  function sentAs(d, k) {
    if (k === "failed") return d.failedScore === undefined ? "" : d.sent.failed || true;
    return d.sent[k] || "";
  }

  /* Into doc, what a records: the refusals of both, which win over a send in either copy (one
   * refused for good is sent again: a copy that missed its removal must not bring it back),
   * then what a records as sent and doc does not (the score failed went with: a's if newest,
   * else doc's own); true if doc changed. */
  function merge(a, doc, newest) {
    var before = JSON.stringify(doc);
    RESULTS.forEach(function (k) {
      var out = ((doc.refused || {})[k] || []).slice();
      ((a.refused || {})[k] || []).forEach(function (id) {
        if (out.indexOf(id) < 0) out.push(id);
      });
      var valid = function (s) {
        return !!s && (s === true ? !out.length : out.indexOf(s) < 0);
      };
      if (out.length) (doc.refused = doc.refused || {})[k] = out.slice(-REFUSALS);
      var mine = sentAs(doc, k);
      var theirs = sentAs(a, k);
      if (mine && !valid(mine)) unsend(doc, k);
      if (!valid(theirs) || (k === "failed" ? a.failedScore === doc.failedScore || !newest && valid(mine) : valid(mine))) return;
      if (k === "failed") doc.failedScore = a.failedScore;
      if (k === "failed" && theirs === true) delete doc.sent.failed;
      else doc.sent[k] = theirs;
    });
    return JSON.stringify(doc) !== before;
  }

  function unsend(d, k) {
    delete d.sent[k];
    if (k === "failed") delete d.failedScore;
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
   * log, now(), stateless (dual tracking: the LMS keeps the resume state),
   * readOnly, timeoutMs (of the read at launch), onfault(fault): the LRS's last refusal of the
   * document, null once it takes it} -> {doc, dirty (set it when doc changed), load(done),
   * save(keepalive), keep()}.
   * No If-Match: a client may PUT the State document without it [xAPI 1.0.3 Part Three §2.3,
   * §3.1]; a read that failed has no ETag to send, a browser reads one only if the LRS exposes
   * it (CORS), and a PUT's answer brings none for the next; the lineage (pick) decides instead. */
  function createStore(o) {
    var t = o.transport;
    var id = o.now().toString(36) + Math.random().toString(36).slice(2, 7); // this session's
    var off = !!o.stateless;
    var putting = false;
    var unread = null; // a failed read: {fault, left (reads again), at, reading}; the LRS's copy unknown
    var theirs = null; // the LRS's copy, read again, that this session did not continue from
    var owed = false;  // what this session sent, not yet in theirs
    var lost = null;   // then, what the learner is told for good
    var elsewhere = false; // theirs is another tab's copy (share)
    var kept = "";     // the browser's copy as this session last wrote it
    var placed = "";   // the place (location, suspendData) of the version this session last saved
    var store = { doc: fresh(), dirty: false, load: load, save: save, keep: keep, refuse: refuse };

    function place(d) {
      return JSON.stringify([d.location, d.suspendData]);
    }

    /* Another tab of this registration shares the browser's copy. One that saved a place this
     * session did not continue from holds the learner's latest place (they went on there): this
     * session writes over it no more, only adds what it sent, as when the LRS's copy won (theirs),
     * and says so, for good; its next saves take that tab's newest version. One that only
     * launched from a version this session continued from went nowhere: the learner works here,
     * and this session writes on, keeping what that one sent; it is the one that yields if the
     * learner takes a step there (ahead). What another tab sent is not sent again from here. */
    function share() {
      var copy = readCopy(o.storage, o.key);
      if (o.stateless || !copy || !copy.id || theirs && !elsewhere) return; // dual: the LMS keeps the place
      if (copy.id === store.doc.id) return JSON.stringify(copy) !== kept && merge(copy, store.doc); // not as this session left it
      if (!elsewhere && !ahead(store.doc, copy)) return merge(copy, store.doc);
      theirs = copy;
      if (!elsewhere) o.onfault(lost = { code: 0, text: "", final: true, key: "save_elsewhere" });
      elsewhere = true;
    }

    /* The browser's copy, at once: once theirs won, theirs, with what this session sent. */
    function keep() {
      share();
      if (theirs && merge(store.doc, theirs, true)) owed = true;
      kept = JSON.stringify(theirs || store.doc);
      writeCopy(o.storage, o.key, theirs || store.doc);
    }

    /* To the LRS (and the browser's copy), when it changed; once theirs won, only what this
     * session sent, into theirs (keep: a union, no new version), so that no later launch sends
     * it again [cmi5 §9.3]. */
    function save(keepalive) {
      var doc = store.doc;
      if (!store.dirty || o.readOnly) return;
      doc.n = (doc.n || 0) + 1;
      if (place(doc) !== placed) {
        doc.at = tag(doc);
        placed = place(doc);
      }
      keep();
      if (unread && !keepalive) reread();
      if (off || unread || (putting && !keepalive) || theirs && !owed) return; // one PUT at a time: the newest wins
      var put = theirs || doc;
      // as the page goes the statements went first (save): in cmi5 they are lost with the
      // session if they do not arrive; this document waits in this browser's copy (pick)
      if (keepalive && T.bytes(JSON.stringify(put)) > t.room()) return;
      store.dirty = owed = false;
      putting = true;
      t.request("PUT", "activities/state", o.params, put, function (status, text, reason) {
        putting = false;
        var ok = status === 204 || status === 200;
        var none = status === 404 || status === 405 || status === 501;
        o.onfault(ok || none ? lost : { code: status, text: reason });
        if (ok) return save(false); // changed meanwhile?
        if (none) {
          off = true;
          o.log("this LRS has no State API (" + status + "): the resume state is kept in this browser only");
        } else store.dirty = owed = true; // not saved: tried again at the next commit
      }, { keepalive: !!keepalive });
    }

    /* The LRS refused statement sid, result k, for good: no copy counts it as sent (merge), so
     * that a later launch sends it again. Browse, Review: this session writes no place, only the
     * refusal, into both copies as they are now. */
    function refuse(k, sid) {
      var mark = { sent: {}, refused: {} };
      mark.refused[k] = [sid];
      merge(mark, store.doc);
      store.dirty = true;
      if (!o.readOnly) return; // written with the place (keep, save)
      var copy = readCopy(o.storage, o.key);
      if (copy && merge(mark, copy)) writeCopy(o.storage, o.key, copy);
      if (!off) read(function (status, remote) {
        if (remote && merge(mark, remote)) t.request("PUT", "activities/state", o.params, remote, function () {});
      });
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

    /* Read it before init(): the LRS's copy or the browser's that continued from it (pick). This
     * session continues from that version: its saves carry this session's id and that lineage.
     * A read that failed leaves the LRS's copy unknown: this session never writes over it (it
     * would lose what it holds); it reads again at later milestones (reread), and says so. */
    function load(done) {
      var local = readCopy(o.storage, o.key);
      function begin(doc) {
        if (doc.n) doc.from = (doc.from || []).concat(tag(doc)).slice(-LINEAGE); // a saved version
        if (doc.n) doc.at = doc.at || tag(doc);
        doc.id = id;
        placed = place(doc);
        store.doc = doc;
        done();
      }
      if (off) return begin(pick(null, local));
      read(function (status, remote, fault) {
        var doc = pick(remote, local);
        store.dirty = !!remote && doc !== remote; // the LRS's copy is behind: written at the next commit
        if (!known(status)) {
          unread = { fault: fault, left: REREADS, at: o.now(), reading: false };
          o.onfault(fault); // not saved yet: read again
        }
        begin(doc);
      }, o.timeoutMs);
    }

    /* A milestone after a failed read, REREAD_MS after the last: read again. Once read, this
     * session's copy is written from then on if it continued from the LRS's (pick, as at
     * launch); else the LRS's is the learner's progress, which this session cannot take up now:
     * never written over, it gets what this session sent (save), and the learner is told, for
     * good. The browser's copy is theirs from then on: this session's place is kept nowhere. */
    function reread() {
      if (unread.reading || o.now() - unread.at < REREAD_MS) return;
      unread.reading = true;
      unread.left--;
      read(function (status, remote, fault) {
        var was = unread;
        unread.reading = false;
        unread.at = o.now();
        if (!known(status)) {
          unread.fault = fault;
          if (!unread.left) {
            unread = null;
            off = true;
          }
          // never read: its place is kept in this browser only (not "the one the LRS holds comes
          // first": the LRS's copy is unknown), said in words whatever the status
          return o.onfault(unread ? fault : { code: fault.code, text: fault.text, final: true, key: "save_unreachable" });
        }
        unread = null;
        var doc = store.doc;
        if (remote) merge(remote, doc); // what was sent is the union: not sent again from here
        if (!off && remote && ahead(doc, remote)) {
          theirs = remote;
          lost = { code: was.fault.code, text: was.fault.text, final: true };
        }
        if (off || theirs) o.onfault(lost); // off: no State API after all, kept in this browser, as at launch
        store.dirty = true;
        save(false); // its answer says whether it is saved
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
    REREADS: REREADS, REREAD_MS: REREAD_MS, createStore: createStore, browserStorage: browserStorage };

  if (root) (root.CourseBuild = root.CourseBuild || {}).xapiState = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
