/* coursebuild runtime: adapter-none.js: no LMS found (or a plain web target).
 * The course plays fully; nothing is recorded, and the player says so. Same methods as every
 * adapter (see tracking.js). */
(function (root) {
  "use strict";

  function no() {
    return false;
  }

  function create() {
    return {
      name: "none",
      tracking: false,
      init: function () {
        return { ok: true, entry: "", status: "", mode: "", location: "", suspendData: "", language: "" };
      },
      setResult: no,
      setBookmark: no,
      recordInteraction: no,
      setSessionTime: no,
      setExit: no,
      commit: no,
      finish: no
    };
  }

  /* The player's entry point (docs/runtime-contract.md): always an adapter, the fallback. */
  function launch(win, config, opts) {
    return create();
  }

  var api = { name: "none", create: create, launch: launch };

  if (root) (root.CourseBuild.adapters = root.CourseBuild.adapters || {}).none = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
