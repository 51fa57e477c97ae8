/* LMS harness helpers shared by harness.js (1.2) and harness2004.js: an LMS profile
 * (builder/preview/static/lms-profiles.js, window.CBPreview.profiles) around scorm-again.
 *   flatten(json, "cmi") / unflatten(flat): scorm-again's CMI JSON <-> {element: value};
 *   launchCMI(config, version): the launch CMI through the profile's launchValues, in the
 *     launch's mode (config.mode: normal, review, browse) when one is given;
 *   lmsSide(api, onStore): what a profile may do on the LMS side of scorm-again (read and write
 *     an element without a SCO call, know whether a session is open, store);
 *   ledger(version, harness): what the LMS stored, for the next launch's record;
 *   closePlayer(profiled): the learner closes the player window. */
(function () {
  "use strict";

  var profiles = window.CBPreview.profiles;
  var KEYS = {
    scorm12: { entry: "cmi.core.entry", total: "cmi.core.total_time", exit: "cmi.core.exit" },
    scorm2004: { entry: "cmi.entry", total: "cmi.total_time", exit: "cmi.exit" }
  };

  function flatten(json, prefix, out) {
    out = out || {};
    Object.keys(json || {}).forEach(function (key) {
      var value = json[key];
      if (value && typeof value === "object") flatten(value, prefix + "." + key, out);
      else if (value !== undefined && value !== null) out[prefix + "." + key] = String(value);
    });
    return out;
  }

  function unflatten(flat) {
    var json = {};
    Object.keys(flat).forEach(function (element) {
      var parts = element.split(".").slice(1); // without "cmi"
      var node = json;
      parts.slice(0, -1).forEach(function (p) {
        node = node[p] = node[p] || {};
      });
      node[parts[parts.length - 1]] = flat[element];
    });
    return json;
  }

  function launchCMI(config, version) {
    var name = config.profile || "strict";
    var cmi = config.cmi;
    if (cmi && name !== "strict") {
      var flat = flatten(cmi, "cmi");
      cmi = unflatten(profiles.launchValues(name, version, flat, config.record || { sessions: 0 }));
    }
    // The mode of this launch is the LMS's choice when it launches, never stored data.
    if (cmi && config.mode) {
      if (version === "scorm12") (cmi.core = cmi.core || {}).lesson_mode = config.mode;
      else cmi.mode = config.mode;
    }
    return cmi;
  }

  function walk(api, element) {
    return element.split(".").reduce(function (node, part) {
      return node == null ? undefined : node[part];
    }, api);
  }

  function lmsSide(api, onStore) {
    return {
      get: function (element) {
        if (/^adl\./.test(element)) return walk(api, element);
        return flatten(api.renderCMIToJSONObject().cmi, "cmi")[element];
      },
      set: function (element, value) {
        var parts = element.split(".");
        walk(api, parts.slice(0, -1).join("."))[parts[parts.length - 1]] = value;
      },
      running: function () {
        return api.isInitialized() && !api.isTerminated();
      },
      store: function (finished, why) {
        onStore(finished, why);
      }
    };
  }

  /* What the LMS stored (the SCO's stores and the profile's own), as the next launch needs it. */
  function ledger(version, harness) {
    var k = KEYS[version];
    var book = { stored: null, finished: false, exitAtFinish: "", storedAfterFinish: false, why: [] };
    return {
      store: function (finished, why) {
        var flat = flatten(harness.cmi(), "cmi");
        if (book.finished) book.storedAfterFinish = true;
        book.stored = flat;
        if (why) book.why.push(why);
        if (finished && !book.finished) {
          book.finished = true;
          book.exitAtFinish = flat[k.exit] || "";
        }
      },
      record: function () {
        var launch = flatten(harness.launchCMI, "cmi");
        return {
          stored: book.stored || {}, launchEntry: launch[k.entry] || "", launchTotal: launch[k.total] || "",
          exitAtFinish: book.exitAtFinish, finished: book.finished, storedAfterFinish: book.storedAfterFinish,
          why: book.why.slice(), profileState: harness.profiled ? harness.profiled.state() : null
        };
      }
    };
  }

  /* The LMS's reaction first (forma finishes), then the course frame unloads, in the same task
   * as in a closing window: the SCO gets no turn in between. */
  function closePlayer(profiled) {
    if (profiled) profiled.close();
    var frame = document.getElementById("course");
    if (frame) frame.remove(); // its pagehide runs now
    return Promise.resolve();
  }

  window.LMSProfiled = {
    flatten: flatten, unflatten: unflatten, launchCMI: launchCMI, lmsSide: lmsSide, ledger: ledger,
    closePlayer: closePlayer,
    wrap: profiles.wrap, describe: profiles.describe
  };
})();
