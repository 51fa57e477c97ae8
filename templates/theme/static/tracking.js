/* coursebuild runtime: tracking.js: the tracking core (no DOM).
 *
 * The player tells the core what the learner did: started, page seen, video progress, question
 * answered and checked, assessment result, language, suspend (page hidden), exit. The core keeps
 * the resume state (state.js), decides the outcome from the course's completion rule and mastery
 * score (outcome.js decide: the truth table of docs/tracking.md), and talks to ONE adapter, which
 * maps that one outcome to its own data model.
 *
 * Adapter interface (adapter-scorm12.js, adapter-scorm2004.js, adapter-xapi.js, adapter-cmi5.js,
 * adapter-none.js); each module's one entry point is launch(win, config, opts) -> adapter | null
 * (docs/runtime-contract.md):
 *   name, tracking (bool: something records what we send)
 *   init() -> {ok, entry, status, mode, location, suspendData, language}
 *     (status: what the LMS holds, as "passed" | "completed" | "failed" | "incomplete" | "")
 *   setResult(outcome) -> false when the LMS refused part of it (outcome: see decide())
 *   setBookmark(location, suspendData) (null = unchanged)  setSessionTime(ms)  setExit(done)
 *   setProgress(0..1) (optional: share of pages seen, at milestones; SCORM 2004)
 *   recordInteraction({id, type, response, patterns, correct, credit, latencyMs, time, weighting})
 *     (the assessment's answers, and a knowledge check's with weighting 0: recordCheck)
 *     (response and patterns are neutral values, see formats.js; the adapter formats them;
 *     correct is null for a survey (likert) answer, never right nor wrong: result "neutral";
 *     false: the LMS refused it, recorded again at the next milestone; null: not recorded here)
 *   setBookmark, setExit: false when the LMS refused them: written again at the next milestone
 *   commit()  finish()
 * Optional:
 *   prepare(done): asynchronous set-up (xAPI, cmi5: token, launch data, State document); the
 *     player calls init() only after done()
 *   notify(event, detail): what else the learner did, for adapters that report more than a
 *     status: "start" {lang}, "page" {index}, "language" {lang}, "pretest" {id, score} (lang: index)
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var S = CB ? CB.state : require("./state.js");
  var quizTracking = function () { return CB ? CB.trackingQuiz : require("./tracking-quiz.js"); }; // in a chunk: looked up when used
  var O = CB ? CB.outcome : require("./outcome.js");
  var decide = O.decide, rankOf = O.rankOf, RANK = O.RANK, threshold = O.threshold;

  var QUIZ_METHODS = ["assessmentBlockers", "attemptsLeft", "passed", "canRetry", "quizAhead", "quizBegin", "quizAnswer",
    "quizMove", "quizCheck", "recordCheck", "quizFinish", "quizRetry"];

  /* Percentages at which video progress is committed (plus the course's own video threshold). */
  var VIDEO_MILESTONES = [25, 50, 75, 100];

  /* "fr-CA", "fre", "French", "français" -> index of "fr" in languages, or -1. */
  function languageIndex(languages, preference) {
    var p = String(preference || "").toLowerCase().slice(0, 2);
    for (var i = 0; p && i < languages.length; i++) if (languages[i].toLowerCase().slice(0, 2) === p) return i;
    return -1;
  }

  /* config: the runtime config; adapter: one adapter; opts: now(), log(message), rng(),
   * browserLanguages (navigator.languages: the starting language when the LMS has none). */
  function createTracker(config, adapter, opts) {
    opts = opts || {};
    var now = opts.now || function () {
      return Date.now();
    };
    var log = opts.log || function (m) {
      if (typeof console !== "undefined") console.warn("coursebuild: " + m);
    };
    var rng = opts.rng || Math.random;
    var assessment = config.assessment;
    var videoPages = S.videoPages(config);
    var limit = config.suspendDataLimit || null;
    var started = 0;
    var current = "";     // the status the LMS held at launch
    var floor = 0;        // never write an outcome ranked below this (RANK)
    var resultOk = true;  // did the LMS take the last result written?
    var finishOk = null;  // what finish() answered
    var interactions = 0; // answers recorded this session
    var committed = "";   // written() at the last commit
    var lastLocation = null; // what was last written, to write only changes
    var lastData = null;
    var lastExit = null;
    var lastDropped = "";
    var readOnly = false;
    var ended = false;
    var unrecorded = []; // interactions the LMS refused

    var t = {
      adapter: adapter,
      state: S.fresh(config),
      tracking: false,
      resumed: false,
      readOnly: false
    };

    function writes() {
      return t.tracking && !readOnly && !ended;
    }

    /* Events for adapters that report them (xAPI); sent in review mode too: the adapter decides. */
    function notify(name, detail) {
      if (t.tracking && !ended && adapter.notify) adapter.notify(name, detail);
    }

    function facts() {
      var st = t.state;
      var videoNeed = (config.completion && config.completion.video) || 0;
      var quiz = st.quiz;
      return {
        seen: st.visited,
        videosOk: videoNeed <= 0 || st.video.every(function (p) {
          return p >= videoNeed;
        }),
        best: quiz ? quiz.best : null,
        used: quiz ? quiz.used : 0
      };
    }

    function save() {
      if (!writes()) return;
      var enc = S.encode(config, t.state, limit);
      var dropped = enc.dropped.join(", ");
      if (dropped && dropped !== lastDropped) {
        log("suspend_data over " + limit + " characters: dropped " + dropped +
          (enc.text === null ? " (not written)" : "")); // "everything": not even the smallest state fits
      }
      lastDropped = dropped;
      var page = config.pages[t.state.page].id;
      var location = page !== lastLocation ? page : null;
      var data = enc.text !== null && enc.text !== lastData ? enc.text : null;
      if (location === null && data === null) return;
      if (location !== null) lastLocation = page;
      if (data !== null) lastData = data;
      // refused: written again at the next milestone (the LMS does not hold it)
      if (adapter.setBookmark(location, data) === false) lastLocation = lastData = null;
    }

    /* Answers the LMS refused (false from recordInteraction), recorded again at a milestone. */
    function record(list) {
      return list.filter(function (it) {
        return adapter.recordInteraction(it) === false;
      });
    }

    /* The outcome, written through the adapter (which writes only what changed). A result the
     * facts of this session cannot account for is never lowered (floor). */
    function updateResult() {
      var o = decide(config, facts());
      if (writes() && rankOf(o) >= floor) resultOk = adapter.setResult(o) !== false;
      return o;
    }

    /* A milestone: state, outcome, exit, session time, commit: saving only on unload loses
     * data, since browsers drop synchronous requests then. The session
     * time goes with every commit, so that an LMS that finishes the session itself (a closed
     * window) keeps it. */
    function milestone() {
      if (!writes()) return;
      unrecorded = record(unrecorded);
      save();
      if (adapter.setProgress) adapter.setProgress(seenShare());
      exitValue(updateResult().done);
      adapter.setSessionTime(now() - started);
      adapter.commit();
      committed = written();
    }

    /* What a commit would send beyond the session time, to know whether one is needed. The
     * outcome is not in it: it follows from the state, which is in the suspend data. */
    function written() {
      return [lastLocation, lastData, lastExit, interactions].join("|");
    }

    /* Share of the pages seen, 0..1 (for adapters that report progress: SCORM 2004). */
    function seenShare() {
      var v = t.state.visited.filter(function (seen, i) { return config.pages[i].kind !== "pretest"; }); // skippable
      return v.length ? v.filter(Boolean).length / v.length : 0;
    }

    /* cmi.core.exit at every milestone, so that a session that is killed still resumes. */
    function exitValue(done) {
      if (done === lastExit) return;
      lastExit = adapter.setExit(done) === false ? null : done;
    }

    t.start = function () {
      started = now();
      var info = adapter.init() || { ok: false };
      t.tracking = !!(adapter.tracking && info.ok);
      t.mode = info.mode || "normal";
      // review and browse record nothing [SCORM 1.2 RTE §3.4 lesson_mode; SCORM 2004 4th ed. RTE §4.2.15 cmi.mode]
      readOnly = t.readOnly = t.mode === "review" || t.mode === "browse";
      current = info.status || "";
      var restored = info.suspendData ? S.decode(config, info.suspendData) : null;
      if (info.suspendData && !restored) log("suspend_data is not a state of this course version: starting afresh");
      if (restored) {
        t.state = restored;
        t.resumed = !restored.partial; // a partial state says too little of the pages and videos
      }
      if (!t.resumed) floor = RANK[current] || 0; // what the LMS holds from a state not (all) restored
      if (!restored) {
        var pages = config.pages.map(function (p) {
          return p.id;
        });
        if (pages.indexOf(info.location) >= 0) t.state.page = pages.indexOf(info.location);
        // The LMS's learner preference, else the browser's languages in order [issue 5]
        var prefs = [info.language].concat(opts.browserLanguages || []);
        var li = -1;
        for (var k = 0; k < prefs.length && li < 0; k++) li = languageIndex(config.languages || [], prefs[k]);
        if (li >= 0) t.state.lang = li;
      }
      // first launch: incomplete [SCORM 1.2 RTE §3.4 lesson_status]; a resume: what the facts say
      if (writes()) updateResult();
      notify("start", { lang: t.state.lang });
      return t.state;
    };

    /* What the learner is told: the outcome, whether it reached the LMS, the session's state. */
    t.status = function () {
      return {
        lms: current, outcome: decide(config, facts()), tracking: t.tracking, readOnly: readOnly,
        recorded: t.tracking && !readOnly && resultOk && finishOk !== false, ended: ended,
        mode: t.mode || "normal"
      };
    };

    t.pageSeen = function (index) {
      t.state.page = index;
      t.state.visited[index] = true;
      notify("page", { index: index });
      milestone();
    };

    /* The learner's choice of language: kept in the resume state and committed at once. */
    t.setLanguage = function (index) {
      t.state.lang = index;
      notify("language", { lang: index });
      milestone();
    };

    /* Percent of a page's video watched; kept at its highest; committed at milestones. watched:
     * what player-video.js keeps of it (state.js FORMAT, W), saved with the next save. */
    t.videoProgress = function (pageIndex, percent, watched) {
      var vi = videoPages.indexOf(pageIndex);
      var p = Math.max(0, Math.min(100, Math.floor(percent)));
      if (vi >= 0 && watched) t.state.watched[vi] = watched;
      if (vi < 0 || p <= t.state.video[vi]) return false;
      var before = t.state.video[vi];
      t.state.video[vi] = p;
      var marks = VIDEO_MILESTONES.concat([(config.completion && config.completion.video) || 0]);
      var crossed = marks.some(function (m) {
        return m > 0 && before < m && p >= m;
      });
      if (crossed) milestone();
      else save();
      return crossed;
    };

    /* The assessment's lock, its attempt and the answers recorded (tracking-quiz.js, in the
     * questions chunk, which only a page with questions loads): each made when first called. */
    var core = {
      assessment: assessment, rng: rng, now: now, writes: writes, save: save, milestone: milestone,
      notify: notify,
      recordAll: function (list) {
        interactions += list.length;
        unrecorded = unrecorded.concat(record(list));
      }
    };
    QUIZ_METHODS.forEach(function (name) {
      t[name] = function () {
        quizTracking().extend(t, core, config);
        return t[name].apply(t, arguments);
      };
    });

    /* The page is hidden (tab switch, app switch, closing): save what changed since the last
     * commit. Nothing new, no commit: the last one holds all but the time since, and an LMS
     * that finishes the session itself when its window closes (forma.lms) would take a late
     * commit as the whole session again, losing the time its finish added (docs/lms-guide.md). */
    t.suspend = function () {
      if (!writes()) return;
      save();
      if (written() !== committed) milestone();
    };

    /* Exit button or pagehide: the last save, then LMSFinish, once. */
    t.exit = function () {
      if (ended) return false;
      if (writes()) {
        save();
        var d = updateResult();
        exitValue(d.done);
        adapter.setSessionTime(now() - started);
        // LMSFinish/Terminate store the data themselves [SCORM 1.2 RTE §3.3.2.1; SCORM 2004 4th ed. RTE §3.1.7.2]:
        // a commit first only when something is new (as suspend)
        if (written() !== committed) adapter.commit();
      }
      ended = true;
      if (t.tracking) finishOk = adapter.finish() !== false;
      return true;
    };

    return t;
  }

  var api = {
    RANK: RANK,
    decide: decide,
    rankOf: rankOf,
    threshold: threshold,
    report: function (status, opts) {
      return O.report(status, opts); // outcome-report.js, in the questions chunk
    },
    languageIndex: languageIndex,
    createTracker: createTracker
  };

  if (CB) CB.tracking = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
