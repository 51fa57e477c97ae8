/* coursebuild runtime: formats-iso.js (pure, no DOM): the ISO 8601 duration of SCORM 2004 and
 * xAPI, added to formats.js's API (CourseBuild.formats.isoDuration). Shipped only in a package
 * whose standard has it (builder/targets: SCORM 2004, and with the xAPI runtime): a SCORM 1.2
 * package writes CMITimespan (formats.js timespan12) alone. */
(function (root) {
  "use strict";

  var F = root ? root.CourseBuild.formats : require("./formats.js");

  /* ISO 8601 duration, at most 2 decimals of seconds [SCORM 2004 4th ed. RTE §4.1.1.7 timeinterval]. */
  function isoDuration(ms) {
    var cs = F.centiseconds(ms);
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    var out = "PT";
    if (h) out += h + "H";
    if (m) out += m + "M";
    if (s || (!h && !m)) out += s + "S";
    return out;
  }

  F.isoDuration = isoDuration;

  if (typeof module !== "undefined") module.exports = F;
})(typeof window !== "undefined" ? window : null);
