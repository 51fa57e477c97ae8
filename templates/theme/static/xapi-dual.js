/* coursebuild runtime: xapi-dual.js: dual tracking, a SCORM 1.2 package that also reports to an
 * LRS set at build time (course.yml xapi.endpoint, config.xapi.lrs; docs/course-format.md).
 *
 * The SCORM adapter records for the LMS exactly as without it: every call goes to it first and
 * its answer is the one the tracking core gets. An xAPI core (adapter-xapi.js) hears the same
 * calls and sends the course's statements (docs/xapi.md). No State API: the LMS keeps the resume
 * state. The launch URL may override endpoint, and give auth, actor and registration (Tin Can
 * names [Tin Can launch §Launch: Rustici's xAPI Launch document, launch.md]); else the actor is the LMS's learner (cmi.core.student_id, an account
 * on this origin) and the registration one UUID per learner and course, kept in localStorage.
 * Credentials are never in the package: the launch's auth, or a same-origin proxy that adds them.
 */
(function (root) {
  "use strict";

  var CB = root ? root.CourseBuild : null;
  var X = CB ? CB.xapi : require("./xapi-client.js");
  var A = CB ? CB.adapters.xapi : require("./adapter-xapi.js");

  /* primary: the SCORM 1.2 adapter; api: the LMS's API object (for cmi.core.student_id). */
  function dual(primary, api, config, win) {
    A.watchLeaving(win);
    var q = X.parseQuery(win.location.search);
    var endpoint = X.normalizeEndpoint(q.endpoint || config.xapi.lrs);
    var storage = A.browserStorage();
    var secondary = null;

    function identity() {
      var actor = X.normalizeActor(q.actor);
      var student = "";
      try {
        student = String(api.LMSGetValue("cmi.core.student_id") || "");
      } catch (e) { /* no id */ }
      if (!actor && student) actor = { objectType: "Agent", account: { homePage: win.location.origin, name: student } };
      var key = "coursebuild.xapi.registration:" + config.course.id + ":" + JSON.stringify(actor);
      var registration = X.isUUID(q.registration) ? q.registration.toLowerCase() : "";
      try {
        registration = registration || (storage && storage.getItem(key)) || "";
        if (!registration) {
          registration = X.uuid4();
          if (storage) storage.setItem(key, registration);
        }
      } catch (e) {
        registration = registration || X.uuid4();
      }
      return { actor: actor, registration: registration };
    }

    var tee = {};
    ["setResult", "setBookmark", "recordInteraction", "setSessionTime", "setExit", "commit", "finish"].forEach(function (m) {
      tee[m] = function () {
        var r = primary[m].apply(primary, arguments);
        if (secondary) {
          try {
            secondary[m].apply(secondary, arguments);
          } catch (e) {
            A.warn("xAPI (dual tracking) " + m + " failed: " + (e && e.message));
          }
        }
        return r; // what the LMS said: the LRS never changes what the SCORM side records
      };
    });
    tee.name = primary.name;
    tee.tracking = primary.tracking;
    tee.holdsScore = primary.holdsScore;
    tee.init = function () {
      var info = primary.init();
      var who = info && info.ok ? identity() : null;
      if (who && who.actor && endpoint) {
        var env = A.browserEnv(win, config, {
          endpoint: endpoint, auth: q.auth || "", actor: who.actor, registration: who.registration, activityId: ""
        }, null);
        env.stateless = true;
        secondary = A.createCore(env);
        secondary.init();
        A.attach(win, secondary, config);
      } else if (info && info.ok) A.warn("dual tracking: no learner id or LRS endpoint: no xAPI statements");
      return info;
    };
    tee.notify = function (name, d) {
      if (secondary) secondary.notify(name, d);
    };
    return tee;
  }

  A.dual = dual;
  if (typeof module !== "undefined") module.exports = { dual: dual };
})(typeof window !== "undefined" ? window : null);
