/* coursebuild runtime: xapi-transport.js: talking to the LRS [xAPI 1.0.3 Part Three §1.2, §3.2–3.3].
 *
 * Every request carries X-Experience-API-Version: 1.0.3, and Authorization exactly as the launch
 * gave it (never anything from the package). Documents [xAPI 1.0.3 Part Three §2.3, §2.6]: State
 * (bookmarks, cmi5 LMS.LaunchData) and Agent Profile (cmi5LearnerPreferences). One transport
 * carries a page's keepalive requests, so that it can count their bodies: a browser carries at
 * most 64 KiB of them at once [Fetch Standard, "keepalive"], and refuses one past that outright.
 * The statement queue that uses it: xapi-queue.js.
 */
(function (root) {
  "use strict";

  var XAPI_VERSION = "1.0.3";
  var TIMEOUT_MS = 15000;
  var KEEPALIVE_BYTES = 65536;        // the bodies of a page's keepalive requests in flight at once
  // Chromium frees an ended keepalive request's share a little after it ends (measured: 7-90 ms
  // after an abort, on a loaded machine): it is counted this long after
  var FREED_MS = 250;

  /* The UTF-8 length of a string, never less (a surrogate pair counts 6, not 4). */
  function bytes(text) {
    var n = text.length;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
    }
    return n;
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

  var api = {
    XAPI_VERSION: XAPI_VERSION,
    KEEPALIVE_BYTES: KEEPALIVE_BYTES,
    FREED_MS: FREED_MS,
    bytes: bytes,
    createTransport: createTransport
  };

  if (root) (root.CourseBuild = root.CourseBuild || {}).xapiTransport = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
