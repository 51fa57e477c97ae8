/* coursebuild runtime: xapi-client.js: xAPI 1.0.3 statements and the Tin Can launch (pure, no DOM).
 *
 * What the xapi and cmi5 adapters send, as docs/xapi.md describes it and builder/xapi/statements.py
 * models it: client-made UUID v4 ids [xAPI 1.0.3 §2.4.1], the launch actor unchanged, verb id + display,
 * the activity with its full definition (built by the builder: config.xapi), context with
 * registration, parent/grouping, revision and language (en-CA, fr-CA), a UTC timestamp with
 * milliseconds [xAPI 1.0.3 §2.4.7], strictly increasing within a session, ISO 8601 durations with at most two decimals [xAPI 1.0.3 §4.6].
 * Responses use the xAPI formats: "a[,]c", "1[.]a[,]2[.]b", "true"/"false" [xAPI 1.0.3 §2.4.4.1].
 * Launch parsing follows the Tin Can launch document [Tin Can launch §Launch:
 * Rustici's xAPI Launch document, launch.md] and TinCanJS (src/TinCan.js _initFromQueryString).
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var F = CB ? CB.formats : require("./formats.js");

  var XAPI_VERSION = "1.0.3";
  var ADL_VERB = "http://adlnet.gov/expapi/verbs/";
  var VIDEO_PROFILE = "https://w3id.org/xapi/video";
  var VERBS = {};
  ["initialized", "experienced", "answered", "scored", "passed", "failed", "completed", "terminated"].forEach(function (n) {
    VERBS[n] = ADL_VERB + n;
  });
  ["played", "paused", "seeked"].forEach(function (n) {
    VERBS[n] = VIDEO_PROFILE + "/verbs/" + n;
  });
  var LANGUAGE_TAGS = { en: "en-CA", fr: "fr-CA" }; // as builder/xapi/activities.py LANGUAGE_TAGS
  var IFIS = ["mbox", "mbox_sha1sum", "openid", "account"]; // exactly one [xAPI 1.0.3 §2.4.2.1]
  var UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

  /* ---- ids, times, tags ---- */

  function randomBytes(n) {
    var a = new Uint8Array(n);
    var c = typeof crypto !== "undefined" ? crypto : null;
    if (c && c.getRandomValues) c.getRandomValues(a);
    else for (var i = 0; i < n; i++) a[i] = Math.floor(Math.random() * 256);
    return a;
  }

  /* A random (version 4) UUID [RFC 4122 §4.4]; bytes(n) may be given (tests). */
  function uuid4(bytes) {
    var b = (bytes || randomBytes)(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = "";
    for (var i = 0; i < 16; i++) h += (b[i] + 0x100).toString(16).slice(1);
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function isUUID(s) {
    return typeof s === "string" && UUID_RE.test(s);
  }

  /* "2025-01-06T14:00:00.000Z": UTC with milliseconds [xAPI 1.0.3 §2.4.7; cmi5 §9.7 wants UTC]. */
  function timestamp(ms) {
    return new Date(ms).toISOString();
  }

  /* Course language code -> RFC 5646 tag: en -> en-CA, fr -> fr-CA, others unchanged. */
  function languageTag(code, tags) {
    return (tags && tags[code]) || LANGUAGE_TAGS[code] || code;
  }

  /* ---- the Tin Can launch [Tin Can launch §Launch] ---- */

  /* A query string as a map. "+" is a space (form encoding), except in `auth`: a Basic
   * credential is base64, whose "+" some LMSs leave unencoded; there only the "+" after the
   * scheme ("Basic+abc+d=") is read as the space. */
  function parseQuery(search) {
    var out = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("=");
      var k = eq < 0 ? part : part.slice(0, eq);
      var v = eq < 0 ? "" : part.slice(eq + 1);
      try {
        k = decodeURIComponent(k.replace(/\+/g, " "));
        v = decodeURIComponent(k === "auth" ? v : v.replace(/\+/g, " "));
        if (k === "auth" && v.indexOf(" ") < 0) v = v.replace(/^([A-Za-z][A-Za-z0-9-]*)\+/, "$1 ");
      } catch (e) {
        return; // malformed escape: ignore this parameter
      }
      if (!(k in out)) out[k] = v;
    });
    return out;
  }

  /* The endpoint with its trailing "/": TinCanJS appends "statements" to it [TinCanJS src/LRS.js sendRequest]. */
  function normalizeEndpoint(endpoint) {
    var e = String(endpoint || "");
    return e && e.charAt(e.length - 1) !== "/" ? e + "/" : e;
  }

  function first(v) {
    return Array.isArray(v) ? v[0] : v;
  }

  /* An Agent with exactly one IFI, or null. Accepts the 0.9 form of the launch document's
   * example ({"mbox": ["mailto:…"], "name": ["…"]}, account {accountServiceHomePage, accountName}). */
  function normalizeActor(value) {
    var a = value;
    if (typeof a === "string") {
      try {
        a = JSON.parse(a);
      } catch (e) {
        return null;
      }
    }
    if (!a || typeof a !== "object" || Array.isArray(a)) return null;
    if (a.objectType && a.objectType !== "Agent") return null;
    var out = { objectType: "Agent" };
    var name = first(a.name);
    if (typeof name === "string" && name) out.name = name;
    for (var i = 0; i < IFIS.length; i++) {
      var key = IFIS[i];
      var v = first(a[key]);
      if (v == null) continue;
      if (key === "account") {
        var home = v && (v.homePage || v.accountServiceHomePage);
        var id = v && (v.name != null ? v.name : v.accountName);
        if (typeof home !== "string" || !home || typeof id !== "string" || !id) return null;
        out.account = { homePage: home, name: id };
      } else {
        if (typeof v !== "string" || !v) return null;
        if (key === "mbox" && v.indexOf("mailto:") !== 0) v = "mailto:" + v;
        out[key] = v;
      }
      return out; // the first IFI only: a statement's actor has exactly one
    }
    return null;
  }

  /* The Tin Can launch parameters [Tin Can launch §Launch], or {ok: false, problems}. */
  function parseLaunch(search) {
    var q = parseQuery(search);
    var problems = [];
    var endpoint = normalizeEndpoint(q.endpoint);
    if (!/^https?:\/\/[^\s]+$/i.test(endpoint) && endpoint.charAt(0) !== "/") problems.push("endpoint");
    var actor = normalizeActor(q.actor);
    if (!actor) problems.push("actor");
    var registration = q.registration || "";
    if (registration && !isUUID(registration)) problems.push("registration");
    return {
      ok: problems.length === 0,
      problems: problems,
      endpoint: endpoint,
      auth: q.auth || "",
      actor: actor,
      registration: registration.toLowerCase(),
      activityId: q.activity_id || q.activityId || "",
      language: q["Accept-Language"] || "",
      fetch: q.fetch || "",
      params: q
    };
  }

  /* ---- result values ---- */

  /* xAPI duration from milliseconds: ISO 8601, at most two decimals [xAPI 1.0.3 §4.6]. */
  function duration(ms) {
    return F.isoDuration(ms);
  }

  /* A neutral answer (formats.js) as an xAPI response [xAPI 1.0.3 §2.4.4.1 response formats]; "" if none. */
  function response(type, value) {
    switch (type) {
      case "true-false":
        return value === true ? "true" : value === false ? "false" : "";
      case "single":
      case "multiple":
      case "ordering": // sequencing: the item ids in order, "[,]" between [xAPI 1.0.3 §2.4.4.1]
        return (value || []).filter(function (id) {
          return typeof id === "string" && id;
        }).join("[,]");
      case "matching":
        return (value || []).filter(function (p) {
          return p && p[0] && p[1];
        }).map(function (p) {
          return p[0] + "[.]" + p[1];
        }).join("[,]");
      case "numeric":
        return typeof value === "number" ? F.decimal(value) : "";
      case "fill-in":
        return String(value == null ? "" : value).replace(/^\s+|\s+$/g, "");
      case "likert": // the chosen scale component's id [xAPI 1.0.3 §2.4.4.1]
        return typeof value === "string" ? value : "";
      default:
        return "";
    }
  }

  /* A score in percent as xAPI writes it: scaled 0..1 (4 decimals), raw within [min, max]. */
  function score(percent) {
    var raw = Math.max(0, Math.min(100, Number(percent) || 0));
    return { scaled: Math.round(raw * 100) / 10000, raw: raw, min: 0, max: 100 };
  }

  /* The question an interaction id names, and its parent: the assessment, a check, the pre-test
   * (config: the runtime config, its xapi activities included); null if none. */
  function question(config, id) {
    var xc = config.xapi;
    var quizzes = [{ quiz: config.assessment, found: xc.questions, parent: xc.quiz }];
    (config.checks || []).concat(config.pretest ? [config.pretest] : []).forEach(function (c) {
      var x = (c === config.pretest ? xc.pretest : (xc.checks || {})[c.id]) || {};
      quizzes.push({ quiz: c, found: x.questions || {}, parent: x.activity });
    });
    for (var k = 0; k < quizzes.length; k++) {
      var quiz = quizzes[k].quiz;
      var qs = quiz ? quiz.questions : [];
      for (var i = 0; i < qs.length; i++) {
        if ((qs[i].interactionId || quiz.id + "-" + qs[i].id) === id) {
          return { object: quizzes[k].found[qs[i].id], parent: quizzes[k].parent };
        }
      }
    }
    return null;
  }

  /* ---- statements ---- */

  function clone(v) {
    return v == null ? v : JSON.parse(JSON.stringify(v));
  }

  function ref(activity) {
    return { id: activity.id, objectType: "Activity" };
  }

  /* Add activities to a context activity list, without repeating an id. */
  function addTo(list, more) {
    var out = (list || []).slice();
    more.forEach(function (a) {
      if (!out.some(function (b) {
        return b.id === a.id;
      })) out.push(a);
    });
    return out;
  }

  /* o: {actor, registration, revision, course (the course object), language() (tag), now(),
   *     newId(), template (cmi5 contextTemplate, merged untouched) } */
  function createBuilder(o) {
    var courseRef = ref(o.course);
    var newId = o.newId || function () {
      return uuid4();
    };
    // the last timestamp given: each statement's is at least 1 ms later, as statements made in
    // the same millisecond (failed, then terminated) would tie, and cmi5 orders a session's
    // statements by timestamp, terminated last [cmi5 §9.3]
    var last = -Infinity;

    /* opts: {parent (activity), category [activities], result, extensions, id}. Statements
     * about the course carry no parent/grouping of their own (docs/xapi.md). */
    function statement(verb, object, opts) {
      opts = opts || {};
      var ctx = o.template ? clone(o.template) : {};
      if (o.registration) ctx.registration = o.registration;
      var ca = ctx.contextActivities || {};
      if (opts.category) ca.category = addTo(ca.category, opts.category);
      if (object.id !== o.course.id) {
        ca.parent = addTo(ca.parent, [ref(opts.parent || o.course)]);
        ca.grouping = addTo(ca.grouping, [courseRef]);
      }
      delete ctx.contextActivities;
      if (Object.keys(ca).length) ctx.contextActivities = ca;
      if (!("revision" in ctx) && o.revision) ctx.revision = o.revision;
      if (!("language" in ctx)) ctx.language = o.language();
      if (opts.extensions) {
        var ext = ctx.extensions || {};
        delete ctx.extensions;
        for (var k in opts.extensions) if (!(k in ext)) ext[k] = opts.extensions[k];
        ctx.extensions = ext;
      }
      var s = {
        id: opts.id || newId(),
        actor: o.actor,
        verb: { id: VERBS[verb], display: { "en-US": verb } },
        object: object
      };
      if (opts.result) s.result = opts.result;
      s.context = ctx;
      s.timestamp = timestamp(last = Math.max(o.now(), last + 1));
      return s;
    }

    return { statement: statement, courseRef: courseRef, newId: newId };
  }

  var api = {
    XAPI_VERSION: XAPI_VERSION,
    VERBS: VERBS,
    VIDEO_PROFILE: VIDEO_PROFILE,
    uuid4: uuid4,
    isUUID: isUUID,
    timestamp: timestamp,
    languageTag: languageTag,
    parseQuery: parseQuery,
    normalizeEndpoint: normalizeEndpoint,
    normalizeActor: normalizeActor,
    parseLaunch: parseLaunch,
    duration: duration,
    response: response,
    score: score,
    question: question,
    clone: clone,
    ref: ref,
    createBuilder: createBuilder
  };

  if (CB) CB.xapi = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
