/* coursebuild runtime: tracking.js: the tracking core (no DOM).
 *
 * The player tells the core what the learner did: started, page seen, video progress, question
 * answered and checked, assessment result, language, suspend (page hidden), exit. The core keeps
 * the resume state (state.js), decides the status from the course's completion rule and mastery
 * score (decideStatus, never a downgrade), and talks to ONE adapter.
 *
 * Adapter interface (adapter-scorm12.js, adapter-none.js; later scorm2004, xapi, cmi5):
 *   name, tracking (bool: something records what we send)
 *   init() -> {ok, entry, status, mode, location, suspendData, language}
 *   setScore(0..100)  setStatus("incomplete"|"completed"|"passed"|"failed")
 *   setBookmark(location, suspendData) (null = unchanged)  setSessionTime(ms)  setExit(done)
 *   setProgress(0..1) (optional: share of pages seen, at milestones; SCORM 2004)
 *   recordInteraction({id, type, response, patterns, correct, latencyMs, time, weighting})
 *     (response and patterns are neutral values, see formats.js; the adapter formats them)
 *   commit()  finish()
 * Optional:
 *   prepare(done): asynchronous set-up (xAPI, cmi5: token, launch data, State document); the
 *     player calls init() only after done()
 *   notify(event, detail): what else the learner did, for adapters that report more than a
 *     status: "start" {lang}, "page" {index}, "language" {lang} (lang: index in languages)
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var S = CB ? CB.state : require("./state.js");
  var Q = CB ? CB.quiz : require("./quiz.js");

  /* How far each status is from the start; a status is only ever replaced by one ranked at
   * least as high (never downgrade: standards 2.8 #6). */
  var STATUS_RANK = { "incomplete": 1, "failed": 2, "completed": 3, "passed": 4 };

  /* Percentages at which video progress is committed (plus the course's own video threshold). */
  var VIDEO_MILESTONES = [25, 50, 75, 100];

  function rank(status) {
    return STATUS_RANK[status] || 0; // "", "not attempted", "browsed", "unknown"
  }

  /* The pass threshold: the mastery score when set (it is what the LMS judges by,
   * standards 2.7), else the assessment's pass mark. */
  function threshold(config) {
    if (typeof config.masteryScore === "number") return config.masteryScore;
    return config.assessment ? config.assessment.passMark : null;
  }

  /* THE decision table. facts: {allSeen, videosOk, best (score or null), outOfAttempts}.
   * Returns {status, score (to write, or null), done (nothing left to do)}.
   *
   *  - no score yet: "completed" when the rule is met, else "incomplete";
   *  - no mastery score: the score is reported; "completed" when the rule is met, else "incomplete";
   *  - score >= mastery: "passed" with the score when the rest of the rule is met; else
   *    "incomplete" and the score is held back (an LMS such as Moodle turns any raw >= mastery
   *    into "passed" at LMSFinish, standards 2.7, which would break the rule);
   *  - score < mastery: "failed" with the score (consistent with score vs mastery, checklist 16).
   */
  function decideStatus(config, facts) {
    var rule = config.completion || {};
    var mastery = typeof config.masteryScore === "number" ? config.masteryScore : null;
    var pass = threshold(config);
    var rulePages = rule.pages !== "none";
    var contentDone = (!rulePages || facts.allSeen) && facts.videosOk;
    var hasScore = typeof facts.best === "number";
    var passed = hasScore && pass !== null && facts.best >= pass;
    var need = config.assessment ? rule.assessment || "none" : "none";
    var assessmentOk = need === "none" || (need === "attempted" && hasScore) || (need === "passed" && passed);
    var done = (contentDone && assessmentOk) || !!facts.outOfAttempts;
    if (!hasScore) return { status: contentDone && assessmentOk ? "completed" : "incomplete", score: null, done: done };
    if (mastery === null) {
      return { status: contentDone && assessmentOk ? "completed" : "incomplete", score: facts.best, done: done };
    }
    if (facts.best >= mastery) {
      return contentDone && assessmentOk
        ? { status: "passed", score: facts.best, done: done }
        : { status: "incomplete", score: null, done: done };
    }
    return { status: "failed", score: facts.best, done: done };
  }

  /* Should a decision be written over the current status? Only when it does not go down. */
  function mayWrite(current, proposed) {
    return rank(proposed) >= rank(current);
  }

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
    var current = "";     // the status the LMS has now
    var scoreWritten = null;
    var lastLocation = null; // what was last written, to write only changes
    var lastData = null;
    var lastExit = null;
    var lastDropped = "";
    var readOnly = false;
    var ended = false;

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
      var pass = threshold(config);
      var passed = !!quiz && quiz.best !== null && pass !== null && quiz.best >= pass;
      return {
        allSeen: st.visited.every(Boolean),
        videosOk: videoNeed <= 0 || st.video.every(function (p) {
          return p >= videoNeed;
        }),
        best: quiz ? quiz.best : null,
        outOfAttempts: !!quiz && !passed && assessment.attempts > 0 && quiz.used >= assessment.attempts
      };
    }

    function save() {
      if (!writes()) return;
      var enc = S.encode(config, t.state, limit);
      var dropped = enc.dropped.join(", ");
      if (dropped && dropped !== lastDropped) {
        log("suspend_data over " + limit + " characters: dropped " + dropped +
          (enc.text === null ? " (not written: even the smallest state is over the limit)" : ""));
      }
      lastDropped = dropped;
      var page = config.pages[t.state.page].id;
      var location = page !== lastLocation ? page : null;
      var data = enc.text !== null && enc.text !== lastData ? enc.text : null;
      if (location === null && data === null) return;
      if (location !== null) lastLocation = page;
      if (data !== null) lastData = data;
      adapter.setBookmark(location, data);
    }

    function updateStatus() {
      var d = decideStatus(config, facts());
      if (writes() && mayWrite(current, d.status)) {
        if (d.score !== null && d.score !== scoreWritten) {
          adapter.setScore(d.score); // score before status [standards 2.7]
          scoreWritten = d.score;
        }
        if (d.status !== current) {
          adapter.setStatus(d.status);
          current = d.status;
        }
      }
      return d;
    }

    /* A milestone: state, status, exit, commit [standards 2.8 #1]. */
    function milestone() {
      if (!writes()) return;
      save();
      if (adapter.setProgress) adapter.setProgress(seenShare());
      exitValue(updateStatus().done);
      adapter.commit();
    }

    /* Share of the pages seen, 0..1 (for adapters that report progress: SCORM 2004). */
    function seenShare() {
      var v = t.state.visited;
      return v.length ? v.filter(Boolean).length / v.length : 0;
    }

    /* cmi.core.exit at every milestone, so that a session that is killed still resumes. */
    function exitValue(done) {
      if (done === lastExit) return;
      lastExit = done;
      adapter.setExit(done);
    }

    t.start = function () {
      started = now();
      var info = adapter.init() || { ok: false };
      t.tracking = !!(adapter.tracking && info.ok);
      readOnly = t.readOnly = info.mode === "review";
      current = info.status || "";
      var restored = info.suspendData ? S.decode(config, info.suspendData) : null;
      if (info.suspendData && !restored) log("suspend_data is not a state of this course version: starting afresh");
      if (restored) {
        t.state = restored;
        t.resumed = true;
      } else {
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
      if (writes() && rank(current) === 0) {
        adapter.setStatus("incomplete"); // first launch [RTE 1.2 §3.4 lesson_status]
        current = "incomplete";
      }
      notify("start", { lang: t.state.lang });
      return t.state;
    };

    t.status = function () {
      return { lms: current, decision: decideStatus(config, facts()), tracking: t.tracking, ended: ended };
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

    /* Percent of a page's video watched; kept at its highest; committed at milestones. */
    t.videoProgress = function (pageIndex, percent) {
      var vi = videoPages.indexOf(pageIndex);
      var p = Math.max(0, Math.min(100, Math.floor(percent)));
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

    t.attemptsLeft = function () {
      if (!assessment) return 0;
      if (!(assessment.attempts > 0)) return Infinity;
      return Math.max(0, assessment.attempts - t.state.quiz.used);
    };

    t.passed = function () {
      var q = t.state.quiz;
      var pass = threshold(config);
      return !!q && q.best !== null && pass !== null && q.best >= pass;
    };

    t.canRetry = function () {
      return !!assessment && t.state.quiz.phase === 1 && !t.passed() && t.attemptsLeft() > 0;
    };

    /* Draw the questions of a new attempt if none are drawn yet. */
    t.quizBegin = function () {
      var q = t.state.quiz;
      if (!q || q.items.length || q.phase === 1) return false;
      q.items = Q.draw(assessment, rng);
      q.current = 0;
      save();
      return true;
    };

    t.quizAnswer = function (i, answer) {
      var item = t.state.quiz.items[i];
      if (!item || item.checked) return;
      item.answer = answer;
      save();
    };

    t.quizMove = function (i) {
      t.state.quiz.current = i;
      save();
    };

    /* Check one question: lock it, record it as an interaction, commit (unless batch: the
     * caller checks several and commits once, e.g. with quizFinish). Returns correct. */
    t.quizCheck = function (i, latencyMs, batch) {
      var item = t.state.quiz.items[i];
      var q = assessment.questions[item.q];
      var correct = Q.evaluate(q, item.answer);
      if (item.checked) return correct;
      item.checked = true;
      if (writes()) {
        adapter.recordInteraction({
          id: q.interactionId || assessment.id + "-" + q.id,
          type: q.type,
          response: Q.response(q, item.answer),
          patterns: Q.patterns(q),
          correct: correct,
          latencyMs: latencyMs,
          time: new Date(now()),
          weighting: 1
        });
      }
      if (!batch) milestone();
      return correct;
    };

    /* The attempt is over: score it, count it, report it. */
    t.quizFinish = function () {
      var quiz = t.state.quiz;
      if (quiz.phase === 1) return { score: quiz.last };
      var score = Q.score(assessment, quiz.items);
      quiz.used += 1;
      quiz.last = score;
      quiz.best = quiz.best === null ? score : Math.max(quiz.best, score);
      quiz.phase = 1;
      milestone();
      return { score: score };
    };

    t.quizRetry = function () {
      if (!t.canRetry()) return false;
      var quiz = t.state.quiz;
      quiz.phase = 0;
      quiz.items = [];
      quiz.current = 0;
      t.quizBegin();
      return true;
    };

    /* The page is hidden (tab switch, app switch, closing): save everything now. */
    t.suspend = function () {
      if (!writes()) return;
      adapter.setSessionTime(now() - started);
      milestone();
    };

    /* Exit button or pagehide: the last save, then LMSFinish, once. */
    t.exit = function () {
      if (ended) return false;
      if (writes()) {
        save();
        var d = updateStatus();
        adapter.setSessionTime(now() - started);
        exitValue(d.done);
        adapter.commit();
      }
      ended = true;
      if (t.tracking) adapter.finish();
      return true;
    };

    return t;
  }

  var api = {
    STATUS_RANK: STATUS_RANK,
    decideStatus: decideStatus,
    mayWrite: mayWrite,
    languageIndex: languageIndex,
    createTracker: createTracker
  };

  if (CB) CB.tracking = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
