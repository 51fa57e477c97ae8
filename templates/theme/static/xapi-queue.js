/* coursebuild runtime: xapi-queue.js: a statement queue that loses nothing (the requests go
 * through xapi-transport.js).
 *
 * The queue (ids made by the client [xAPI 1.0.3 §2.4.1], so that a retry is the same
 * statement and never a duplicate; 409 is not retried, 400 is surfaced [Part Three §2.1]):
 *   - a statement gets its id when it is made and is written to localStorage (one key per
 *     registration) before it is sent; it is never re-made, so a resend carries the same id;
 *   - sent in order, in batches (POST statements); 200/204 = delivered; 409 = already there
 *     (delivered before: a lost response); 400/403/413 = the batch is split, a single statement
 *     the LRS refuses is dropped with a console warning, unless it may have gone before and
 *     the LRS, asked by its id, holds it (lookup; a lookup refused too: not confirmed, never said
 *     lost); anything else (network, 5xx, 401, 405,
 *     429) is retried with exponential backoff (1 s … 60 s) and, failing that, at the next launch;
 *   - the page hears the LRS's last refusal (onchange), so that the learner is never told
 *     "saved" while statements wait or were dropped;
 *   - every POST is sent with fetch keepalive, so one on its way when the page goes still
 *     arrives; flushNow() on pagehide sends what is left the same way, in one request (requests
 *     sent at once may arrive in any order), as much as the browser's keepalive budget holds
 *     (64 KiB of bodies in flight at once [Fetch Standard, "keepalive"]: the transport counts
 *     them), and keeps it in storage: the next launch resends it, and the LRS answers 204/409 for
 *     what did arrive. terminated goes only with every statement before it, those of a request
 *     still on its way again: a cmi5 LMS refuses what arrives after it [cmi5 §9.3.8]. What does not fit waits for the next launch (in cmi5,
 *     a new session: the LMS refuses it, and the learner is told, save_lost).
 */
(function (root) {
  "use strict";

  var T = root ? root.CourseBuild.xapiTransport : require("./xapi-transport.js");
  var bytes = T.bytes;
  // While the page lives: statements per POST (a batch refused is split one by one), and at most
  // half the keepalive budget, so that pagehide's request fits beside one still on its way.
  // pagehide's own request has neither limit: no request follows it, and an LRS takes a batch
  // of any size [xAPI 1.0.3 Part Three §2.1.2] (a 413 is split at the next launch).
  var BATCH_MAX = 25;
  var SEND_BYTES = 30000;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 32000, 60000];
  var GATHER_MS = 100;                // statements made together (a check, a pass) go together

  /* What a response status means for statements that were sent [xAPI 1.0.3 Part Three §2.1]. */
  function outcome(status) {
    if (status === 200 || status === 204) return "delivered";
    if (status === 409) return "duplicate";  // same id stored: a lost response, do not resend
    // 400 bad statement, 403 refused for good (a cmi5 LMS after its session ends), 413 too big:
    // split the batch; a single statement refused is dropped with a warning
    if (status === 400 || status === 403 || status === 413) return "rejected";
    return "retry";                         // 0 (network), 401, 404, 429, 5xx
  }

  function backoff(attempt, rng) {
    var base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    return Math.round(base * (0.8 + 0.4 * (rng || Math.random)()));
  }

  /* Split statements into POST bodies: at most BATCH_MAX each, and at most maxBytes of JSON. */
  function batches(statements, maxBytes) {
    var out = [];
    var cur = [];
    var size = 2;
    statements.forEach(function (s) {
      var n = bytes(JSON.stringify(s)) + 1;
      if (cur.length && (cur.length >= BATCH_MAX || (maxBytes && size + n > maxBytes))) {
        out.push(cur);
        cur = [];
        size = 2;
      }
      cur.push(s);
      size += n;
    });
    if (cur.length) out.push(cur);
    return out;
  }

  /* o: {transport, key, storage (localStorage or null), log, setTimeout, clearTimeout, rng,
   *     onchange(pending: number, fault), ondrop(statement)}: fault null while the LRS takes
   *     what is sent, else its last refusal {code (0: no answer), text}, or {code, text, final:
   *     true} once a statement it refused for good was dropped (said for the rest of the
   *     session); ondrop hears each statement dropped so. */
  function createQueue(o) {
    var log = o.log || function () {};
    var later = o.setTimeout || setTimeout;
    var cancel = o.clearTimeout || clearTimeout;
    var storage = o.storage || null;
    var items = load();
    var busy = false;
    var attempt = 0;
    var timer = null;
    var storageWarned = false;
    var authWarned = false;
    var failing = null;
    var lost = null;
    var stopped = false;
    var inflight = {}; // id -> how many requests carry it (more than one only as the page goes)
    var unsure = {};   // id -> true: it may be in the LRS already (sent, no answer read)
    var untold = {};   // id -> true: looked up, and the LRS would not say whether it holds it
    var known = {};    // id -> true: held by this queue (the key's others are another tab's)
    items.forEach(function (s) {
      unsure[s.id] = known[s.id] = true; // an earlier launch's: it may have gone before its answer was read
    });

    function load() {
      try {
        var raw = storage && storage.getItem(o.key);
        var parsed = raw ? JSON.parse(raw) : null;
        return parsed && Array.isArray(parsed.statements) ? parsed.statements : [];
      } catch (e) {
        return [];
      }
    }

    function persist() {
      if (!storage) return;
      try {
        // a second tab of this registration shares the key: what it waits to send stays there
        var all = load().filter(function (s) {
          return !known[s.id];
        }).concat(items);
        if (all.length) storage.setItem(o.key, JSON.stringify({ v: 1, statements: all }));
        else storage.removeItem(o.key);
      } catch (e) {
        if (!storageWarned) log("statements could not be kept in localStorage (" + (e && e.name) + "): they are sent from memory");
        storageWarned = true;
      }
    }

    /* Tell the page: how many wait, and the LRS's last refusal (a push says nothing new). */
    function changed(fault) {
      if (fault !== undefined) failing = fault;
      if (o.onchange) o.onchange(items.length, lost || failing);
    }

    function remove(ids) {
      items = items.filter(function (s) {
        return ids.indexOf(s.id) < 0;
      });
      persist();
    }

    function idsOf(list) {
      return list.map(function (s) {
        return s.id;
      });
    }

    function schedule(ms) {
      if (timer !== null || stopped) return;
      timer = later(function () {
        timer = null;
        flush();
      }, ms);
    }

    function waiting() {
      return items.filter(function (s) {
        return !inflight[s.id];
      });
    }

    function mark(batch, on) {
      batch.forEach(function (s) {
        inflight[s.id] = (inflight[s.id] || 0) + (on ? 1 : -1);
        if (!inflight[s.id]) delete inflight[s.id];
      });
    }

    /* Send the head of the queue; on success go on with the rest. */
    function flush() {
      if (busy || stopped || !items.length) return;
      if (timer !== null) {
        if (attempt > 0) return; // waiting out a backoff: a learner's click does not cut it short
        cancel(timer);
        timer = null;
      }
      var batch = batches(waiting(), SEND_BYTES)[0];
      if (!batch) return;
      busy = true;
      mark(batch, true);
      send(batch, function (fault) {
        busy = false;
        mark(batch, false);
        if (fault) {
          changed(fault);
          schedule(backoff(attempt++, o.rng));
          return;
        }
        attempt = 0;
        changed(null);
        if (items.length) flush();
      });
    }

    /* POST a batch; done(fault: null when nothing is left to resend). A rejected batch of several
     * is sent again one by one.
     * Always keepalive: a request on its way when the page goes still arrives. */
    function send(batch, done) {
      o.transport.request("POST", "statements", null, batch, function (status, text, reason) {
        var what = outcome(status);
        if (what === "delivered") {
          remove(idsOf(batch));
          return done(null);
        }
        if ((what === "duplicate" || what === "rejected") && batch.length > 1) {
          return sendEach(batch.slice(), done);
        }
        if (what === "duplicate") {
          log("statement " + batch[0].id + " was already in the LRS (409): not sent again");
          remove(idsOf(batch));
          return done(null);
        }
        if (what === "rejected") {
          return lookup(batch[0], function (found) {
            if (found !== false && found !== true) return done(found);
            log("the LRS refused statement " + batch[0].id + " (" + status + " " + String(text).slice(0, 200) + "): dropped" +
              (found ? ", not confirmed: it may hold it from an earlier send, and would not say" : ""));
            remove(idsOf(batch));
            var fault = { code: status, text: reason || "", final: true };
            if (found) fault.key = "save_unconfirmed";
            if (!found || !lost) lost = fault; // said for the rest of the session; lost outranks not confirmed
            if (!found && o.ondrop) o.ondrop(batch[0]);
            done(null);
          });
        }
        batch.forEach(function (s) {
          unsure[s.id] = true; // no answer, or one that does not say: it may have arrived
        });
        if (status === 401 && !authWarned) log("the LRS refused the launch credentials (401): statements kept to send again");
        authWarned = authWarned || status === 401;
        done({ code: status, text: reason || "" });
      }, { keepalive: true });
    }

    /* One keepalive request as the page goes; an answer, if the page lives to read it, settles it. */
    function sendNow(batch) {
      mark(batch, true);
      batch.forEach(function (s) {
        unsure[s.id] = true; // its answer may never be read
      });
      o.transport.request("POST", "statements", null, batch, function (status) {
        mark(batch, false); // still here (a tab switch, not a close): settle it like any answer
        var what = outcome(status);
        // a 409 on several: the batch was refused whole (atomic); flush() splits it later
        if (what === "delivered" || (what === "duplicate" && batch.length === 1)) remove(idsOf(batch));
        else if (!busy) schedule(backoff(attempt, o.rng));
      }, { keepalive: true });
    }

    /* One statement that may be in the LRS already (sent before, no answer read), looked up by
     * its id before it is said lost: an LRS may refuse a resend for another reason than the id it
     * holds (a cmi5 LMS checks the session, ended, before duplicates) [xAPI 1.0.3 Part Three
     * §2.1.3]. done(false: not there, or not asked; true: the LRS would not say (a credential
     * that may write, not read [xAPI 1.0.3 Part Three §4]): not confirmed, not lost either;
     * null: there, delivered; else a fault: asked again later). */
    function lookup(s, done) {
      if (!unsure[s.id]) return done(!!untold[s.id]);
      o.transport.request("GET", "statements", { statementId: s.id }, null, function (status, text, reason) {
        var body = null;
        try {
          body = status === 200 ? JSON.parse(text) : null;
        } catch (e) { /* not a statement */ }
        // Ralph 5.1 wraps it, {statements: [it]}, and answers an id it lacks with none, not 404
        var got = body && (body.statements ? body.statements[0] : body);
        if (got && got.id === s.id) {
          log("statement " + s.id + " was already in the LRS: not sent again");
          remove([s.id]);
          return done(null);
        }
        if (!status || status >= 500) return done({ code: status, text: reason || "" }); // asked again
        delete unsure[s.id];
        // not there: a 200 without it (Ralph 5.1), or 404 [xAPI 1.0.3 Part Three §2.1.3]; any
        // other answer (401, 403: the credential may not read) says nothing of it
        untold[s.id] = status !== 200 && status !== 404;
        done(untold[s.id]);
      });
    }

    /* A batch refused: each alone, in order; one that may be there already is looked up first. */
    function sendEach(list, done) {
      if (!list.length) return done(null);
      var s = list.shift();
      function next(fault) {
        if (fault) return done(fault);
        sendEach(list, done);
      }
      lookup(s, function (found) {
        if (found === false || found === true) send([s], next); // alone, it may be taken
        else next(found);
      });
    }

    /* The first statements of `list` that the keepalive budget holds now. */
    function fitting(list) {
      var room = o.transport.room() - 2;
      var batch = [];
      for (var i = 0; i < list.length; i++) {
        var n = bytes(JSON.stringify(list[i])) + 1;
        if (n > room) break;
        room -= n;
        batch.push(list[i]);
      }
      return batch;
    }

    return {
      /* Queue a statement (written to storage first) and send soon. */
      push: function (statement) {
        known[statement.id] = true;
        items.push(statement);
        persist();
        changed();
        if (!busy && timer === null) schedule(GATHER_MS);
      },
      flush: flush,
      /* Page hidden or going away: what is waiting, in order, with keepalive (it outlives the
       * page), in one request, as much as the keepalive budget holds; kept in storage until an
       * answer says it arrived, so the next launch resends it (and what did not fit).
       * terminated goes only with every statement before it [cmi5 §9.3.8]: this request may
       * overtake one on its way, so it carries that one's statements again, same ids, which an
       * LRS takes as stored already [xAPI 1.0.3 Part Three §2.1.2] (Ralph 5.1 drops them from
       * the batch and stores the rest); the one overtaken is then refused or adds nothing. */
      flushNow: function () {
        if (timer !== null) {
          cancel(timer);
          timer = null;
        }
        var rest = waiting();
        var ending = rest.some(function (s) {
          return /\/terminated$/.test(s.verb.id);
        });
        var batch = fitting(ending ? items : rest);
        // the budget counts what is on its way already: carrying it again must not cut the rest
        if (ending && batch.length < items.length) batch = fitting(rest);
        if (batch.some(function (s) {
          return !inflight[s.id];
        })) sendNow(batch);
      },
      stop: function () {
        stopped = true;
        if (timer !== null) cancel(timer);
        timer = null;
      },
      pending: function () {
        return items.length;
      },
      items: function () {
        return items.slice();
      }
    };
  }

  var api = {
    XAPI_VERSION: T.XAPI_VERSION,
    BATCH_MAX: BATCH_MAX,
    SEND_BYTES: SEND_BYTES,
    KEEPALIVE_BYTES: T.KEEPALIVE_BYTES,
    FREED_MS: T.FREED_MS,
    bytes: bytes,
    outcome: outcome,
    backoff: backoff,
    batches: batches,
    createTransport: T.createTransport,
    createQueue: createQueue
  };

  if (root) root.CourseBuild.xapiQueue = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
