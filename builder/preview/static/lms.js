/* coursebuild preview: lms.js: the LMS page. It launches the course in the frame with our own
 * strict API (scorm12-api.js, scorm2004-api.js) wrapped in the LMS profile the preview plays
 * (lms-profiles.js: strict, moodle, forma), stores what the LMS stores through the preview
 * server, follows the builds (a new one: the course finishes its session, then relaunches), and
 * keeps the panel (panel.js) up to date. */
(function (root) {
  "use strict";

  var doc = root.document;
  var P = root.CBPreview;
  var panel = P.panel;
  var frame = doc.getElementById("course");
  var POLL_MS = 300;
  var KEEPALIVE_MAX = 60000;

  var page = {
    generation: "", build: null, launch: null, api: null, calls: [], seq: 0, savedSeq: 0, pending: [],
    notes: [], saved: "", left: false, loaded: false, statements: [], lastStatement: 0, changed: {},
    profile: "strict", profiled: null, callSeq: 0, lmsFinished: false, token: ""
  };
  P.page = page; // for tests and curious authors

  /* A change asked of the server: it takes it only with this run's token (from /api/build). */
  function post(url, body) {
    var text = JSON.stringify(body || {});
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json", "X-Coursebuild-Token": page.token }, body: text,
      keepalive: text.length < KEEPALIVE_MAX
    }).then(function (r) {
      return r.json().then(function (json) {
        return { status: r.status, body: json };
      });
    });
  }

  /* One action at a time: launches, unloads, resets never interleave. */
  var queue = Promise.resolve();
  function serial(fn) {
    queue = queue.then(fn).catch(function (e) {
      panel.status("The preview page hit a problem: " + (e && e.message), true);
    });
    return queue;
  }

  var drawing = false;
  function draw() {
    if (drawing) return;
    drawing = true;
    root.requestAnimationFrame(function () {
      drawing = false;
      var snap = page.api ? page.api.snapshot() : { values: {}, counts: {}, state: "" };
      var l = page.launch;
      var facts = [];
      if (l) {
        var v12 = l.kind === "scorm12";
        facts.push(["Session", String(l.number)], ["Entry", q(l.values[v12 ? "cmi.core.entry" : "cmi.entry"])],
          ["API state", snap.state || (l.kind === "xapi" || l.kind === "cmi5" ? l.kind + " (no SCORM API)" : ""), "api-state"],
          ["Total time at launch", l.values[v12 ? "cmi.core.total_time" : "cmi.total_time"] || ""]);
      }
      facts.push(["LMS profile", page.profile, "lms-profile"]);
      if (l && page.profile === "moodle" && P[l.kind]) {
        ["completed", "passed"].forEach(function (status) {
          var c = P.profiles.activityComplete(l.kind, snap.values, { status: [status] });
          facts.push(["Moodle activity completion, '" + status + "' required", c.complete ? "complete" : "not complete",
            "moodle-completion-" + status]);
        });
      }
      facts.push(["Last save", page.saved || "nothing committed yet", "last-save"]);
      if (page.left) facts.push(["Course", "left (exited)"]);
      panel.session(facts, page.notes);
      panel.cmi(snap.values, snap.counts, page.changed);
      panel.interactions(snap.values);
      panel.calls(page.calls, {
        problemsOnly: doc.getElementById("problems-only").checked,
        queries: doc.getElementById("show-queries").checked
      });
    });
  }

  function q(v) {
    return JSON.stringify(v == null ? "" : v);
  }

  function onCall(entry) {
    entry.seq = ++page.callSeq; // the engine's calls and the ones the profile answers, in order
    page.calls.push(entry);
    if (/SetValue$/.test(entry.method) && entry.result === "true") page.changed[entry.args[0]] = true;
    draw();
  }

  function clock() {
    return new Date().toLocaleTimeString();
  }

  /* Store what the LMS holds: a commit or a finish, the SCO's or the profile's own (why). */
  function save(snapshot, finished, why) {
    var l = page.launch;
    var body = {
      session: l.session, seq: ++page.seq, values: snapshot.values, finished: finished,
      afterFinish: page.lmsFinished, why: why || ""
    };
    if (finished) page.lmsFinished = true;
    var v12 = l.kind === "scorm12";
    var what = finished ? (v12 ? "LMSFinish" : "Terminate") : (v12 ? "LMSCommit" : "Commit");
    var done = post("/api/commit", body).then(function (r) {
      if (body.seq < page.savedSeq) return; // an earlier commit answered after a later one
      page.savedSeq = body.seq;
      page.saved = (r.body.ok ? what + " stored at " : what + " NOT stored at ") + clock();
      page.notes = page.notes.concat(r.body.notes || []);
      draw();
    }, function () {
      page.saved = what + " could not reach the preview server (" + clock() + ")";
      draw();
    });
    page.pending.push(done);
  }

  /* Unload the course: its pagehide finishes the session (LMSFinish); wait for the saves. */
  function unload() {
    return new Promise(function (resolve) {
      if (!page.loaded) return resolve();
      page.loaded = false;
      frame.addEventListener("load", function () {
        resolve();
      }, { once: true });
      if (page.profiled) page.profiled.close(); // the LMS's reaction to a closed player (forma)
      frame.src = "about:blank";
    }).then(function () {
      var pending = page.pending;
      page.pending = [];
      return Promise.all(pending);
    });
  }

  function show(id, on) {
    var node = doc.getElementById(id);
    node.hidden = !on;
    return node;
  }

  function launch() {
    return post("/api/launch").then(function (r) {
      var l = r.body;
      if (!l.ok) return;
      page.launch = l;
      page.calls = [];
      page.callSeq = 0;
      page.lmsFinished = false;
      page.seq = 0;
      page.savedSeq = 0;
      page.changed = {};
      page.notes = l.notes || [];
      page.saved = "";
      page.left = false;
      delete root.API;
      delete root.API_1484_11;
      page.api = null;
      page.profiled = null;
      if (P[l.kind]) {
        l.values = P.profiles.launchValues(page.profile, l.kind, l.values, l.record);
        var api = page.api = P[l.kind].create({ values: l.values, onCall: onCall, onCommit: function (snap, finished) {
          save(snap, finished, "");
        } });
        page.profiled = P.profiles.wrap(page.profile, l.kind, api, {
          get: function (element) {
            return api.snapshot().values[element];
          },
          set: api.lmsSet,
          running: function () {
            return api.state() === "running";
          },
          store: function (finished, why) {
            save(api.snapshot(), finished, why);
          }
        }, { onCall: onCall });
      }
      if (l.kind === "scorm12") root.API = page.profiled;
      if (l.kind === "scorm2004") root.API_1484_11 = page.profiled;
      show("left", false);
      show("problems", false);
      draw();
      page.loaded = true;
      frame.src = l.url;
    });
  }

  function describe(b) {
    var took = " in " + Math.round(b.seconds * 1000) + " ms";
    if (!b.ok) return "Build failed: " + b.summary + ". The course is replaced by the problems until fixed.";
    var warnings = b.diagnostics.length ? " (" + b.summary + ")" : "";
    if (b.changed.length) return "Rebuilt after " + b.changed.join(", ") + " changed" + took + "; course reloaded" + warnings + ".";
    return "Built " + b.course + " for " + b.target + took + warnings + ".";
  }

  function onBuild(b) {
    page.build = b;
    page.profile = b.lms || "strict";
    panel.header(b);
    panel.profile(/^scorm/.test(b.target) ? P.profiles.describe(page.profile) : null);
    serial(function () {
      return unload().then(function () {
        panel.status(describe(b), !b.ok);
        if (!b.ok) {
          panel.problems(b);
          show("left", false);
          show("problems", true);
          return null;
        }
        show("problems", false);
        return page.left ? null : launch();
      });
    });
  }

  function poll() {
    fetch("/api/build").then(function (r) {
      return r.json();
    }).then(function (b) {
      var generation = b.instance + ":" + b.generation; // a restarted server relaunches too
      page.token = b.token; // a restarted server has a new one
      if (generation !== page.generation) {
        page.generation = generation;
        onBuild(b);
      }
      return fetch("/api/statements?after=" + page.lastStatement).then(function (r) {
        return r.json();
      }).then(function (s) {
        if (s.statements.length) {
          page.statements = page.statements.concat(s.statements);
          page.lastStatement = s.statements[s.statements.length - 1].seq;
        }
        panel.statements(page.statements);
      });
    }).catch(function () {
      panel.status("The preview server is not answering (stopped?). Start it again and reload this page.", true);
    }).then(function () {
      root.setTimeout(poll, POLL_MS);
    });
  }

  function relaunch() {
    serial(function () {
      return unload().then(function () {
        page.left = false;
        return page.build && page.build.ok ? launch() : null;
      });
    });
  }

  doc.getElementById("relaunch").addEventListener("click", relaunch);
  doc.getElementById("launch-again").addEventListener("click", relaunch);
  doc.getElementById("exit").addEventListener("click", function () {
    serial(function () {
      return unload().then(function () {
        page.left = true;
        draw();
        if (page.build && page.build.ok) show("left", true).focus();
      });
    });
  });
  doc.getElementById("reset").addEventListener("click", function () {
    serial(function () {
      return unload().then(function () {
        return post("/api/reset");
      }).then(function () {
        page.statements = [];
        page.left = false;
        panel.status("Learner reset: the course starts afresh (entry ab-initio).", false);
        return page.build && page.build.ok ? launch() : null;
      });
    });
  });
  ["problems-only", "show-queries"].forEach(function (id) {
    doc.getElementById(id).addEventListener("change", draw);
  });
  poll();
})(window);
