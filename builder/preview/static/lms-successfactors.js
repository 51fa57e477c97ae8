/* coursebuild preview: lms-successfactors.js: the "successfactors" LMS profile of lms-profiles.js,
 * SAP SuccessFactors Learning as SAP's knowledge base articles describe it:
 *   - the grade: when a passed or completed status first reaches the LMS, it copies the score it
 *     holds at that moment to the grade, and a later score never changes the grade;
 *   - SCORM 2004: content whose manifest does not say it sets completion and success is marked
 *     completed when the learner leaves through the LMS's navigation, unless it sent a
 *     success_status in the session.
 * build(f, version, lms, opts) as lms-profiles.js's other profiles: f the common frame (hooks,
 * answer); opts.record: the previous session's record (its profile state carries the grade);
 * opts.setByContent: the manifest's completionSetByContent and objectiveSetByContent are both
 * true (coursebuild's packages: true; only an explicit false makes the LMS complete on exit).
 * state(): {profile, graded, grade ("" when no score was held), gradedAt, completedOnExit}. */
(function (root) {
  "use strict";

  var KBA = "https://userapps.support.sap.com/sap/support/knowledge/en/";
  var STATUS = { scorm12: ["cmi.core.lesson_status"], scorm2004: ["cmi.completion_status", "cmi.success_status"] };
  var RAW = { scorm12: "cmi.core.score.raw", scorm2004: "cmi.score.raw" };
  var MODE = { scorm12: "cmi.core.lesson_mode", scorm2004: "cmi.mode" };
  var GRADED = ["passed", "completed"];

  var profile = {
    title: "SAP SuccessFactors Learning (as SAP's knowledge base articles describe it)",
    behaviours: [
      { id: "successfactors-grade", confirmed: true,
        what: "When the content sends a passed or completed status (SCORM 1.2 lesson_status; SCORM 2004 " +
          "completion_status 'completed' or success_status 'passed'), the LMS creates the learning event and " +
          "copies the score.raw it holds at that moment to the grade ('' when it holds none); a score sent " +
          "later never changes the grade (state().grade). The moment is the SetValue of that status, the " +
          "strictest reading: SAP does not say whether the copy waits for the commit.",
        source: "[SAP KBA 2413378 'Score (%) vs Percentage Grade - LMS Grading Functionality', Resolution: " +
          "'When the content sends a pass/complete status the LMS creates a learning event and copies the " +
          "score to the grade at that moment. If the score is updated later, the system does not update the " +
          "grade'; https://apps.support.sap.com/sap/support/knowledge/en/2413378]" },
      { id: "successfactors-2004-exit", confirmed: true,
        what: "SCORM 2004: when the learner leaves through the LMS's navigation (Quit, Continue, Previous: " +
          "close()), content whose manifest does not set both completionSetByContent and " +
          "objectiveSetByContent to true (opts.setByContent false) is marked completed if it sent no " +
          "cmi.success_status in the session; the LMS stores that as a finish.",
        source: "[SAP KBA 2458835 'SCORM 2004 content is automatically marked as completed after exiting', " +
          KBA + "2458835; SAP KBA 3403728 (2H 2023 release), " + KBA + "3403728]" }
    ]
  };

  function build(f, version, lms, opts) {
    var before = ((opts || {}).record || {}).profileState || {};
    var setByContent = (opts || {}).setByContent !== false;
    var flags = { graded: !!before.graded, grade: before.graded ? before.grade : null, gradedAt: before.gradedAt || "",
      completedOnExit: false, successSent: false };

    function value(element) {
      var v = lms.get(element);
      return v == null ? "" : String(v);
    }

    f.hooks.set = function (args, next) {
      var result = next();
      if (String(result) !== "true" || !lms.running()) return result;
      if (args[0] === "cmi.success_status") flags.successSent = true;
      var mode = value(MODE[version]);
      if (!flags.graded && (mode === "" || mode === "normal") && STATUS[version].indexOf(args[0]) >= 0 &&
          GRADED.indexOf(String(args[1])) >= 0) {
        flags.graded = true;
        flags.grade = value(RAW[version]);
        flags.gradedAt = args[0] + "=" + args[1];
      }
      return result;
    };

    return {
      flags: flags,
      close: function () {
        if (version !== "scorm2004" || setByContent || flags.successSent || !lms.running()) return;
        lms.set("cmi.completion_status", "completed");
        flags.completedOnExit = true;
        if (!flags.graded) Object.assign(flags, { graded: true, grade: value(RAW[version]), gradedAt: "exit" });
        lms.store(true, "successfactors-2004-exit");
      }
    };
  }

  var exported = { profile: profile, build: build };
  if (root) (root.CBPreview = root.CBPreview || {}).successfactors = exported;
  if (typeof module !== "undefined") module.exports = exported;
})(typeof window !== "undefined" ? window : null);
