/* coursebuild preview: cmi-engine.js: the strict LMS API engine shared by scorm12-api.js and
 * scorm2004-api.js. It keeps the data (a flat map {element: value} and the arrays' counts),
 * enforces the call order, resolves elements against a data model, and logs every call.
 *
 * session(opts, spec): opts.values (launch data), opts.onCall(entry), opts.onCommit(snapshot,
 * finished). spec: the version's method names, error table and codes, data model (model,
 * children, arrays, containers, parse), defaults, validate(rule, element, value, values) ->
 * null | {code, why}, optional warn(element, value, values) and special(element). */
(function (root) {
  "use strict";

  var QUERY_KINDS = ["last", "string", "diagnostic"];

  function quote(v) {
    return JSON.stringify(v === undefined ? null : v);
  }

  function session(opts, spec) {
    opts = opts || {};
    var N = spec.names;
    var C = spec.codes;
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
      var p = spec.parse(element);
      if (p.problem) return;
      p.steps.forEach(function (s) {
        if (s.index + 1 > count(s.array)) counts[s.array] = s.index + 1;
      });
      values[element] = value;
    }

    var launch = Object.assign({}, spec.defaults, opts.values || {});
    Object.keys(launch).forEach(function (k) {
      store(k, String(launch[k]));
    });

    function fail(code, diagnostic) {
      last = { code: code, diagnostic: diagnostic || spec.errors[code] };
      return false;
    }

    function ok() {
      last = { code: "0", diagnostic: "" };
      return true;
    }

    /* unset: a read of an element only the LMS sets, which it does not hold (403, not an error). */
    function record(kind, args, result, warning, unset) {
      var query = QUERY_KINDS.indexOf(kind) >= 0;
      onCall({
        seq: ++seq, t: Date.now() - started, method: N[kind], args: args, result: result,
        error: query ? null : last.code, errorString: query ? null : spec.errors[last.code],
        diagnostic: query || last.code === "0" ? "" : last.diagnostic, warning: warning || "", state: state,
        notInitialized: !!unset
      });
      return result;
    }

    /* The session must be running: else the version's "before" or "after" code. */
    function running(kind) {
      if (state === "running") return true;
      var before = state === "not initialized";
      return fail(C[kind + (before ? "Before" : "After")],
        N[kind] + (before ? " before " + N.init : " after " + N.finish + ": the session is over"));
    }

    function emptyArgument(kind, arg) {
      if (arg === "") return true;
      return fail(C.argument, N[kind] + ' takes the empty string "" as its argument, not ' + (arg === undefined ? "nothing" : quote(arg)));
    }

    function isKnown(pattern) {
      return !!(spec.model[pattern] || spec.children[pattern] || spec.arrays.indexOf(pattern) >= 0 ||
        (spec.containers || []).indexOf(pattern) >= 0);
    }

    /* Array indices in order: reading needs an existing entry, writing at most the next one. */
    function indices(steps, forSet) {
      for (var i = 0; i < steps.length; i++) {
        var s = steps[i];
        var n = count(s.array);
        if (s.index > n || (!forSet && s.index === n)) {
          return fail(forSet ? C.indexSet : C.indexGet, s.array + "." + s.index + ": " + s.array + "._count is " + n +
            (forSet ? "; the next index is " + n : ""));
        }
      }
      return true;
    }

    /* An element for reading or writing: its rule (or keyword), or null with the error set. */
    function resolve(element, forSet) {
      if (typeof element !== "string" || element === "") {
        fail(forSet ? C.emptySet : C.emptyGet, "the element name must be a non-empty string, not " + quote(element));
        return null;
      }
      var p = spec.parse(element);
      if (p.problem) {
        fail(forSet ? C.indexSet : C.indexGet, p.problem);
        return null;
      }
      var tail = p.pattern.slice(p.pattern.lastIndexOf(".") + 1);
      if (tail === "_children" || tail === "_count") {
        var base = p.pattern.slice(0, -tail.length - 1);
        if (!isKnown(base)) fail(C.undefined, element + " is not an element of the data model");
        else if (forSet) fail(C.keywordSet, element + " is a keyword: it cannot be set");
        else if (tail === "_children" && !spec.children[base]) fail(C.children, base + " has no children");
        else if (tail === "_count" && spec.arrays.indexOf(base) < 0) fail(C.count, base + " is not an array");
        else if (indices(p.steps, false)) return { keyword: tail, base: element.slice(0, -tail.length - 1), pattern: base };
        return null;
      }
      return resolveRule(element, p, forSet);
    }

    function resolveRule(element, p, forSet) {
      var rule = spec.model[p.pattern];
      if (!rule) {
        if (!forSet && spec.special && spec.special(element) != null) return { special: spec.special(element) };
        fail(isKnown(p.pattern) ? C.category : C.undefined, element + (isKnown(p.pattern)
          ? " is a category, not an element with a value" : " is not an element of the data model"));
        return null;
      }
      if (forSet && rule[0] === "r") return fail(C.readOnly, element + " is read only") && null;
      if (!forSet && rule[0] === "w") return fail(C.writeOnly, element + " is write only") && null;
      return indices(p.steps, forSet) ? { rule: rule } : null;
    }

    var api = {};

    api[N.init] = function (arg) {
      if (!emptyArgument("init", arg)) return record("init", [arg], "false");
      if (state !== "not initialized") {
        fail(state === "running" ? C.again : C.afterEnd,
          state === "running" ? N.init + " was already called" : N.init + " after " + N.finish + ": a session starts once");
        return record("init", [arg], "false");
      }
      state = "running";
      ok();
      return record("init", [arg], "true");
    };

    api[N.finish] = function (arg) {
      if (!emptyArgument("finish", arg) || !running("finish")) return record("finish", [arg], "false");
      var warning = values[spec.sessionTimeKey] ? "" : spec.sessionTimeKey + " was never set: nothing is added to total_time";
      state = "finished";
      ok();
      onCommit(api.snapshot(), true);
      return record("finish", [arg], "true", warning);
    };

    api[N.get] = function (element) {
      if (!running("get")) return record("get", [element], "");
      var r = resolve(element, false);
      if (!r) return record("get", [element], "");
      ok();
      if (r.keyword === "_children") return record("get", [element], spec.children[r.pattern]);
      if (r.keyword === "_count") return record("get", [element], String(count(r.base)));
      if (r.special != null) return record("get", [element], r.special);
      if (values[element] == null) {
        if (!C.notSet) return record("get", [element], "");
        fail(C.notSet, element + " has no value yet (never set, and the LMS has none)");
        return record("get", [element], "", "", r.rule[0] === "r");
      }
      return record("get", [element], values[element]);
    };

    api[N.set] = function (element, value) {
      var args = [element, value];
      if (!running("set")) return record("set", args, "false");
      var r = resolve(element, true);
      if (!r) return record("set", args, "false");
      var warning = "";
      if (typeof value === "number" || typeof value === "boolean") {
        warning = "the value is a " + typeof value + ", not a string: taken as " + quote(String(value));
        value = String(value);
      } else if (typeof value !== "string") {
        fail(C.argument, "the value must be a string, not " + (value === null ? "null" : typeof value));
        return record("set", args, "false");
      }
      var problem = spec.validate(r.rule[1], element, value, values);
      if (problem) {
        fail(problem.code, element + ": " + problem.why);
        return record("set", args, "false");
      }
      warning = warning || (spec.warn ? spec.warn(element, value, values) : "");
      store(element, value);
      ok();
      return record("set", args, "true", warning);
    };

    api[N.commit] = function (arg) {
      if (!emptyArgument("commit", arg) || !running("commit")) return record("commit", [arg], "false");
      ok();
      onCommit(api.snapshot(), false);
      return record("commit", [arg], "true");
    };

    api[N.last] = function () {
      return record("last", [], last.code);
    };

    api[N.string] = function (code) {
      return record("string", [code], spec.errors[String(code)] || "");
    };

    api[N.diagnostic] = function (code) {
      var c = code === "" || code == null ? last.code : String(code);
      return record("diagnostic", [code], c === last.code && last.diagnostic ? last.diagnostic : spec.errors[c] || "");
    };

    /* Not part of SCORM: what the preview shows and stores, and the LMS's own writes (an LMS
     * profile changing a status at finish), which the SCO never sees as a call. */
    api.lmsSet = function (element, value) {
      store(element, String(value));
    };
    api.snapshot = function () {
      return { values: Object.assign({}, values), counts: Object.assign({}, counts), state: state };
    };
    api.state = function () {
      return state;
    };
    return api;
  }

  var exported = { session: session, quote: quote };
  if (root) (root.CBPreview = root.CBPreview || {}).engine = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
