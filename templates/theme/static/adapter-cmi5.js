/* coursebuild runtime: adapter-cmi5.js: the cmi5 AU [cmi5 §7–11].
 *
 * Launch sequence (prepare, before the player starts) [§8, §10, §11: fetch
 * POSTed exactly once, LMS.LaunchData read before initialized and never written]:
 *   1. the launch URL: endpoint, fetch, actor (an account), registration, activityId [§8.1];
 *   2. POST to fetch, once, for the auth token [§8.2] (kept in sessionStorage, so that reloading
 *      the page does not call fetch again); every xAPI call then sends "Basic <token>";
 *   3. GET the State document LMS.LaunchData (contextTemplate, launchMode, masteryScore,
 *      returnURL; never written) [§10];
 *   4. GET the Agent Profile cmi5LearnerPreferences (languagePreference) [§11];
 *   5. GET our own resume State document; then the player starts and sends initialized.
 * Statements [§9]: those about the AU (object id = the launch activityId) are
 * cmi5 defined: the contextTemplate untouched + the cmi5 category, + the moveon category iff the
 * result has success or completion, + the masteryscore extension on passed/failed. Pages,
 * questions and the video are cmi5 allowed (the contextTemplate, no cmi5 category). Browse and
 * Review send only initialized and terminated [§10]. After terminated, returnURL [§10], or a
 * link to it while statements still wait (returnWhenSent).
 * The masteryScore of the launch data is the one the core judges by [§10 masteryScore].
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var X = CB ? CB.xapi : require("./xapi-client.js");
  var Q = CB ? CB.xapiQueue : require("./xapi-queue.js");
  var A = CB ? CB.adapters.xapi : require("./adapter-xapi.js");

  var CMI5 = "https://w3id.org/xapi/cmi5/context/";
  var CATEGORY_CMI5 = { id: CMI5 + "categories/cmi5", objectType: "Activity" };     // §9.6.2.1
  var CATEGORY_MOVEON = { id: CMI5 + "categories/moveon", objectType: "Activity" }; // §9.6.2.2
  var MASTERY_SCORE = CMI5 + "extensions/masteryscore";                            // §9.6.3.2
  var DEFINED = ["initialized", "completed", "passed", "failed", "terminated"];   // §9.3 (AU's)
  var LAUNCH_DATA = "LMS.LaunchData";
  var PREFERENCES = "cmi5LearnerPreferences";
  var RETURN_WAIT_MS = 3000;
  var WAIT_MS = 5000; // for each read before the course starts (the learner is waiting)

  function warn(m) {
    if (typeof console !== "undefined") console.warn("coursebuild: " + m);
  }

  /* The cmi5 launch parameters [§8.1], or {ok: false, problems}. */
  function parseLaunch(search) {
    var q = X.parseQuery(search);
    var problems = [];
    var endpoint = X.normalizeEndpoint(q.endpoint);
    if (!/^https?:\/\/\S+$/i.test(endpoint) && endpoint.charAt(0) !== "/") problems.push("endpoint");
    if (!q.fetch) problems.push("fetch");
    var actor = X.normalizeActor(q.actor);
    if (!actor || !actor.account) problems.push("actor"); // an account [§8.1.2]
    if (!X.isUUID(q.registration)) problems.push("registration");
    if (!q.activityId) problems.push("activityId");
    return {
      ok: !problems.length, problems: problems, endpoint: endpoint, fetch: q.fetch || "",
      actor: actor, registration: (q.registration || "").toLowerCase(), activityId: q.activityId || ""
    };
  }

  /* Where this launch's session stands, across reloads of the page: "", "initialized",
   * "terminated" (sessionStorage, per fetch URL: one fetch URL per launch [§8.1]). */
  function sessionMark(win, fetchUrl) {
    var key = "coursebuild.cmi5.session:" + fetchUrl;
    function get() {
      try {
        return win.sessionStorage.getItem(key) || "";
      } catch (e) {
        return "";
      }
    }
    return {
      get: get,
      set: function (v) {
        try {
          win.sessionStorage.setItem(key, v);
        } catch (e) { /* fine: a reload then starts afresh */ }
      }
    };
  }

  /* What makes statements cmi5 [§9], from LMS.LaunchData. mark (optional): the session's
   * state across reloads, so that a reloaded page neither initializes twice nor speaks after
   * terminated [§9.3.2, §9.3.8]. */
  function profile(launchData, mark) {
    var mode = launchData.launchMode || "Normal";
    var mastery = typeof launchData.masteryScore === "number" ? launchData.masteryScore : null;
    var state = mark ? mark.get() : "";
    return {
      template: launchData.contextTemplate || {},
      readOnly: mode !== "Normal",
      mode: mode,
      masteryScore: mastery,
      ended: state === "terminated",
      /* Browse, Review: initialized and terminated only [§10 launchMode]. */
      allow: function (verb, kind) {
        if (kind === "course" && verb === "initialized" && state === "initialized") return false;
        return mode === "Normal" || (kind === "course" && (verb === "initialized" || verb === "terminated"));
      },
      decorate: function (s, verb, kind) {
        if (kind !== "course" || DEFINED.indexOf(verb) < 0) return; // cmi5 allowed: template only
        if (mark && (verb === "initialized" || verb === "terminated")) mark.set(state = verb);
        var ctx = s.context;
        var ca = ctx.contextActivities || {};
        var add = [CATEGORY_CMI5];
        if (s.result && ("success" in s.result || "completion" in s.result)) add.push(CATEGORY_MOVEON);
        ca.category = (ca.category || []).concat(add.filter(function (a) {
          return !(ca.category || []).some(function (b) {
            return b.id === a.id;
          });
        }));
        ctx.contextActivities = ca;
        if ((verb === "passed" || verb === "failed") && mastery !== null) {
          ctx.extensions = ctx.extensions || {};
          if (!(MASTERY_SCORE in ctx.extensions)) ctx.extensions[MASTERY_SCORE] = mastery;
        }
      }
    };
  }

  /* The first language of a cmi5 languagePreference ("fr-CA,en-US") the course has, or "". */
  function preferredLanguage(preferences, languages) {
    var list = String((preferences && preferences.languagePreference) || "").split(",");
    for (var i = 0; i < list.length; i++) {
      var code = list[i].replace(/^\s+|\s+$/g, "").toLowerCase().slice(0, 2);
      if (code && languages.indexOf(code) >= 0) return list[i].replace(/^\s+|\s+$/g, "");
    }
    return "";
  }

  function parseJSON(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  /* POST to fetch, once per launch URL [§8.2]; done(token or null). */
  function fetchToken(win, url, done) {
    var key = "coursebuild.cmi5.token:" + url;
    var kept = null;
    try {
      kept = win.sessionStorage.getItem(key);
    } catch (e) { /* no session storage */ }
    if (kept) return done(kept);
    var init = { method: "POST" };
    if (typeof AbortController !== "undefined") {
      var ctl = new AbortController();
      init.signal = ctl.signal;
      win.setTimeout(function () {
        ctl.abort();
      }, WAIT_MS * 2);
    }
    win.fetch(url, init).then(function (r) {
      return r.text().then(function (t) {
        var body = parseJSON(t) || {};
        if (r.status === 200 && typeof body["auth-token"] === "string") {
          try {
            win.sessionStorage.setItem(key, body["auth-token"]);
          } catch (e) { /* fine */ }
          return done(body["auth-token"]);
        }
        warn("cmi5 fetch refused: " + r.status + " " + (body["error-code"] || "") + " " + (body["error-text"] || ""));
        done(null);
      });
    }, function () {
      warn("cmi5 fetch failed: the LMS did not answer");
      done(null);
    });
  }

  /* The cmi5 adapter for the page, or null without cmi5 launch parameters. */
  function launch(win, config, opts) {
    A.watchLeaving(win);
    var l = parseLaunch(win.location.search);
    if (!config.xapi || !l.ok) {
      if (config.xapi && (l.endpoint || l.fetch)) warn("cmi5 launch parameters missing or invalid: " + l.problems.join(", "));
      return null;
    }
    var core = null;
    var off = {
      name: "cmi5",
      tracking: false,
      init: function () {
        return { ok: false };
      }
    };
    var proxy = { name: "cmi5", tracking: true, failedAtEnd: true };
    ["init", "notify", "setResult", "setBookmark", "recordInteraction", "setSessionTime", "setExit", "commit", "finish"].forEach(function (m) {
      proxy[m] = function () {
        var target = core || off;
        return target[m] ? target[m].apply(target, arguments) : false;
      };
    });

    proxy.prepare = function (done) {
      fetchToken(win, l.fetch, function (token) {
        if (!token) return done();
        var auth = "Basic " + token;
        var transport = Q.createTransport({ endpoint: l.endpoint, auth: auth });
        var params = { activityId: l.activityId, agent: l.actor, registration: l.registration, stateId: LAUNCH_DATA };
        var wait = { timeoutMs: WAIT_MS };
        transport.request("GET", "activities/state", params, null, function (status, text) {
          var data = status === 200 ? parseJSON(text) : null;
          if (!data || !data.contextTemplate) {
            warn("cmi5 LMS.LaunchData could not be read (" + status + "): nothing is recorded");
            return done();
          }
          var p = profile(data, sessionMark(win, l.fetch));
          if (p.masteryScore !== null) config.masteryScore = Math.round(p.masteryScore * 10000) / 100;
          var prefs = { agent: l.actor, profileId: PREFERENCES };
          transport.request("GET", "agents/profile", prefs, null, function (st, body) {
            var env = A.browserEnv(win, config, {
              endpoint: l.endpoint, auth: auth, actor: l.actor, registration: l.registration, activityId: l.activityId
            }, opts);
            env.profile = p;
            env.language = preferredLanguage(st === 200 ? parseJSON(body) : null, config.languages);
            p.onfinish = function () {
              if (data.returnURL && !env.hidden()) returnWhenSent(win, core, data.returnURL, env.onsave);
            };
            var made = A.createCore(env);
            if (p.ended) { // a reload after terminated: deliver what is left, record nothing more
              warn("this cmi5 session has ended (terminated): nothing more is recorded; launch again from the LMS");
              made.queue.flush();
              return done();
            }
            core = made;
            core.loadState(function () {
              A.attach(win, core, config);
              core.queue.flush();
              done();
            });
          }, wait);
        }, wait);
      });
    };
    return proxy;
  }

  /* After terminated: to returnURL once the queue is empty [§10]. Statements still waiting after
   * a short wait (the LMS down or slow) would be lost with the session if the learner were moved
   * on unaware: the status says they are not saved (session_ended_unsaved), and a link goes to
   * returnURL, so that the learner decides (the queue keeps trying meanwhile). */
  function returnWhenSent(win, core, url, onsave) {
    var waited = 0;
    (function check() {
      if (core.queue.pending() && waited < RETURN_WAIT_MS) {
        waited += 100;
        return win.setTimeout(check, 100);
      }
      if (!core.queue.pending()) return win.location.assign(url);
      if (onsave) onsave(false, { code: 0, text: "" }); // no answer yet, if the LMS said nothing
      offerReturn(win, url);
    })();
  }

  /* A link to returnURL under the status line, in the page's language. */
  function offerReturn(win, url) {
    var doc = win.document;
    var status = doc.getElementById("cb-status");
    var i18n = doc.getElementById("coursebuild-i18n");
    var dom = CB ? CB.dom : require("./player-dom.js"); // loaded after the adapters
    if (!status || !dom) return;
    var cats = parseJSON(i18n ? i18n.textContent : "") || {};
    var msg = dom.messages(cats, Object.keys(cats), function () {
      return doc.documentElement.lang;
    });
    var p = doc.createElement("p");
    var a = doc.createElement("a");
    p.className = "cb-status"; // its look, without a rule of its own
    a.href = url;
    a.setAttribute("data-cb-return", "");
    a.textContent = msg("return_to_lms");
    p.appendChild(a);
    status.parentNode.insertBefore(p, status.nextSibling);
    a.focus();
  }

  var api = {
    name: "cmi5", parseLaunch: parseLaunch, profile: profile, preferredLanguage: preferredLanguage, launch: launch,
    returnWhenSent: returnWhenSent,
    CATEGORY_CMI5: CATEGORY_CMI5, CATEGORY_MOVEON: CATEGORY_MOVEON, MASTERY_SCORE: MASTERY_SCORE
  };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).cmi5 = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
