/* coursebuild preview: lms-limits.js: the "edition2" LMS profile of lms-profiles.js, an LMS that
 * keeps SCORM 2004's smaller maximums: the 2nd edition's 4,000 characters of cmi.suspend_data
 * (64,000 since the 3rd), and no more cmi.interactions than the SPM of 250
 * [SCORM 2004 4th ed. RTE §4.2.9, §4.2.23]. SCORM 1.2 passes through as it is.
 * build(f, version, lms) as lms-profiles.js's other profiles: f the common frame (hooks, answer). */
(function (root) {
  "use strict";

  var SUSPEND_MAX = 4000;
  var INTERACTIONS_MAX = 250;
  var INTERACTION = /^cmi\.interactions\.(\d+)\./;

  var profile = {
    title: "SCORM 2004 2nd edition's limits (Moodle 1.6's SCORM 1.3 player; an LMS keeping only the SPMs)",
    behaviours: [
      { id: "edition2-suspend-data", confirmed: true,
        what: "SCORM 2004: SetValue of cmi.suspend_data over 4,000 characters (the 2nd edition's SPM; 64,000 " +
          "since the 3rd) answers 'false' with 406, and nothing is stored.",
        source: "[Moodle 1.6 mod/scorm/datamodels/scorm1_3.js.php: cmi.suspend_data has the format CMIString4000 " +
          "'^.{0,4000}$'; SetValue answers errorCode 406 when a value does not match its element's format]" },
      { id: "edition2-interactions", confirmed: false,
        what: "SCORM 2004: SetValue of cmi.interactions.n.* for n of 250 or more answers 'false' with 351 " +
          "(general set failure): an LMS that keeps no more records than the SPM.",
        source: "[SCORM 2004 4th ed. RTE §4.2.9: cmi.interactions SPM 250; no LMS source found that refuses more]" }
    ]
  };

  function build(f, version, lms) {
    if (version !== "scorm2004") return {};
    f.hooks.set = function (args, next) {
      if (!lms.running()) return next();
      var n = INTERACTION.exec(args[0]);
      if (args[0] === "cmi.suspend_data" && String(args[1]).length > SUSPEND_MAX) {
        return f.answer("set", args, "false", "406", "edition2: cmi.suspend_data holds at most " + SUSPEND_MAX + " characters");
      }
      if (n && Number(n[1]) >= INTERACTIONS_MAX) {
        return f.answer("set", args, "false", "351", "edition2: cmi.interactions holds at most " + INTERACTIONS_MAX + " records");
      }
      return next();
    };
    return {};
  }

  var exported = { profile: profile, build: build, SUSPEND_MAX: SUSPEND_MAX, INTERACTIONS_MAX: INTERACTIONS_MAX };
  if (root) (root.CBPreview = root.CBPreview || {}).edition2 = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
