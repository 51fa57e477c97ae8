/* coursebuild preview: lms-profiles.js: LMS profiles, each the documented behaviour of a real LMS
 * wrapped around any SCORM API object (the preview's strict engine, scorm-again in the tests).
 *
 * wrap(name, version, api, lms, opts) -> the same 8 methods (LMSInitialize... or Initialize...),
 * plus close() (the LMS's reaction to the learner closing the player window), describe(),
 * launchValues(version, values, record), state(), and for moodle activityComplete(version,
 * values, rules, options). version: "scorm12" | "scorm2004".
 *   api: the wrapped LMS API (its 8 methods);
 *   lms: the LMS side, never seen by the SCO: get(element) -> its value or undefined,
 *        set(element, value), running() -> is a session open, store(finished, why) -> the LMS
 *        stores what it holds now, as a commit or as a finish;
 *   opts.onCall(entry): the calls a profile answers itself (never passed to api), with a
 *        thrown exception as entry.threw.
 * launchValues(name, version, values, record) -> what the LMS hands the SCO at launch; values
 * are what a strict LMS hands (flat {element: value}); record: {sessions, stored, launchEntry,
 * launchTotal, exitAtFinish, finished, storedAfterFinish} about the previous session.
 * Every behaviour cites the LMS source it reproduces: describe(name).behaviours. */
(function (root) {
  "use strict";

  var NAMES = {
    scorm12: { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", last: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" },
    scorm2004: { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
      last: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic" }
  };
  var QUERIES = ["last", "string", "diagnostic"];
  var KEYS = {
    scorm12: { entry: "cmi.core.entry", total: "cmi.core.total_time", exit: "cmi.core.exit" },
    scorm2004: { entry: "cmi.entry", total: "cmi.total_time", exit: "cmi.exit" }
  };

  var E2 = root ? root.CBPreview.edition2 : require("./lms-limits.js"); // loaded before this file
  var SF = root ? root.CBPreview.successfactors : require("./lms-successfactors.js"); // as E2
  var MOODLE = "Moodle 4.3 mod/scorm/";
  var FORMA = "forma.lms 4.0.19 appLms/modules/scorm/";

  var PROFILES = {
    strict: {
      title: "Strict: the SCORM standards as written (the preview's own LMS, the tests' scorm-again)",
      behaviours: []
    },
    moodle: {
      title: "Moodle 4.3 (mod_scorm)",
      behaviours: [
        { id: "moodle-12-mastery", confirmed: true,
          what: "At LMSFinish (never at LMSCommit), a lesson_status still 'not attempted' becomes 'completed'; then, " +
            "in normal mode with credit, when the activity's 'mastery score overrides status' is on (the default) " +
            "and neither mastery_score nor score.raw is '', lesson_status becomes 'passed' if score.raw >= " +
            "mastery_score, else 'failed', whatever the SCO set.",
          source: "[" + MOODLE + "datamodels/scorm_12.js StoreData(data, storetotaltime), called by LMSFinish with " +
            "storetotaltime true; masteryoverride defaults to 1 in mod/scorm/settings.php]" },
        { id: "moodle-12-blank-score", confirmed: true,
          what: "LMSSetValue of '' to a score (cmi.core.score.raw/min/max, cmi.objectives.n.score.*) passes the " +
            "CMIDecimal check, then the range check turns it into the number 0, which is what Moodle stores; at " +
            "LMSFinish that 0 is not '', so the mastery override applies to it.",
          source: "[" + MOODLE + "datamodels/scorm_12.js LMSSetValue: CMIDecimal '^-?([0-9]{0,3})(\\.[0-9]*)?$', " +
            "then range '0#100' with value * 1.0]" },
        { id: "moodle-2004-navrequest", confirmed: true,
          what: "Commit or Terminate while adl.nav.request is exitAll or abandonAll: the data is stored (Terminate: " +
            "as a finish), then the call throws SyntaxError \"Unexpected token '<'\" and the API stays " +
            "initialized (GetLastError still '0'). suspendAll and _none_ answer normally (_none_ is never sent).",
          source: "[" + MOODLE + "datamodel.php: its preg_replace list runs '@exit@' before '@exitAll@', so " +
            "'exitAll' becomes the request 'exit_All' ('abandonAll': 'abandon_All'); scorm_seq_overall -> " +
            "scorm_seq_navigation (datamodels/scorm_13lib.php) finds no activity of that identifier: exception " +
            "NB.2.1-11, which scorm_sequencing_exception (datamodels/sequencinglib.php) echoes as " +
            "$OUTPUT->notification('Target Activity does not exist') before 'true\\n0'; datamodels/scorm_13.js " +
            "StoreData evals results[2] (a line of that HTML) whenever a nav request was sent, and Terminate and " +
            "Commit call StoreData before setting Terminated]" },
        { id: "moodle-2004-threshold", confirmed: true,
          what: "At Terminate, in normal mode with credit, when completion_threshold and progress_measure are both " +
            "set (and not 0), completion_status becomes 'completed' if progress_measure >= completion_threshold, " +
            "else 'incomplete'. success_status is never overridden from score.scaled: StoreData tests " +
            "cmi.scaled_passed_score, a misspelling that is never defined.",
          source: "[" + MOODLE + "datamodels/scorm_13.js StoreData(data, storetotaltime)]" },
        { id: "moodle-completion", confirmed: true,
          what: "Activity completion (activityComplete): 'completion status required' is a bit set (passed 2, " +
            "completed 4); the tracks of lesson_status, completion_status and success_status are OR-ed one by one " +
            "and the rule is met only when the bits equal the requirement: 'passed' alone does not meet " +
            "'completed'. 'Score required' is met by any score.raw >= the required score.",
          source: "[Moodle mod/scorm/classes/completion/custom_completion.php get_state; mod/scorm/lib.php " +
            "scorm_status_options]" },
        { id: "moodle-430-completion-12", confirmed: false,
          what: "As reported for 4.3.0, not confirmed from the sources read (no tracker issue found): a SCORM 1.2 " +
            "status update does not re-evaluate activity completion, which keeps its earlier state " +
            "(activityComplete with {release: '4.3.0', previous}).",
          source: "[report only; " + MOODLE + "locallib.php scorm_insert_track shows no completion update]" }
      ]
    },
    forma: {
      title: "forma.lms 4.x (Docebo CE lineage)",
      behaviours: [
        { id: "forma-2004-identifier", confirmed: true,
          what: "SCORM 2004: SetValue of cmi.interactions.n.id, cmi.interactions.n.objectives.n.id, " +
            "cmi.interactions.n.correct_responses.n.pattern or cmi.objectives.n.id whose value holds any of " +
            "- _ . ! ~ * ' ( ) (or more than 4000 characters) answers 'false' with 406. Every other character " +
            "passes forma's check (spaces and '' too).",
          source: "[" + FORMA + "ScormTypes.js scormTypes_itentifier_type: new RegExp(\"^[^\\-_.!~*'()]{0,\" + " +
            "maxlen + \"}$\"), used by checkScormType for long_identifier_type, the type scormItemTrackData-1.3.xml " +
            "gives those elements; ScormCache.js ScormParamInfo.setParam answers DSCORM_ERR_DM_TYPEMISMATCH (406)]" },
        { id: "forma-close", confirmed: true,
          what: "Closing the player window: the player's beforeunload handler sends Finish with the whole " +
            "tracking document it holds in memory (set, committed or not) before the SCO's own unload handler " +
            "runs. The API is not marked terminated: the SCO's later GetValue and SetValue work, its Commit is " +
            "stored (sent with sendBeacon), and its LMSFinish/Terminate answers 'true' and sends nothing. No 101.",
          source: "[" + FORMA + "ScormApi.js ScormApi.prototype.init (beforeunload: unloading, forceFinish), " +
            "forceFinish, commonRequest (sendBeacon while unloading), ScormApiUI.prototype.LMSFinish " +
            "(finish_launched); StdPlayer.js StdUIPlayer.initialize calls scormapi.init(); soaplms.php op=Commit " +
            "-> SOAPLMS::SetValuesFromXML, which has no session state]" },
        { id: "forma-after-finish", confirmed: true,
          what: "After the SCO's own LMSFinish/Terminate: GetValue answers '' with 122, SetValue 'false' with 132, " +
            "Commit 'false' with 142 (in SCORM 1.2 too), a second LMSFinish/Terminate 'true'.",
          source: "[" + FORMA + "ScormApi.js ScormApi.prototype.LMSGetValue and LMSSetValue (initialized == " +
            "false), ScormApiUI.prototype.LMSCommit, ScormApiUI.prototype.LMSFinish]" },
        { id: "forma-entry", confirmed: true,
          what: "Next launch: Finish sets entry to 'resume' after exit suspend or logout, else ''; but every Commit " +
            "posts the whole tracking document, entry and total_time as handed at launch included, and forma " +
            "keeps it as it is. So after a Commit that reaches forma after its Finish (the SCO's unload commit " +
            "after the forced finish), the next launch gets the previous launch's entry and total_time again: " +
            "'ab-initio' at every launch of a course always closed with the window (the reported behaviour, in " +
            "SCORM 1.2 as in 2004), while location, suspend_data and the rest come back; forma also keeps a 2004 " +
            "attempt's data whatever the exit. A session ended by the SCO's own Terminate gets 'resume'.",
          source: "[" + FORMA + "soaplms.php SOAPLMS::Finish (entry, total_time) and SOAPLMS::Initialize (the " +
            "stored document, whatever the exit); op=Commit -> SetValuesFromXML -> scorm_tracking.php " +
            "Scorm_Tracking::setParamXML ($GLOBALS['xpathwritedb'] 'entry' from scorm-1.2.php/scorm-1.3.php, then " +
            "setXmlDoc replaces the stored document)]" }
      ]
    },
    edition2: E2.profile,
    successfactors: SF.profile
  };

  function describe(name) {
    var p = PROFILES[name];
    if (!p) throw new Error("unknown LMS profile " + JSON.stringify(name) + "; expected one of: " + Object.keys(PROFILES).join(", "));
    return { name: name, title: p.title, behaviours: p.behaviours.map(function (b) {
      return Object.assign({}, b);
    }) };
  }

  /* Error strings for the codes a profile answers that the wrapped API may not know (forma's
   * 122/132/142 in SCORM 1.2) [forma.lms 4.0.19 appLms/modules/scorm/ScormCache.js DSCORM_getErrText]. */
  var TEXTS = {
    "0": "No error", "122": "Retrieve data before initialization", "132": "Store data before initialization",
    "142": "Commit before initialization", "351": "General set failure", "406": "Data model element type mismatch"
  };

  /* The common frame: the 8 methods, a last error the profile may answer itself, the call log. */
  function frame(version, api, opts) {
    var N = NAMES[version];
    if (!N) throw new Error("unknown SCORM version " + JSON.stringify(version));
    var own = null; // {code, diagnostic} while the last call was answered by the profile
    var onCall = (opts && opts.onCall) || function () {};
    var hooks = {};
    var out = {};

    function pass(kind, args) {
      if (QUERIES.indexOf(kind) < 0) own = null;
      return api[N[kind]].apply(api, args);
    }

    function log(kind, args, result, extra) {
      onCall(Object.assign({
        method: N[kind], args: args, result: result, error: own ? own.code : null,
        errorString: own ? TEXTS[own.code] || "" : null, diagnostic: own ? own.diagnostic : "", profile: true
      }, extra || {}));
    }

    /* The profile answers a call itself; code undefined leaves the last error as it was. */
    function answer(kind, args, result, code, diagnostic) {
      if (code !== undefined) own = { code: String(code), diagnostic: diagnostic || "" };
      log(kind, args, result);
      return result;
    }

    /* The profile throws, as the LMS's own script does, the last error set to code. */
    function raise(kind, args, code, error) {
      own = { code: code, diagnostic: "" };
      log(kind, args, null, { threw: error.name + ": " + error.message });
      throw error;
    }

    hooks.last = function (args, next) {
      return own ? own.code : next();
    };
    hooks.string = function (args, next) {
      var text = next();
      return text === "" && TEXTS[String(args[0])] ? TEXTS[String(args[0])] : text;
    };
    hooks.diagnostic = function (args, next) {
      var asked = args[0] === "" || args[0] == null ? null : String(args[0]);
      return own && (asked === null || asked === own.code) ? own.diagnostic : next();
    };

    Object.keys(N).forEach(function (kind) {
      out[N[kind]] = function () {
        var args = Array.prototype.slice.call(arguments);
        return hooks[kind](args, function (a) {
          return pass(kind, a || args);
        });
      };
      if (!hooks[kind]) hooks[kind] = function (args, next) {
        return next();
      };
    });
    return { names: N, hooks: hooks, api: out, answer: answer, raise: raise };
  }

  /* The wrapped API: the 8 methods plus what the LMS side needs. */
  function assemble(f, name, version, state) {
    var api = f.api;
    api.close = state.close || function () {};
    api.describe = function () {
      return describe(name);
    };
    api.launchValues = function (v, values, record) {
      return launchValues(name, v, values, record);
    };
    Object.assign(api, state.extra || {});
    api.state = function () {
      return Object.assign({ profile: name }, state.flags || {});
    };
    return api;
  }

  /* Moodle: the player's JS (datamodels/scorm_12.js, scorm_13.js) and datamodel.php's answer. */
  var SCORE_ELEMENT = /^cmi\.(core|objectives\.\d+)\.score\.(raw|min|max)$/;
  var BROKEN_NAV = ["exitAll", "abandonAll"];

  function moodle(f, version, lms, opts) {
    var mastery = !opts || opts.masteryOverride !== false;
    var value = function (element) {
      var v = lms.get(element);
      return v == null ? "" : String(v);
    };
    if (version === "scorm12") {
      f.hooks.set = function (args, next) {
        return SCORE_ELEMENT.test(args[0]) && args[1] === "" ? next([args[0], "0"]) : next();
      };
      f.hooks.finish = function (args, next) {
        if (args[0] === "" && lms.running()) masteryOverride12(lms, value, mastery);
        return next();
      };
      return { extra: { activityComplete: activityComplete } };
    }
    function broken() {
      return BROKEN_NAV.indexOf(value("adl.nav.request")) >= 0;
    }
    f.hooks.commit = function (args, next) {
      if (args[0] !== "" || !lms.running() || !broken()) return next();
      lms.store(false, "moodle-2004-navrequest");
      return f.raise("commit", args, "0", new SyntaxError("Unexpected token '<'"));
    };
    f.hooks.finish = function (args, next) {
      if (args[0] !== "" || !lms.running()) return next();
      threshold2004(lms, value);
      if (!broken()) return next();
      lms.store(true, "moodle-2004-navrequest");
      return f.raise("finish", args, "0", new SyntaxError("Unexpected token '<'"));
    };
    return { extra: { activityComplete: activityComplete } };
  }

  function masteryOverride12(lms, value, mastery) {
    if (value("cmi.core.lesson_status") === "not attempted") lms.set("cmi.core.lesson_status", "completed");
    if (value("cmi.core.lesson_mode") !== "normal" || value("cmi.core.credit") !== "credit" || !mastery) return;
    var raw = value("cmi.core.score.raw");
    var score = value("cmi.student_data.mastery_score");
    if (raw === "" || score === "") return;
    lms.set("cmi.core.lesson_status", parseFloat(raw) >= parseFloat(score) ? "passed" : "failed");
  }

  function threshold2004(lms, value) {
    if (value("cmi.mode") !== "normal" || value("cmi.credit") !== "credit") return;
    var threshold = value("cmi.completion_threshold");
    var progress = value("cmi.progress_measure");
    // JavaScript truthiness, as Moodle tests them: a progress of 0 changes nothing.
    if (threshold === "" || progress === "" || !parseFloat(progress)) return;
    lms.set("cmi.completion_status", parseFloat(progress) >= parseFloat(threshold) ? "completed" : "incomplete");
  }

  /* Moodle's activity completion from what it stored [custom_completion.php get_state]. rules:
   * {status: ["completed"] | ["passed"] | ["completed", "passed"], score: number | null}. */
  var STATUS_BITS = { passed: 2, completed: 4 };
  var STATUS_TRACKS = {
    scorm12: ["cmi.core.lesson_status"],
    scorm2004: ["cmi.completion_status", "cmi.success_status"]
  };
  var SCORE_TRACK = { scorm12: "cmi.core.score.raw", scorm2004: "cmi.score.raw" };

  function activityComplete(version, values, rules, options) {
    rules = rules || {};
    options = options || {};
    if (version === "scorm12" && options.release === "4.3.0" && options.previous) {
      return Object.assign({}, options.previous, { reevaluated: false });
    }
    var result = { complete: true, rules: {}, reevaluated: true };
    if (rules.status && rules.status.length) {
      var required = rules.status.reduce(function (bits, s) {
        return bits | (STATUS_BITS[s] || 0);
      }, 0);
      var bits = 0;
      var met = false;
      STATUS_TRACKS[version].forEach(function (k) {
        if (met || values[k] == null) return;
        bits |= STATUS_BITS[values[k]] || 0;
        met = bits === required;
      });
      result.rules.status = met;
    }
    if (rules.score != null) {
      var raw = values[SCORE_TRACK[version]];
      result.rules.score = raw != null && String(raw) !== "" && parseFloat(raw) >= rules.score;
    }
    Object.keys(result.rules).forEach(function (k) {
      result.complete = result.complete && result.rules[k];
    });
    return result;
  }

  /* forma.lms: its player's API object (ScormApi.js, ScormApiUI) and soaplms.php. */
  var LONG_IDENTIFIER = /^cmi\.(interactions\.\d+\.(id|objectives\.\d+\.id|correct_responses\.\d+\.pattern)|objectives\.\d+\.id)$/;
  var REFUSED = /[-_.!~*'()]/;

  function forma(f, version, lms) {
    var flags = { forced: false, finished: false };
    f.hooks.get = function (args, next) {
      return flags.finished ? f.answer("get", args, "", "122", "forma: the API is not initialized (after LMSFinish)") : next();
    };
    f.hooks.set = function (args, next) {
      if (flags.finished) return f.answer("set", args, "false", "132", "forma: the API is not initialized (after LMSFinish)");
      var v = String(args[1]);
      if (version === "scorm2004" && LONG_IDENTIFIER.test(args[0]) && lms.running() && (REFUSED.test(v) || v.length > 4000)) {
        return f.answer("set", args, "false", "406", "forma refuses - _ . ! ~ * ' ( ) in a long_identifier_type");
      }
      return next();
    };
    f.hooks.commit = function (args, next) {
      return flags.finished ? f.answer("commit", args, "false", "142", "forma: the API is not initialized (after LMSFinish)") : next();
    };
    f.hooks.finish = function (args, next) {
      if (flags.finished || flags.forced) {
        flags.finished = true;
        return f.answer("finish", args, "true");
      }
      var result = next();
      if (String(result) === "true") flags.finished = true;
      return result;
    };
    return {
      flags: flags,
      close: function () {
        if (flags.forced || flags.finished || !lms.running()) return;
        flags.forced = true;
        lms.store(true, "forma-close");
      }
    };
  }

  var BUILD = { strict: function () {
    return {};
  }, moodle: moodle, forma: forma, edition2: E2.build, successfactors: SF.build };

  function wrap(name, version, api, lms, opts) {
    describe(name);
    var f = frame(version, api, opts);
    var state = BUILD[name](f, version, lms, opts || {});
    return assemble(f, name, version, state);
  }

  /* What the LMS hands the SCO at launch, from what a strict LMS would hand and the record. */
  var SKIPPED = /^cmi\.(core\.)?(entry|total_time|exit|session_time|_version)$/;

  function launchValues(name, version, values, record) {
    describe(name);
    var out = Object.assign({}, values);
    if (name !== "forma" || !record || !record.sessions) return out;
    var k = KEYS[version];
    Object.keys(record.stored || {}).forEach(function (key) {
      if (!SKIPPED.test(key)) out[key] = record.stored[key];
    });
    if (record.finished && !record.storedAfterFinish) {
      out[k.entry] = record.exitAtFinish === "suspend" || record.exitAtFinish === "logout" ? "resume" : "";
    } else {
      out[k.entry] = record.launchEntry == null ? out[k.entry] : record.launchEntry;
      if (record.storedAfterFinish && record.launchTotal != null) out[k.total] = record.launchTotal;
    }
    return out;
  }

  var exported = {
    names: Object.keys(PROFILES), describe: describe, wrap: wrap, launchValues: launchValues,
    activityComplete: activityComplete, METHODS: NAMES
  };
  if (root) (root.CBPreview = root.CBPreview || {}).profiles = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
