/* coursebuild preview: scorm2004-api.js: a strict SCORM 2004 4th edition LMS API (API_1484_11).
 *
 * As strict as the standard [SCORM 2004 4th ed. RTE §3.1, §4.2, §4.4]: strings in and
 * out; Initialize("") once (103; 104 after Terminate), Terminate once (112 before, 113 after),
 * Get/Set/Commit before Initialize (122/132/142) or after Terminate (123/133/143); undefined
 * elements 401; read-only 404, write-only 405; a value never set 403; types 406 (real(10,7),
 * ISO 8601 time and timeinterval, identifiers, vocabularies, response formats by interaction
 * type with [,] [.] [:] delimiters, SPMs such as 64,000 characters of suspend_data); ranges 407
 * (score.scaled -1..1, progress_measure 0..1); dependencies 408 (an interaction's or objective's
 * id first, an interaction's type before its responses); array indices in order (351).
 *
 * create(opts) as scorm12-api.js: opts.values (flat launch data), opts.onCall, opts.onCommit.
 */
(function (root) {
  "use strict";

  var ERRORS = {
    "0": "No error", "101": "General exception", "102": "General initialization failure",
    "103": "Already initialized", "104": "Content instance terminated", "111": "General termination failure",
    "112": "Termination before initialization", "113": "Termination after termination",
    "122": "Retrieve data before initialization", "123": "Retrieve data after termination",
    "132": "Store data before initialization", "133": "Store data after termination",
    "142": "Commit before initialization", "143": "Commit after termination", "201": "General argument error",
    "301": "General get failure", "351": "General set failure", "391": "General commit failure",
    "401": "Undefined data model element", "402": "Unimplemented data model element",
    "403": "Data model element value not initialized", "404": "Data model element is read only",
    "405": "Data model element is write only", "406": "Data model element type mismatch",
    "407": "Data model element value out of range", "408": "Data model dependency not established"
  };

  var REAL = /^-?[0-9]{1,10}(\.[0-9]{1,7})?$/;
  var LONG_ID = /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/;
  var SHORT_ID = /^[\w.-]{1,250}$/;
  var LANG = /^$|^([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9]{1,8})*$/;
  var DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
  var TIME = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2})?)?)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?$/;
  var LOCALIZED = /^(\{lang=[^}]*\})?([\s\S]*)$/;

  function quote(v) {
    return JSON.stringify(v);
  }

  function fail(code, why) {
    return { code: code, why: why };
  }

  /* Validators: null when valid, else {code: "406"|"407", why}. */
  function chars(max) {
    return function (v) {
      return v.length <= max ? null : fail("406", "is " + v.length + " characters long; its SPM is " + max);
    };
  }

  function localized(max) {
    return function (v) {
      var m = LOCALIZED.exec(v);
      if (m[1] && !LANG.test(m[1].slice(6, -1))) return fail("406", quote(m[1]) + " is not a language tag");
      return m[2].length <= max ? null : fail("406", "the text is " + m[2].length + " characters long; its SPM is " + max);
    };
  }

  function vocab(words) {
    return function (v) {
      return words.indexOf(v) >= 0 ? null : fail("406", quote(v) + " is not one of " + words.map(quote).join(", "));
    };
  }

  function real(min, max) {
    return function (v) {
      if (!REAL.test(v)) return fail("406", quote(v) + " is not a real(10,7) number such as 0.8");
      var x = parseFloat(v);
      if ((min != null && x < min) || (max != null && x > max)) {
        return fail("407", v + " is outside " + (min == null ? "" : min) + ".." + (max == null ? "" : max));
      }
      return null;
    };
  }

  function pattern(re, what) {
    return function (v) {
      return re.test(v) ? null : fail("406", quote(v) + " is not " + what);
    };
  }

  var longId = pattern(LONG_ID, "a long_identifier_type (a URI, no spaces)");
  var duration = pattern(DURATION, "an ISO 8601 duration such as PT1M30.5S (seconds with at most 2 decimals)");
  var time = pattern(TIME, "an ISO 8601 time such as 2025-01-31T10:00:00.5Z");

  function list(value, sep, each) {
    return value === "" ? [] : value.split(sep).map(each);
  }

  /* learner_response and correct_responses.n.pattern by type [SCORM 2004 4th ed. RTE §4.2.9.1-2]. */
  function response(v, type, isPattern) {
    var body = isPattern ? v.replace(/^(\{(case_matters|order_matters)=(true|false)\})+/, "") : v;
    var ok = function (cond, what) {
      return cond ? null : fail("406", quote(v) + " is not a " + type + (isPattern ? " pattern" : " response") + " (" + what + ")");
    };
    var ids = function (sep) {
      var parts = list(body, sep, function (x) {
        return x;
      });
      return parts.every(function (x) {
        return SHORT_ID.test(x);
      }) && parts.length === new Set(parts).size;
    };
    switch (type) {
      case "true-false": return ok(v === "true" || v === "false", "true or false");
      case "choice": return ok(ids("[,]"), "unique ids joined by [,]");
      case "sequencing": return ok(body !== "" && ids("[,]"), "ids joined by [,]");
      case "likert": return ok(SHORT_ID.test(v) || (!isPattern && v === ""), "one id");
      case "matching": return ok(list(body, "[,]", function (p) {
        var pair = p.split("[.]");
        return pair.length === 2 && SHORT_ID.test(pair[0]) && SHORT_ID.test(pair[1]);
      }).every(Boolean), "source[.]target pairs joined by [,]");
      case "performance": return ok(list(body, "[,]", function (p) {
        return p.split("[.]").length === 2;
      }).every(Boolean), "step[.]answer records joined by [,]");
      case "numeric":
        if (!isPattern) return ok(REAL.test(v), "a real number");
        return ok(/^(-?[0-9.]+)?\[:\](-?[0-9.]+)?$|^-?[0-9.]+$/.test(v), "min[:]max or one number");
      case "fill-in": return ok(body.length <= 10 * 260 && list(body, "[,]", function (s) {
        return LOCALIZED.exec(s)[2].length <= 250;
      }).every(Boolean), "strings of up to 250 characters joined by [,]");
      default: return chars(4000)(v); // long-fill-in, other
    }
  }

  var R = "r", W = "w", RW = "rw";
  var COMPLETION = ["completed", "incomplete", "not attempted", "unknown"];
  var SUCCESS = ["passed", "failed", "unknown"];
  var NAV = /^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=[^}]+\}(choice|jump))$/;

  var MODEL = {
    "cmi._version": [R], "cmi.completion_status": [RW, vocab(COMPLETION)], "cmi.completion_threshold": [R],
    "cmi.credit": [R], "cmi.entry": [R], "cmi.exit": [W, vocab(["time-out", "suspend", "logout", "normal", ""])],
    "cmi.launch_data": [R], "cmi.learner_id": [R], "cmi.learner_name": [R],
    "cmi.learner_preference.audio_level": [RW, real(0, null)], "cmi.learner_preference.language": [RW, pattern(LANG, "a language tag such as fr-CA")],
    "cmi.learner_preference.delivery_speed": [RW, real(0, null)], "cmi.learner_preference.audio_captioning": [RW, vocab(["-1", "0", "1"])],
    "cmi.location": [RW, chars(1000)], "cmi.max_time_allowed": [R], "cmi.mode": [R],
    "cmi.progress_measure": [RW, real(0, 1)], "cmi.scaled_passing_score": [R],
    "cmi.score.scaled": [RW, real(-1, 1)], "cmi.score.raw": [RW, real()], "cmi.score.min": [RW, real()], "cmi.score.max": [RW, real()],
    "cmi.session_time": [W, duration], "cmi.success_status": [RW, vocab(SUCCESS)], "cmi.suspend_data": [RW, chars(64000)],
    "cmi.time_limit_action": [R], "cmi.total_time": [R],
    "cmi.comments_from_learner.n.comment": [RW, localized(4000)], "cmi.comments_from_learner.n.location": [RW, chars(250)],
    "cmi.comments_from_learner.n.timestamp": [RW, time],
    "cmi.comments_from_lms.n.comment": [R], "cmi.comments_from_lms.n.location": [R], "cmi.comments_from_lms.n.timestamp": [R],
    "cmi.interactions.n.id": [RW, longId], "cmi.interactions.n.type": [RW, vocab(["true-false", "choice", "fill-in", "long-fill-in",
      "matching", "performance", "sequencing", "likert", "numeric", "other"])],
    "cmi.interactions.n.objectives.n.id": [RW, longId], "cmi.interactions.n.timestamp": [RW, time],
    "cmi.interactions.n.correct_responses.n.pattern": [RW, "pattern"], "cmi.interactions.n.weighting": [RW, real()],
    "cmi.interactions.n.learner_response": [RW, "response"],
    "cmi.interactions.n.result": [RW, function (v) {
      return ["correct", "incorrect", "unanticipated", "neutral"].indexOf(v) >= 0 || REAL.test(v) ? null
        : fail("406", quote(v) + " is not correct, incorrect, unanticipated, neutral or a real number");
    }],
    "cmi.interactions.n.latency": [RW, duration], "cmi.interactions.n.description": [RW, localized(250)],
    "cmi.objectives.n.id": [RW, longId], "cmi.objectives.n.score.scaled": [RW, real(-1, 1)],
    "cmi.objectives.n.score.raw": [RW, real()], "cmi.objectives.n.score.min": [RW, real()], "cmi.objectives.n.score.max": [RW, real()],
    "cmi.objectives.n.success_status": [RW, vocab(SUCCESS)], "cmi.objectives.n.completion_status": [RW, vocab(COMPLETION)],
    "cmi.objectives.n.progress_measure": [RW, real(0, 1)], "cmi.objectives.n.description": [RW, localized(250)],
    "adl.nav.request": [RW, pattern(NAV, "a navigation request (continue, previous, exit, exitAll, abandon, abandonAll, suspendAll, _none_, {target=ID}choice, {target=ID}jump)")],
    "adl.nav.request_valid.continue": [R], "adl.nav.request_valid.previous": [R]
  };

  var CHILDREN = {
    "cmi.comments_from_learner": "comment,location,timestamp", "cmi.comments_from_lms": "comment,location,timestamp",
    "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
    "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
    "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
    "cmi.objectives.n.score": "scaled,raw,min,max", "cmi.score": "scaled,raw,min,max"
  };
  var ARRAYS = ["cmi.comments_from_learner", "cmi.comments_from_lms", "cmi.interactions", "cmi.objectives",
    "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"];
  var DEFAULTS = {
    "cmi._version": "1.0", "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.credit": "credit",
    "cmi.entry": "ab-initio", "cmi.mode": "normal", "cmi.total_time": "PT0H0M0S", "adl.nav.request": "_none_",
    "cmi.learner_preference.audio_level": "1", "cmi.learner_preference.language": "",
    "cmi.learner_preference.delivery_speed": "1", "cmi.learner_preference.audio_captioning": "0",
    "cmi.time_limit_action": "continue,no message",
    "adl.nav.request_valid.continue": "false", "adl.nav.request_valid.previous": "false"
  };

  /* The pattern of an element (indices as "n"), the arrays it goes through, or a problem. */
  function parse(element) {
    var parts = element.split(".");
    var names = [];
    var steps = [];
    for (var i = 0; i < parts.length; i++) {
      var prefix = names.join(".");
      if (ARRAYS.indexOf(prefix) >= 0 && parts[i] !== "_count" && parts[i] !== "_children") {
        if (!/^(0|[1-9][0-9]*)$/.test(parts[i])) return { problem: quote(parts[i]) + " is not an index of " + prefix };
        steps.push({ array: parts.slice(0, i).join("."), index: +parts[i] });
        names.push("n");
      } else names.push(parts[i]);
    }
    return { pattern: names.join("."), steps: steps };
  }

  var engine = root ? root.CBPreview.engine : require("./cmi-engine.js");

  var SPEC = {
    names: { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
      last: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic" },
    errors: ERRORS,
    codes: { again: "103", afterEnd: "104", finishBefore: "112", finishAfter: "113", getBefore: "122",
      getAfter: "123", setBefore: "132", setAfter: "133", commitBefore: "142", commitAfter: "143",
      argument: "201", emptyGet: "301", emptySet: "351", indexGet: "301", indexSet: "351", undefined: "401",
      category: "401", readOnly: "404", writeOnly: "405", notSet: "403", keywordSet: "404", children: "301",
      count: "301" },
    defaults: DEFAULTS, parse: parse, model: MODEL, children: CHILDREN, arrays: ARRAYS,
    validate: function (rule, element, value, values) {
      var m = /^cmi\.(interactions|objectives)\.([0-9]+)\.(.+)$/.exec(element);
      if (m && m[3] !== "id" && values["cmi." + m[1] + "." + m[2] + ".id"] == null) {
        return fail("408", "cmi." + m[1] + "." + m[2] + ".id must be set first");
      }
      if (m && m[1] === "objectives" && m[3] === "id") {
        var before = values[element];
        if (before != null && before !== value) return fail("351", "an objective's id cannot change once set");
        for (var k in values) {
          if (/^cmi\.objectives\.[0-9]+\.id$/.test(k) && k !== element && values[k] === value) {
            return fail("351", quote(value) + " is already the id of " + k.slice(0, -3));
          }
        }
      }
      if (rule === "response" || rule === "pattern") {
        var type = values["cmi.interactions." + m[2] + ".type"];
        if (type == null) return fail("408", "cmi.interactions." + m[2] + ".type must be set first");
        return response(value, type, rule === "pattern");
      }
      return rule(value);
    },
    special: function (element) {
      var nav = /^adl\.nav\.request_valid\.(choice|jump)\.\{target=[^}]+\}$/.exec(element);
      return nav ? "false" : null; // one SCO: there is nowhere to go
    },
    sessionTimeKey: "cmi.session_time"
  };

  function create(opts) {
    return engine.session(opts, SPEC);
  }

  var exported = { create: create, ERRORS: ERRORS, MODEL: MODEL, response: response, parse: parse, SPEC: SPEC };
  if (root) (root.CBPreview = root.CBPreview || {}).scorm2004 = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
