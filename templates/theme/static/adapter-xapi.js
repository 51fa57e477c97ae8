/* coursebuild runtime: adapter-xapi.js: the xAPI adapter (Tin Can launch: Rustici's xAPI Launch
 * document, launch.md), and the core that the cmi5 adapter and dual tracking share.
 *
 * The tracking core (tracking.js) calls the same methods as on a SCORM adapter; they become the
 * statements of docs/xapi.md:
 *   notify("start")        initialized (course), the first statement of the session
 *   notify("page")         experienced (the page; not the assessment page)
 *   recordInteraction      answered (the question: xAPI response, success, duration)
 *   setResult              passed/failed (score.scaled, success, duration), completed: the
 *                          tracking core's outcome, each when it first holds (recordXapi)
 *   finish                 terminated (duration since initialized), the last statement
 * plus the Video Profile statements of xapi-video.js through video().
 * completed and passed go out at most once per registration, failed never after passed
 * [cmi5 §9.3.3–9.3.5]: the State document records what was sent.
 *
 * Dual tracking (a SCORM 1.2 package that also reports to an LRS) is in xapi-dual.js.
 * Bookmarks: the resume state is a State API document, stateId "coursebuild.resume" [xAPI 1.0.3
 * Part Three §2.3], read before init() (prepare) and PUT at each commit, with a copy in localStorage
 * (an LRS without a State API, a failed read); its shape, the outcome it records and how it is
 * read and written: xapi-state.js (createStore).
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var X = CB ? CB.xapi : require("./xapi-client.js");
  var Q = CB ? CB.xapiQueue : require("./xapi-queue.js");
  var D = CB ? CB.xapiState : require("./xapi-state.js");
  var STATE_ID = D.STATE_ID;
  var recordXapi = D.recordXapi;
  var warn = D.warn;
  var browserStorage = D.browserStorage;

  var PREPARE_TIMEOUT_MS = 5000;
  var VIDEO_CATEGORY = { id: X.VIDEO_PROFILE, objectType: "Activity", definition: { type: "http://adlnet.gov/expapi/activities/profile" } };

  /* env: {config, launch {endpoint, auth, actor, registration, activityId, language}, storage,
   *       fetch, now, log, setTimeout, clearTimeout, rng, newId, hidden() (page hidden?),
   *       onsave(ok, error) (what the LRS last said of statements and State: xapi-queue.js),
   *       stateless (dual tracking: the LMS keeps the resume state),
   *       profile {template, decorate(statement, verb, kind), allow(verb, kind), readOnly}} */
  function createCore(env) {
    var config = env.config;
    var xc = config.xapi;
    var launch = env.launch;
    var log = env.log || warn;
    var now = env.now || function () {
      return Date.now();
    };
    var profile = env.profile || {};
    var storage = env.storage === undefined ? browserStorage() : env.storage;
    var scope = launch.registration || xc.course.id + " " + JSON.stringify(launch.actor);
    var transport = Q.createTransport({ endpoint: launch.endpoint, auth: launch.auth, fetch: env.fetch });
    var queue = Q.createQueue({
      transport: transport, key: "coursebuild.xapi.queue:" + scope, storage: storage, log: log,
      setTimeout: env.setTimeout, clearTimeout: env.clearTimeout, rng: env.rng,
      onchange: function (pending, fault) {
        faults[0] = fault;
        told();
      },
      ondrop: owed
    });
    var faults = [null, null]; // the LRS's last refusal of statements, of the State document
    var earlier = {}; // ids of the statements an earlier session left to send
    var barred = {};  // results the LRS refused for good in this session: not sent again in it
    queue.items().forEach(function (s) {
      earlier[s.id] = true;
    });

    function told() {
      var e = faults[0] || faults[1];
      if (env.onsave) env.onsave(!e, e);
    }
    var course = X.clone(xc.course);
    // the launched activity [Tin Can launch §Launch activity_id; cmi5 §9.4]
    if (launch.activityId) course.id = launch.activityId;
    var lang = config.languages[0];
    var builder = X.createBuilder({
      actor: launch.actor, registration: launch.registration, revision: config.course.version,
      course: course, now: now, newId: env.newId, template: profile.template,
      language: function () {
        return X.languageTag(lang, xc.languageTags);
      }
    });
    var stateParams = { activityId: course.id, agent: launch.actor, stateId: STATE_ID };
    if (launch.registration) stateParams.registration = launch.registration;
    var store = D.createStore({
      transport: transport, storage: storage, key: "coursebuild.xapi.state:" + scope, log: log,
      now: now, params: stateParams, stateless: env.stateless, readOnly: profile.readOnly, timeoutMs: PREPARE_TIMEOUT_MS,
      onfault: function (fault) {
        faults[1] = fault;
        told();
      }
    });
    var startedAt = null;
    var score = null;
    var lastPage = -1;
    var failing = false;    // the best score fails: failed goes out when the session ends
    var last = null;        // the outcome last written
    var ended = false;
    var readOnly = !!profile.readOnly;
    var listeners = { page: [], finish: [] };

    function elapsed() {
      return X.duration(now() - (startedAt === null ? now() : startedAt));
    }

    /* Build, decorate (cmi5), queue. kind: "course" | "page" | "question" | "video". */
    function send(verb, object, opts, kind) {
      if (ended || startedAt === null && verb !== "initialized") return null;
      if (profile.allow && !profile.allow(verb, kind)) return null;
      var s = builder.statement(verb, object, opts || {});
      if (profile.decorate) profile.decorate(s, verb, kind);
      queue.push(s);
      return s;
    }

    /* The LRS refused a result for good: it does not hold it, so the State document must not
     * say it went, in either copy (a later launch, on any computer, reads it there and would
     * never send it) [cmi5 §9.3.3–9.3.5]. One an earlier session made (a cmi5 LMS refuses the
     * statements of a session it abandoned [cmi5 §9.3.6]) this session owes again; one it made
     * itself would be refused again: the next launch sends it. */
    function owed(s) {
      var verb = s.verb.id.split("/").pop();
      if (s.object.id !== course.id || !/^(passed|completed|failed)$/.test(verb)) return;
      store.refuse(verb, s.id);
      if (!earlier[s.id]) barred[verb] = true;
      store.dirty = true;
      if (last) core.setResult(last);
      if (readOnly) return; // Browse, Review: the document is not written
      store.keep();
      save(false);
    }

    function once(verb, result) {
      if (store.doc.sent[verb] || barred[verb]) return;
      var s = send(verb, course, { result: result }, "course");
      if (s) {
        store.doc.sent[verb] = s.id;
        store.dirty = true;
        store.keep(); // at once: a session killed now must not send it again
      }
    }

    function scored(extra) {
      var r = {};
      if (score !== null) r.score = X.score(score);
      for (var k in extra) r[k] = extra[k];
      r.duration = elapsed();
      return r;
    }

    function hidden() {
      return env.hidden ? env.hidden() : false;
    }

    /* The State document and the statements; as the page goes, with keepalive, statements first. */
    function save(leaving) {
      if (leaving) queue.flushNow();
      store.save(leaving);
      if (!leaving) queue.flush();
    }

    var core = {
      name: "xapi",
      tracking: true,
      failedAtEnd: true, // failed goes out when the session ends (setResult)
      queue: queue,
      transport: transport,
      course: course,
      loadState: store.load,

      init: function () {
        return {
          ok: true,
          entry: store.doc.location || store.doc.suspendData ? "resume" : "ab-initio",
          status: store.doc.status || "",
          mode: readOnly ? (profile.mode === "Browse" ? "browse" : "review") : "normal", // [cmi5 §10.2.2 launchMode]
          location: store.doc.location || "",
          suspendData: store.doc.suspendData || "",
          language: env.language || launch.language || ""
        };
      },

      notify: function (name, d) {
        if (name === "start") {
          lang = config.languages[d.lang] || lang;
          startedAt = now();
          send("initialized", course, {}, "course");
        } else if (name === "language") {
          lang = config.languages[d.lang] || lang;
        } else if (name === "pretest" && xc.pretest) { // its score, never the course's (a survey: completed)
          send(d.score === null ? "completed" : "scored", xc.pretest.activity, { result: d.score === null ? { completion: true } : { score: X.score(d.score) } }, "pretest");
        } else if (name === "page" && d.index !== lastPage) {
          lastPage = d.index;
          var page = config.pages[d.index];
          listeners.page.forEach(function (fn) {
            fn(page.id);
          });
          if (page.kind === "page" && xc.pages[page.id]) send("experienced", xc.pages[page.id], {}, "page");
        }
      },

      /* The outcome as statements (recordXapi): passed once, completed once; failed when the
       * session ends, as a session may hold only one of passed and failed, so that a retry that
       * passes replaces the fail [cmi5 §9.3; docs/tracking.md]. */
      setResult: function (outcome) {
        if (readOnly) return false;
        last = outcome;
        var r = recordXapi(outcome);
        if (outcome.score !== null) score = outcome.score;
        if (r.passed) once("passed", scored({ success: true }));
        failing = r.failed;
        if (r.completed) once("completed", { completion: true, duration: elapsed() });
        if (store.doc.status !== r.status) {
          store.doc.status = r.status;
          store.dirty = true;
        }
        return true;
      },

      setBookmark: function (location, data) {
        if (location != null) store.doc.location = location;
        if (data != null) store.doc.suspendData = data;
        store.dirty = true;
        return true;
      },

      recordInteraction: function (it) {
        var found = X.question(config, it.id);
        var object = found && found.object;
        if (!object) return null;
        var result = {};
        var response = X.response(it.type, it.response);
        if (response !== "") result.response = response;
        if (it.correct !== null) result.success = !!it.correct; // a survey answer: no success [xAPI 1.0.3 §4.1.5]
        result.duration = X.duration(it.latencyMs);
        // a partly right answer: its credit as score.scaled, success false [xAPI 1.0.3 §4.1.5]
        if (!it.correct && it.credit > 0 && it.credit < 1) result.score = { scaled: it.credit };
        return !!send("answered", object, { parent: found.parent, result: result }, "question");
      },

      setSessionTime: function () {
        return true; // durations come from initialized: no session time in xAPI
      },

      setExit: function () {
        return true; // a session's end is its terminated statement
      },

      commit: function () {
        // hidden: the page may be closing, keepalive outlives it; a moment later, so that the
        // finish() that follows on pagehide sends terminated in the same request (flushNow)
        if (hidden()) Promise.resolve(true).then(save); // save(true)
        else save(false);
        return true;
      },

      finish: function () {
        if (ended || startedAt === null) return false;
        listeners.finish.forEach(function (fn) {
          fn();
        });
        // a failing best score not reported yet; never after a pass [cmi5 §9.3]
        var f = failing && !readOnly && !store.doc.sent.passed && !barred.failed && store.doc.failedScore !== score &&
            send("failed", course, { result: scored({ success: false }) }, "course");
        if (f) {
          store.doc.failedScore = score;
          store.doc.sent.failed = f.id;
          store.dirty = true;
        }
        send("terminated", course, { result: { duration: elapsed() } }, "course");
        ended = true;
        save(hidden());
        if (profile.onfinish) profile.onfinish();
        return true;
      },

      /* A Video Profile statement about a page's video (xapi-video.js) [xAPI Video Profile 1.0 §2.3]. */
      video: function (pageId, verb, opts) {
        var object = xc.videos[pageId];
        if (!object) return null;
        var o = { category: [VIDEO_CATEGORY], result: opts.result, extensions: opts.extensions, id: opts.id };
        return send(verb, object, o, "video");
      },

      on: function (event, fn) {
        listeners[event].push(fn);
      },

      /* The page is going away: the resume state and what is queued, with keepalive. */
      pagehide: function () {
        save(true);
      },

      newId: builder.newId,
      now: now
    };
    return core;
  }

  /* The parts of a browser the adapters use: storage, fetch, visibility, video binding. */
  /* Is the page going away? A pagehide listener registered before the player's (call this when
   * the adapter is made, from player.js), so that the finish() the player's pagehide runs sends
   * terminated with keepalive: a frame being unloaded can still be "visible". */
  function watchLeaving(win) {
    if (!win.__coursebuildLeaving) {
      var state = (win.__coursebuildLeaving = { leaving: false });
      win.addEventListener("pagehide", function () {
        state.leaving = true;
      });
      win.addEventListener("pageshow", function () {
        state.leaving = false; // back from the back-forward cache
      });
    }
    return win.__coursebuildLeaving;
  }

  function browserEnv(win, config, launch, opts) {
    var state = watchLeaving(win);
    return {
      config: config,
      launch: launch,
      onsave: opts && opts.onsave,
      hidden: function () {
        return state.leaving || win.document.visibilityState === "hidden";
      }
    };
  }

  /* Wire a core to the page: pagehide flush, Video Profile binding. */
  function attach(win, core, config) {
    win.addEventListener("pagehide", core.pagehide);
    if (win.CourseBuild.xapiVideo) win.CourseBuild.xapiVideo.bind(win, core, config);
  }

  /* The xapi target: launched with the Tin Can query string [Tin Can launch §Launch], or null. */
  function launch(win, config, opts) {
    watchLeaving(win);
    var l = X.parseLaunch(win.location.search);
    if (!config.xapi || !l.ok) {
      if (config.xapi && (l.endpoint || l.actor)) warn("Tin Can launch parameters missing or invalid: " + l.problems.join(", "));
      return null;
    }
    var core = createCore(browserEnv(win, config, l, opts));
    core.prepare = function (done) {
      core.loadState(function () {
        attach(win, core, config);
        core.queue.flush(); // statements left from an earlier launch go first
        done();
      });
    };
    return core;
  }

  var api = { name: "xapi", STATE_ID: STATE_ID, createCore: createCore, launch: launch, browserEnv: browserEnv, watchLeaving: watchLeaving, attach: attach, browserStorage: browserStorage, warn: warn };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).xapi = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
