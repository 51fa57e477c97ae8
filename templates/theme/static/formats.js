/* coursebuild runtime: formats.js (pure, no DOM).
 *
 * Data types the LMS standards expect, built from neutral values:
 *   - SCORM 1.2 CMITimespan "HHHH:MM:SS.SS" and CMITime "HH:MM:SS"   [SCORM 1.2 RTE §3.4 data types]
 *   - ISO 8601 durations "PT1H5M30.25S" (SCORM 2004, xAPI)           [SCORM 2004 4th ed. RTE §4.1.1.7; xAPI 1.0.3 §4.6]
 *   - SCORM 1.2 interaction response / pattern formats (CMIFeedback) [SCORM 1.2 RTE §3.4, interactions]
 *   - CMIIdentifier, CMIDecimal scores, length limits.
 *
 * isoDuration is formats-iso.js, shipped only where a standard needs it (SCORM 2004, xAPI). The
 * formats of answers (interactions) and what a learner types are formats-answers.js, which adds
 * them to this module's API once the questions chunk has loaded (nothing records an answer sooner).
 *
 * Neutral answer values (what the player and the tracking core pass around):
 *   true-false: true | false          choice (single, multiple): ["a", "c"] (ids [0-9a-z])
 *   fill-in:    "text"                matching: [["1", "a"], ["2", "b"]]
 *   numeric:    94 (a finite number)
 *   ordering:   ["c", "a", "b"] (item ids in the learner's order)   likert: "b" (a scale point id)
 */
(function (root) {
  "use strict";

  var CMI_STRING255 = 255;   // SCORM 1.2 RTE §3.4 CMIString255 (lesson_location, CMIFeedback)
  var CMI_STRING4096 = 4096; // SCORM 1.2 RTE §3.4 CMIString4096 (suspend_data)

  /* The largest CMITimespan: four hour digits. */
  var TIMESPAN_MAX_CS = ((9999 * 60 + 59) * 60 + 59) * 100 + 99;

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /* Milliseconds -> whole centiseconds, rounded (59.996 s -> 60.00 s), never negative. */
  function centiseconds(ms) {
    var n = Number(ms);
    if (n !== n || n <= 0) return 0; // NaN or not positive
    return Math.round(n / 10);
  }

  /* SCORM 1.2 CMITimespan "HHHH:MM:SS.SS" [SCORM 1.2 RTE §3.4]; capped at 9999:59:59.99. */
  function timespan12(ms) {
    var cs = centiseconds(ms);
    if (cs > TIMESPAN_MAX_CS) cs = TIMESPAN_MAX_CS;
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = Math.floor((cs % 6000) / 100);
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  /* A plain decimal string (no exponent, no float noise), or "" when not finite. */
  function decimal(n) {
    var x = Number(n);
    if (!isFinite(x)) return "";
    if (Math.abs(x) >= 1e21) return "";
    // toFixed, not String(): String(1e-7) is "1e-7", and no CMIDecimal has an exponent.
    var s = x.toFixed(10).replace(/\.?0+$/, "");
    return s === "-0" ? "0" : s;
  }

  /* A SCORM 1.2 score: CMIDecimal normalised 0..100 [SCORM 1.2 RTE §3.4 cmi.core.score.raw]. */
  function score12(n) {
    var x = Number(n);
    if (!isFinite(x)) return "";
    if (x < 0) x = 0;
    if (x > 100) x = 100;
    return String(Math.round(x * 100) / 100);
  }

  var api = {
    CMI_STRING255: CMI_STRING255,
    CMI_STRING4096: CMI_STRING4096,
    timespan12: timespan12,
    centiseconds: centiseconds,
    decimal: decimal,
    score12: score12
  };

  if (root) (root.CourseBuild = root.CourseBuild || {}).formats = api;
  if (typeof module !== "undefined") {
    module.exports = api;
    require("./formats-answers.js"); // in a browser, the questions chunk adds them
    require("./formats-iso.js"); // in a browser, shipped where a standard needs it
  }
})(typeof window !== "undefined" ? window : null);
