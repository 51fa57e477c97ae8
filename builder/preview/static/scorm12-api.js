/* coursebuild preview: scorm12-api.js: a strict SCORM 1.2 LMS API (window.API) for the preview.
 *
 * As strict as the standard [RTE 1.2 §3.3-3.4; standards.md 2.2-2.6]: the 8 functions return
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
 * The returned object is the API itself plus snapshot(), state() and errorString(code).
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

  /* CMIFeedback by interaction type [RTE 1.2 §3.4.2 interactions; standards 2.6]. */
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

  /* The data model [RTE 1.2 §3.4], array indices written "n". */
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

  var ERROR_QUERIES = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];

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

  function isKnown(pattern) {
    return MODEL[pattern] || CHILDREN[pattern] || ARRAYS.indexOf(pattern) >= 0 || CONTAINERS.indexOf(pattern) >= 0;
  }

  function create(opts) {
    opts = opts || {};
    var values = {};
    var counts = {};
    var state = "not initialized";
    var last = { code: "0", diagnostic: "" };
    var started = Date.now();
    var seq = 0;
    var onCall = opts.onCall || function () {};
    var onCommit = opts.onCommit || function () {};

    function count(array) {
      return counts[array] || 0;
    }

    function store(element, value) {
      var p = parse(element);
      if (p.problem) return;
      p.steps.forEach(function (s) {
        if (s.index + 1 > count(s.array)) counts[s.array] = s.index + 1;
      });
      values[element] = value;
    }

    Object.keys(opts.values || {}).forEach(function (k) {
      store(k, String(opts.values[k]));
    });
    values["cmi._version"] = "3.4";

    function fail(code, diagnostic) {
      last = { code: code, diagnostic: diagnostic || ERRORS[code] };
      return code;
    }

    function ok() {
      last = { code: "0", diagnostic: "" };
      return "0";
    }

    function record(method, args, resultValue, warning) {
      var entry = {
        seq: ++seq, t: Date.now() - started, method: method, args: args, result: resultValue,
        error: ERROR_QUERIES.indexOf(method) >= 0 ? null : last.code,
        errorString: ERROR_QUERIES.indexOf(method) >= 0 ? null : ERRORS[last.code],
        diagnostic: ERROR_QUERIES.indexOf(method) >= 0 || last.code === "0" ? "" : last.diagnostic,
        warning: warning || "", state: state
      };
      onCall(entry);
      return resultValue;
    }

    function running(method) {
      if (state === "running") return true;
      fail("301", state === "finished" ? method + " after LMSFinish: the session is over" : method + " before LMSInitialize");
      return false;
    }

    function emptyArgument(method, arg) {
      if (arg === "") return true;
      fail("201", method + ' takes the empty string "" as its argument, not ' + (arg === undefined ? "nothing" : quote(arg)));
      return false;
    }

    /* Resolve an element for reading or writing: the model rule, or an error code set. */
    function resolve(element, forSet) {
      if (typeof element !== "string" || element === "") {
        fail("201", "the element name must be a non-empty string, not " + quote(element));
        return null;
      }
      var p = parse(element);
      if (p.problem) {
        fail("201", p.problem);
        return null;
      }
      var tail = p.pattern.slice(p.pattern.lastIndexOf(".") + 1);
      if (tail === "_children" || tail === "_count") {
        var base = p.pattern.slice(0, -tail.length - 1);
        if (!isKnown(base)) fail("401", element + " is not an element of the SCORM 1.2 data model");
        else if (forSet) fail("402", element + " is a keyword: it cannot be set");
        else if (tail === "_children" && !CHILDREN[base]) fail("202", base + " has no children");
        else if (tail === "_count" && ARRAYS.indexOf(base) < 0) fail("203", base + " is not an array");
        else if (indices(p.steps, false)) return { keyword: tail, base: element.slice(0, -tail.length - 1) };
        return null;
      }
      var rule = MODEL[p.pattern];
      if (!rule) {
        if (isKnown(p.pattern)) fail("201", element + " is a category, not an element with a value");
        else fail("401", element + " is not an element of the SCORM 1.2 data model");
        return null;
      }
      if (forSet && rule[0] === R) {
        fail("403", element + " is read only");
        return null;
      }
      if (!forSet && rule[0] === W) {
        fail("404", element + " is write only");
        return null;
      }
      return indices(p.steps, forSet) ? { rule: rule } : null;
    }

    /* Array indices in order: reading needs an existing entry, writing at most the next one. */
    function indices(steps, forSet) {
      for (var i = 0; i < steps.length; i++) {
        var s = steps[i];
        var n = count(s.array);
        if (s.index > n || (!forSet && s.index === n)) {
          fail("201", s.array + "." + s.index + ": " + s.array + "._count is " + n + (forSet ? "; the next index is " + n : ""));
          return false;
        }
      }
      return true;
    }

    function interactionType(element) {
      var m = /^cmi\.interactions\.([0-9]+)\./.exec(element);
      return m ? values["cmi.interactions." + m[1] + ".type"] || "" : "";
    }

    function warningFor(element, value) {
      if (element === "cmi.core.lesson_status") {
        var before = values[element] || "not attempted";
        if (STATUS_RANK[value] < STATUS_RANK[before]) return "lowers lesson_status from " + before + " to " + value;
      }
      return "";
    }

    var api = {
      LMSInitialize: function (arg) {
        if (!emptyArgument("LMSInitialize", arg)) return record("LMSInitialize", [arg], "false");
        if (state !== "not initialized") {
          fail("101", state === "running" ? "LMSInitialize was already called" : "LMSInitialize after LMSFinish: a session starts once");
          return record("LMSInitialize", [arg], "false");
        }
        state = "running";
        ok();
        return record("LMSInitialize", [arg], "true");
      },

      LMSFinish: function (arg) {
        if (!emptyArgument("LMSFinish", arg) || !running("LMSFinish")) return record("LMSFinish", [arg], "false");
        var warning = values["cmi.core.session_time"] ? "" : "cmi.core.session_time was never set: nothing is added to total_time";
        state = "finished";
        ok();
        onCommit(api.snapshot(), true);
        return record("LMSFinish", [arg], "true", warning);
      },

      LMSGetValue: function (element) {
        if (!running("LMSGetValue")) return record("LMSGetValue", [element], "");
        var r = resolve(element, false);
        if (!r) return record("LMSGetValue", [element], "");
        ok();
        if (r.keyword === "_children") {
          return record("LMSGetValue", [element], CHILDREN[parse(r.base).pattern]);
        }
        if (r.keyword === "_count") return record("LMSGetValue", [element], String(count(r.base)));
        return record("LMSGetValue", [element], values[element] == null ? "" : values[element]);
      },

      LMSSetValue: function (element, value) {
        var args = [element, value];
        if (!running("LMSSetValue")) return record("LMSSetValue", args, "false");
        var r = resolve(element, true);
        if (!r) return record("LMSSetValue", args, "false");
        var warning = "";
        if (typeof value === "number" || typeof value === "boolean") {
          warning = "the value is a " + typeof value + ", not a string: sent as " + quote(String(value));
          value = String(value);
        } else if (typeof value !== "string") {
          fail("201", "the value must be a string, not " + (value === null ? "null" : typeof value));
          return record("LMSSetValue", args, "false");
        }
        var problem = r.rule[1](value, interactionType(element));
        if (problem) {
          fail("405", element + ": " + problem);
          return record("LMSSetValue", args, "false");
        }
        warning = warning || warningFor(element, value);
        store(element, value);
        ok();
        return record("LMSSetValue", args, "true", warning);
      },

      LMSCommit: function (arg) {
        if (!emptyArgument("LMSCommit", arg) || !running("LMSCommit")) return record("LMSCommit", [arg], "false");
        ok();
        onCommit(api.snapshot(), false);
        return record("LMSCommit", [arg], "true");
      },

      LMSGetLastError: function () {
        return record("LMSGetLastError", [], last.code);
      },

      LMSGetErrorString: function (code) {
        return record("LMSGetErrorString", [code], ERRORS[String(code)] || "");
      },

      LMSGetDiagnostic: function (code) {
        var c = code === "" || code == null ? last.code : String(code);
        var text = c === last.code && last.diagnostic ? last.diagnostic : ERRORS[c] || "";
        return record("LMSGetDiagnostic", [code], text);
      },

      /* Not part of SCORM: what the preview shows and stores. */
      snapshot: function () {
        return { values: Object.assign({}, values), counts: Object.assign({}, counts), state: state };
      },
      state: function () {
        return state;
      }
    };
    return api;
  }

  var exported = { create: create, ERRORS: ERRORS, MODEL: MODEL, CHILDREN: CHILDREN, parse: parse };
  if (root) (root.CBPreview = root.CBPreview || {}).scorm12 = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
