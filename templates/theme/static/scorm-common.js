/* coursebuild runtime: scorm-common.js: what the SCORM 1.2 and 2004 adapters share.
 *
 * Both APIs are found the same way and called under the same guards; only the names differ
 * (window.API with LMSGetValue..., window.API_1484_11 with GetValue...: each adapter has its
 * own table, session(api, names)) [SCORM 1.2 RTE §3.3;
 * SCORM 2004 4th ed. RTE §3.1, §3.3.3]:
 *   - discovery through the parents, then the opener's, then top.opener's; every access guarded,
 *     since a cross-origin frame throws;
 *   - every result compared with === "true"; the last error read after a failure (and after
 *     every GetValue); element, value and code logged; an LMS error never breaks the page;
 *   - nothing after the session ends; a failed commit retried a few times;
 *   - a refused SetValue or Commit means the data is not saved: the LMS's error (code and text)
 *     goes to onsave, until a later commit with nothing refused says it is saved.
 */
(function (root) {
  "use strict";

  /* ADL's sample stops after 7 parents; pipwerks allows 500. Be generous. */
  var API_SEARCH_MAX_HOPS = 500;
  var COMMIT_RETRIES = 3;
  var COMMIT_RETRY_DELAY_MS = 400;

  /* w[name], or null when w is cross-origin (any access throws). */
  function peek(w, name) {
    try {
      return w[name];
    } catch (e) {
      return null;
    }
  }

  function climb(w, names) {
    for (var hops = 0; w && hops <= API_SEARCH_MAX_HOPS; hops++) {
      var api = peek(w, names.object);
      if (api && typeof api[names.initialize] === "function") return api;
      var parent = peek(w, "parent");
      if (!parent || parent === w) return null;
      w = parent;
    }
    return null;
  }

  /* API discovery [SCORM 1.2 RTE §3.3; SCORM 2004 4th ed. RTE §3.3.3]: parents, then window.opener's, then top.opener's. */
  function findAPI(win, names) {
    var top = peek(win, "top");
    var api = climb(win, names) || climb(peek(win, "opener"), names);
    return api || (top && top !== win ? climb(peek(top, "opener"), names) : null);
  }

  /* One session with a found API object. opts: log(message), setTimeout, clearTimeout,
   * onsave(ok, error) after every commit: ok when the LMS took it and every SetValue since the
   * last one; else error {code, text}, the first refusal. */
  function session(api, names, opts) {
    opts = opts || {};
    var log = opts.log || function (m) {
      if (typeof console !== "undefined") console.warn("coursebuild: " + m);
    };
    var later = opts.setTimeout || function (fn, ms) { return setTimeout(fn, ms); };
    var cancel = opts.clearTimeout || function (t) { clearTimeout(t); };
    var started = false, ended = false, retryTimer = null, interactionsOff = false;
    var refused = null; // the first refused SetValue since the last commit

    function live() {
      return started && !ended;
    }

    function raw(fn, args) {
      try {
        var r = api[fn].apply(api, args);
        return r == null ? "" : String(r);
      } catch (e) {
        log(fn + "(" + (args[0] || "") + ") threw: " + (e && e.message));
        return null;
      }
    }

    function lastError() {
      var code = raw(names.lastError, []);
      return code == null || code === "" ? "0" : code;
    }

    /* Log a failed call with the LMS's error string and diagnostic [SCORM 1.2 RTE §3.3.2.3;
     * SCORM 2004 4th ed. RTE §3.1.7.6]; -> the error {code, text} the learner is told. */
    function warn(what, code) {
      var s = raw(names.errorString, [code]);
      var d = typeof api[names.diagnostic] === "function" ? raw(names.diagnostic, [code]) : "";
      log(what + " failed: error " + code + (s ? " (" + s + ")" : "") + (d && d !== s && d !== code ? ": " + d : ""));
      return { code: code, text: s || d || "" };
    }

    /* Initialize once; on failure the LMS will process nothing further, so neither do we. */
    function initialize() {
      if (started || ended) return false;
      if (raw(names.initialize, [""]) !== "true") {
        warn(names.initialize, lastError());
        ended = true;
        return false;
      }
      started = true;
      return true;
    }

    /* A value, or "" with the error logged; optional elements may be unsupported silently. */
    function get(element, optional) {
      if (!live()) return "";
      var v = raw(names.get, [element]);
      var code = lastError();
      if (code !== "0") {
        if (!(optional && names.optional[code])) warn(names.get + "(" + element + ")", code);
        return "";
      }
      return v || "";
    }

    /* true, or false with the element, value and error logged. */
    function set(element, value) {
      if (!live()) return false;
      if (raw(names.set, [element, value]) === "true") return true;
      var e = warn(names.set + "(" + element + ", " + JSON.stringify(value) + ")", lastError());
      refused = refused || e;
      return false;
    }

    /* Write a string of at most `max` characters; a longer one is logged and not sent (the LMS
     * would refuse it or cut it), which is not a failure of the call. */
    function setBounded(element, value, max) {
      if (value == null) return true;
      if (value.length <= max) return set(element, value);
      log(element + " of " + value.length + " characters is over the limit of " + max + ": not sent");
      return true;
    }

    /* The prefix of the next interaction record ("cmi.interactions.<_count>."), or null when this
     * LMS does not record interactions (said once, then nothing more is tried). */
    function nextInteraction() {
      if (!live() || interactionsOff) return null;
      var count = get("cmi.interactions._count", true);
      if (/^[0-9]+$/.test(count)) return "cmi.interactions." + count + ".";
      interactionsOff = true;
      log("this LMS does not record interactions (cmi.interactions._count): answers are not sent");
      return null;
    }

    /* null when the LMS took the commit, else its error. */
    function commitOnce() {
      return raw(names.commit, [""]) === "true" ? null : warn(names.commit, lastError());
    }

    function saved(error) {
      if (opts.onsave) opts.onsave(!error, error);
    }

    function stopRetry() {
      if (retryTimer !== null) cancel(retryTimer);
      retryTimer = null;
    }

    /* A failed commit is tried again COMMIT_RETRIES times, then again at the next milestone;
     * the values refused before it (e) are not in it: they wait for the next milestone too. */
    function retry(attempt, e) {
      retryTimer = later(function () {
        retryTimer = null;
        if (!live()) return;
        if (!commitOnce()) saved(e);
        else if (attempt < COMMIT_RETRIES) retry(attempt + 1, e);
      }, COMMIT_RETRY_DELAY_MS * attempt);
    }

    /* Commit; false when the LMS refused it or a value since the last one (the learner is told). */
    function commit() {
      if (!live()) return false;
      stopRetry();
      var e = refused, failed = commitOnce();
      refused = null;
      saved(failed || e);
      if (failed) retry(1, e);
      return !failed && !e;
    }

    /* Terminate once; what it returned ("true" on success). Nothing is called after it; a value
     * refused since the last commit is said first. */
    function terminate() {
      stopRetry();
      if (refused) saved(refused);
      ended = true;
      return raw(names.terminate, [""]);
    }

    return {
      log: log, live: live, raw: raw, lastError: lastError, warn: warn, initialize: initialize,
      get: get, set: set, setBounded: setBounded, nextInteraction: nextInteraction,
      commit: commit, terminate: terminate
    };
  }

  var exported = {
    API_SEARCH_MAX_HOPS: API_SEARCH_MAX_HOPS,
    COMMIT_RETRY_DELAY_MS: COMMIT_RETRY_DELAY_MS,
    findAPI: findAPI,
    session: session
  };

  if (root) root.CourseBuild.scorm = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
