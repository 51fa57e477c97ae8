/* coursebuild preview: scorm12-api.js: a strict SCORM 1.2 LMS API (window.API) for the preview.
 *
 * As strict as the standard [SCORM 1.2 RTE §3.3-3.4]: the 8 functions return
 * strings; LMSInitialize("") once (again: 101), nothing but the error functions before it or
 * after LMSFinish (301); arguments other than "" to Initialize/Finish/Commit are 201; every
 * element has its read/write rule (403 read-only, 404 write-only), its type or vocabulary
 * (405: CMITimespan, CMITime, CMIDecimal, scores 0..100, CMIString255/4096 - 4,096 characters
 * for suspend_data even where some LMSs allow more), keywords (_children 202, _count 203, and
 * setting either 402), unknown elements 401, array indices in order (201).
 *
 * create(opts): opts.values: the launch data, a flat map {element: value} (arrays as
 * "cmi.interactions.0.id"); opts.onCall(entry): every call, with its result and error;
 * opts.onCommit(snapshot, finished): LMSCommit and LMSFinish hand over what to store.
 * The returned object is the API itself plus snapshot() and state(); the engine that runs it
 * is cmi-engine.js, shared with scorm2004-api.js.
 */
(function (root) {
  "use strict";

  var ERRORS = {
    "0": "No error",
    "101": "General exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect data type"
  };

  var SCO_STATUSES = ["passed", "completed", "failed", "incomplete", "browsed"];
  var OBJECTIVE_STATUSES = SCO_STATUSES.concat(["not attempted"]);
  var EXITS = ["time-out", "suspend", "logout", ""];
  var TYPES = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
  var RESULTS = ["correct", "wrong", "unanticipated", "neutral"];
  var STATUS_RANK = { "not attempted": 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };

  var TIMESPAN = /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/;
  var TIME = /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/;
  var DECIMAL = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
  var SINTEGER = /^-?[0-9]+$/;
  var IDENTIFIER = /^[\u0021-\u007E]{1,255}$/;
  var ID_CHAR = "[0-9a-z]";
  var LIST = new RegExp("^\\{?" + ID_CHAR + "(," + ID_CHAR + ")*\\}?$");
  var PAIRS = new RegExp("^\\{?" + ID_CHAR + "\\." + ID_CHAR + "(," + ID_CHAR + "\\." + ID_CHAR + ")*\\}?$");

  function quote(v) {
    return JSON.stringify(v);
  }

  /* Validators: return null when the value is valid, else why not. */
  function string(max) {
    return function (v) {
      return v.length <= max ? null : "is " + v.length + " characters long; CMIString" + max + " allows " + max;
    };
  }

  function vocabulary(words) {
    return function (v) {
      return words.indexOf(v) >= 0 ? null : quote(v) + " is not one of " + words.map(quote).join(", ");
    };
  }

  function decimalIn(min, max, blank) {
    return function (v) {
      if (v === "" && blank) return null;
      if (!DECIMAL.test(v)) return quote(v) + " is not a CMIDecimal (a number such as 80 or 72.5)";
      var x = parseFloat(v);
      if (min != null && (x < min || x > max)) return v + " is outside " + min + ".." + max;
      return null;
    };
  }

  function sinteger(min, max) {
    return function (v) {
      if (!SINTEGER.test(v)) return quote(v) + " is not a CMISInteger";
      var x = parseInt(v, 10);
      return x < min || x > max ? v + " is outside " + min + ".." + max : null;
    };
  }

  function timespan(v) {
    return TIMESPAN.test(v) ? null : quote(v) + " is not a CMITimespan (HHHH:MM:SS.SS, e.g. 0000:05:30.25)";
  }

  function time(v) {
    var m = TIME.exec(v);
    return m && +m[1] < 24 ? null : quote(v) + " is not a CMITime (HH:MM:SS, a clock time)";
  }

  function identifier(v) {
    return IDENTIFIER.test(v) ? null : quote(v) + " is not a CMIIdentifier (1-255 characters, no spaces)";
  }

  function result(v) {
    return RESULTS.indexOf(v) >= 0 || DECIMAL.test(v) ? null : quote(v) + " is not one of " + RESULTS.map(quote).join(", ") + " or a decimal";
  }

  /* CMIFeedback by interaction type [SCORM 1.2 RTE §3.4.2 interactions]. */
  var FEEDBACK = {
    "true-false": [/^[01tf]$/, "0, 1, t or f"],
    choice: [LIST, "choice ids [0-9a-z] separated by commas, e.g. a,c"],
    "fill-in": [/^[\s\S]{0,255}$/, "text of up to 255 characters"],
    numeric: [DECIMAL, "a CMIDecimal"],
    likert: [new RegExp("^" + ID_CHAR + "?$"), "a single id [0-9a-z] or nothing"],
    matching: [PAIRS, "source.target pairs separated by commas, e.g. 1.a,2.b"],
    performance: [/^[\s\S]{0,255}$/, "text of up to 255 characters"],
    sequencing: [LIST, "ids [0-9a-z] separated by commas, in order"]
  };

  function feedback(v, type) {
    if (v.length > 255) return "is " + v.length + " characters long; CMIFeedback allows 255";
    var rule = FEEDBACK[type];
    if (!rule || rule[0].test(v)) return null;
    return quote(v) + " is not a " + type + " response (expected " + rule[1] + ")";
  }

  var R = "r", W = "w", RW = "rw";
  var score = decimalIn(0, 100, true);

  /* The data model [SCORM 1.2 RTE §3.4], array indices written "n". */
  var MODEL = {
    "cmi._version": [R],
    "cmi.core.student_id": [R],
    "cmi.core.student_name": [R],
    "cmi.core.lesson_location": [RW, string(255)],
    "cmi.core.credit": [R],
    "cmi.core.lesson_status": [RW, vocabulary(SCO_STATUSES)],
    "cmi.core.entry": [R],
    "cmi.core.score.raw": [RW, score],
    "cmi.core.score.min": [RW, score],
    "cmi.core.score.max": [RW, score],
    "cmi.core.total_time": [R],
    "cmi.core.lesson_mode": [R],
    "cmi.core.exit": [W, vocabulary(EXITS)],
    "cmi.core.session_time": [W, timespan],
    "cmi.suspend_data": [RW, string(4096)],
    "cmi.launch_data": [R],
    "cmi.comments": [RW, string(4096)],
    "cmi.comments_from_lms": [R],
    "cmi.objectives.n.id": [RW, identifier],
    "cmi.objectives.n.score.raw": [RW, score],
    "cmi.objectives.n.score.min": [RW, score],
    "cmi.objectives.n.score.max": [RW, score],
    "cmi.objectives.n.status": [RW, vocabulary(OBJECTIVE_STATUSES)],
    "cmi.student_data.mastery_score": [R],
    "cmi.student_data.max_time_allowed": [R],
    "cmi.student_data.time_limit_action": [R],
    "cmi.student_preference.audio": [RW, sinteger(-1, 100)],
    "cmi.student_preference.language": [RW, string(255)],
    "cmi.student_preference.speed": [RW, sinteger(-100, 100)],
    "cmi.student_preference.text": [RW, sinteger(-1, 1)],
    "cmi.interactions.n.id": [W, identifier],
    "cmi.interactions.n.objectives.n.id": [W, identifier],
    "cmi.interactions.n.time": [W, time],
    "cmi.interactions.n.type": [W, vocabulary(TYPES)],
    "cmi.interactions.n.correct_responses.n.pattern": [W, feedback],
    "cmi.interactions.n.weighting": [W, decimalIn(null, null, false)],
    "cmi.interactions.n.student_response": [W, feedback],
    "cmi.interactions.n.result": [W, result],
    "cmi.interactions.n.latency": [W, timespan]
  };

  var CHILDREN = {
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.objectives.n.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
  };

  var ARRAYS = ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"];

  var CONTAINERS = ["cmi", "cmi.core", "cmi.core.score", "cmi.objectives.n", "cmi.objectives.n.score",
    "cmi.student_data", "cmi.student_preference", "cmi.interactions.n", "cmi.interactions.n.objectives.n",
    "cmi.interactions.n.correct_responses.n"];

  /* Split an element name: its pattern (indices as "n"), the arrays it goes through with
   * their indices, or a problem (a malformed index). */
  function parse(element) {
    var parts = element.split(".");
    var pattern = [];
    var steps = [];
    for (var i = 0; i < parts.length; i++) {
      var prefix = pattern.join(".");
      if (ARRAYS.indexOf(prefix) >= 0 && parts[i] !== "_count" && parts[i] !== "_children") {
        if (!/^(0|[1-9][0-9]*)$/.test(parts[i])) {
          return { problem: quote(parts[i]) + " is not an array index of " + prefix + " (0, 1, 2 ...)" };
        }
        steps.push({ array: parts.slice(0, i).join("."), index: +parts[i] });
        pattern.push("n");
      } else pattern.push(parts[i]);
    }
    return { pattern: pattern.join("."), steps: steps };
  }

  var SPEC = {
    names: { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", last: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" },
    errors: ERRORS,
    codes: { again: "101", afterEnd: "101", finishBefore: "301", finishAfter: "301", getBefore: "301",
      getAfter: "301", setBefore: "301", setAfter: "301", commitBefore: "301", commitAfter: "301",
      argument: "201", emptyGet: "201", emptySet: "201", indexGet: "201", indexSet: "201", undefined: "401",
      category: "201", readOnly: "403", writeOnly: "404", notSet: null, keywordSet: "402", children: "202",
      count: "203" },
    model: MODEL, children: CHILDREN, arrays: ARRAYS, containers: CONTAINERS, parse: parse,
    defaults: { "cmi._version": "3.4" },
    sessionTimeKey: "cmi.core.session_time",
    validate: function (rule, element, value, values) {
      var m = /^cmi\.interactions\.([0-9]+)\./.exec(element);
      var why = rule(value, m ? values["cmi.interactions." + m[1] + ".type"] || "" : "");
      return why ? { code: "405", why: why } : null;
    },
    warn: function (element, value, values) {
      if (element !== "cmi.core.lesson_status") return "";
      var before = values[element] || "not attempted";
      return STATUS_RANK[value] < STATUS_RANK[before] ? "lowers lesson_status from " + before + " to " + value : "";
    }
  };

  var engine = root ? root.CBPreview.engine : require("./cmi-engine.js");

  function create(opts) {
    return engine.session(opts, SPEC);
  }

  var exported = { create: create, ERRORS: ERRORS, MODEL: MODEL, CHILDREN: CHILDREN, parse: parse, SPEC: SPEC };
  if (root) (root.CBPreview = root.CBPreview || {}).scorm12 = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
