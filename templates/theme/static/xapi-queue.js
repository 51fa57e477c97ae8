/* coursebuild runtime: xapi-queue.js: talking to the LRS, and a statement queue that loses nothing.
 *
 * Transport [xAPI 1.0.3 Part Three §1.2, §3.2–3.3]: every request carries
 * X-Experience-API-Version: 1.0.3, and Authorization exactly as the launch gave it (never
 * anything from the package). Documents [xAPI 1.0.3 Part Three §2.3, §2.6]: State (bookmarks, cmi5 LMS.LaunchData)
 * and Agent Profile (cmi5LearnerPreferences).
 *
 * The queue (ids made by the client [xAPI 1.0.3 §2.4.1], so that a retry is the same
 * statement and never a duplicate; 409 is not retried, 400 is surfaced [Part Three §2.1]):
 *   - a statement gets its id when it is made and is written to localStorage (one key per
 *     registration) before it is sent; it is never re-made, so a resend carries the same id;
 *   - sent in order, in batches (POST statements); 200/204 = delivered; 409 = already there
 *     (delivered before: a lost response); 400/403/413 = the batch is split, a single statement
 *     the LRS refuses is dropped with a console warning; anything else (network, 5xx, 401, 405,
 *     429) is retried with exponential backoff (1 s … 60 s) and, failing that, at the next launch;
 *   - the page hears the LRS's last refusal (onchange), so that the learner is never told
 *     "saved" while statements wait or were dropped;
 *   - every POST is sent with fetch keepalive, so one on its way when the page goes still
 *     arrives; flushNow() on pagehide sends what is left the same way, in one request (requests
 *     sent at once may arrive in any order), as much as the browser's keepalive budget holds
 *     (64 KiB of bodies in flight at once [Fetch Standard, "keepalive"]: the transport counts
 *     them), and keeps it in storage: the next launch resends it, and the LRS answers 204/409 for
 *     what did arrive. terminated goes only with every statement before it: a cmi5 LMS refuses
 *     what arrives after it [cmi5 §9.3.8]. What does not fit waits for the next launch (in cmi5,
 *     a new session: the LMS refuses it, and the learner is told, save_lost).
 */
(function (root) {
  "use strict";

  var XAPI_VERSION = "1.0.3";
  // While the page lives: statements per POST (a batch refused is split one by one), and at most
  // half the keepalive budget, so that pagehide's request fits beside one still on its way.
  // pagehide's own request has neither limit: no request follows it, and an LRS takes a batch
  // of any size [xAPI 1.0.3 Part Three §2.1.2] (a 413 is split at the next launch).
  var BATCH_MAX = 25;
  var SEND_BYTES = 30000;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 32000, 60000];
  var TIMEOUT_MS = 15000;
  var GATHER_MS = 100;                // statements made together (a check, a pass) go together
  var KEEPALIVE_BYTES = 65536;        // the bodies of a page's keepalive requests in flight at once
  // Chromium frees an ended keepalive request's share a little after it ends (measured: 7-90 ms
  // after an abort, on a loaded machine): it is counted this long after
  var FREED_MS = 250;

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

  /* The UTF-8 length of a string, never less (a surrogate pair counts 6, not 4). */
  function bytes(text) {
    var n = text.length;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
    }
    return n;
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

  /* o: {endpoint, auth, fetch, timeoutMs, setTimeout, clearTimeout}. One transport carries a
   * page's keepalive requests (the core's), so that it can count their bodies. */
  function createTransport(o) {
    var doFetch = o.fetch || (typeof fetch !== "undefined" ? fetch.bind(root) : null);
    var endpoint = o.endpoint;
    var clock = o.now || Date.now;
    var carried = 0; // bytes of the keepalive bodies on their way
    var ended = [];  // [when, bytes] of those ended lately

    function held() {
      var t = clock();
      ended = ended.filter(function (e) {
        return t - e[0] < FREED_MS;
      });
      return ended.reduce(function (n, e) {
        return n + e[1];
      }, carried);
    }

    function headers(json) {
      var h = { "X-Experience-API-Version": XAPI_VERSION };
      if (o.auth) h.Authorization = o.auth;
      if (json) h["Content-Type"] = "application/json";
      return h;
    }

    function url(path, params) {
      var q = [];
      for (var k in params || {}) {
        if (params[k] == null || params[k] === "") continue;
        var v = typeof params[k] === "string" ? params[k] : JSON.stringify(params[k]);
        q.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
      }
      return endpoint + path + (q.length ? "?" + q.join("&") : "");
    }

    /* One request; calls back (status, body text, reason phrase); status 0 when it never got an
     * answer. */
    function request(method, path, params, body, done, opts) {
      opts = opts || {};
      var init = { method: method, headers: headers(body != null), keepalive: !!opts.keepalive };
      if (body != null) init.body = typeof body === "string" ? body : JSON.stringify(body);
      var size = init.body ? bytes(init.body) : 0;
      // past the budget the browser refuses a keepalive request outright: without keepalive it
      // still goes while the page lives (pagehide's callers ask room() first)
      if (init.keepalive && held() + size > KEEPALIVE_BYTES) init.keepalive = false;
      if (init.keepalive) carried += size;
      var timer = null;
      if (typeof AbortController !== "undefined") {
        var ctl = new AbortController();
        init.signal = ctl.signal;
        timer = (o.setTimeout || setTimeout)(function () {
          ctl.abort();
        }, opts.timeoutMs || o.timeoutMs || TIMEOUT_MS);
      }
      var called = false;
      function finish(status, text, reason) {
        if (timer !== null) (o.clearTimeout || clearTimeout)(timer);
        if (called) return;
        called = true;
        if (init.keepalive) {
          carried -= size;
          ended.push([clock(), size]);
        }
        if (done) done(status, text, reason || "");
      }
      try {
        doFetch(url(path, params), init).then(function (r) {
          return r.text().then(function (t) {
            finish(r.status, t, r.statusText);
          }, function () {
            finish(r.status, "", r.statusText);
          });
        }, function () {
          finish(0, "");
        });
      } catch (e) {
        finish(0, "");
      }
    }

    return {
      request: request, url: url, headers: headers,
      /* Bytes a keepalive request may still carry now. */
      room: function () {
        return KEEPALIVE_BYTES - held();
      }
    };
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
    var inflight = {}; // id -> true while a request carries it: never two requests with one statement

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
        if (items.length) storage.setItem(o.key, JSON.stringify({ v: 1, statements: items }));
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
        if (on) inflight[s.id] = true;
        else delete inflight[s.id];
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
          log("the LRS refused statement " + batch[0].id + " (" + status + " " + String(text).slice(0, 200) + "): dropped");
          remove(idsOf(batch));
          lost = { code: status, text: reason || "", final: true };
          if (o.ondrop) o.ondrop(batch[0]);
          return done(null);
        }
        if (status === 401 && !authWarned) log("the LRS refused the launch credentials (401): statements kept to send again");
        authWarned = authWarned || status === 401;
        done({ code: status, text: reason || "" });
      }, { keepalive: true });
    }

    /* One keepalive request as the page goes; an answer, if the page lives to read it, settles it. */
    function sendNow(batch) {
      mark(batch, true);
      o.transport.request("POST", "statements", null, batch, function (status) {
        mark(batch, false); // still here (a tab switch, not a close): settle it like any answer
        var what = outcome(status);
        // a 409 on several: the batch was refused whole (atomic); flush() splits it later
        if (what === "delivered" || (what === "duplicate" && batch.length === 1)) remove(idsOf(batch));
        else if (!busy) schedule(backoff(attempt, o.rng));
      }, { keepalive: true });
    }

    function sendEach(list, done) {
      if (!list.length) return done(null);
      send([list.shift()], function (fault) {
        if (fault) return done(fault);
        sendEach(list, done);
      });
    }

    return {
      /* Queue a statement (written to storage first) and send soon. */
      push: function (statement) {
        items.push(statement);
        persist();
        changed();
        if (!busy && timer === null) schedule(GATHER_MS);
      },
      flush: flush,
      /* Page hidden or going away: what is waiting, in order, with keepalive (it outlives the
       * page), in one request, as much as the keepalive budget holds; kept in storage until an
       * answer says it arrived, so the next launch resends it (and what did not fit). */
      flushNow: function () {
        if (timer !== null) {
          cancel(timer);
          timer = null;
        }
        var rest = waiting();
        var ahead = rest.length < items.length; // a request on its way carries earlier ones
        var room = o.transport.room() - 2;
        var batch = [];
        for (var i = 0; i < rest.length; i++) {
          var n = bytes(JSON.stringify(rest[i])) + 1;
          // this request could overtake that one: terminated waits [cmi5 §9.3.8]
          if (n > room || ahead && /\/terminated$/.test(rest[i].verb.id)) break;
          room -= n;
          batch.push(rest[i]);
        }
        if (batch.length) sendNow(batch);
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
    XAPI_VERSION: XAPI_VERSION,
    BATCH_MAX: BATCH_MAX,
    SEND_BYTES: SEND_BYTES,
    KEEPALIVE_BYTES: KEEPALIVE_BYTES,
    FREED_MS: FREED_MS,
    bytes: bytes,
    outcome: outcome,
    backoff: backoff,
    batches: batches,
    createTransport: createTransport,
    createQueue: createQueue
  };

  if (root) root.CourseBuild.xapiQueue = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
