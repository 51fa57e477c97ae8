/* coursebuild preview: panel.js: draws the live panel (session, CMI data, interactions, calls,
 * statements) and the build's diagnostics. No state of its own: lms.js calls it. */
(function (root) {
  "use strict";

  var doc = root.document;
  var CALLS_SHOWN = 1000;
  var QUERIES = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic", "GetLastError", "GetErrorString", "GetDiagnostic"];

  function $(id) {
    return doc.getElementById(id);
  }

  /* el("li", {class: "x"}, ["text", child]) */
  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] != null) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === "string" ? doc.createTextNode(c) : c);
    });
    return node;
  }

  function replace(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (c) {
      node.appendChild(c);
    });
  }

  function q(v) {
    return JSON.stringify(v === undefined ? null : v);
  }

  function status(text, bad) {
    var s = $("build-status");
    s.textContent = text;
    s.className = bad ? "bad" : "";
  }

  var lastTitle = "";

  function header(build) {
    var title = build.title || lastTitle || build.course; // a failed build has no title: keep the last
    lastTitle = title;
    $("course-title").textContent = title;
    $("target").textContent = build.target;
    $("course").setAttribute("title", "The course: " + title);
    doc.title = title + " · preview · coursebuild";
    $("statements-section").dataset.always = /^(xapi|cmi5)$/.test(build.target) ? "1" : "";
    $("calls-section").hidden = $("cmi-section").hidden = $("interactions-section").hidden = build.target === "xapi" || build.target === "cmi5";
  }

  function problems(build) {
    $("problems-summary").textContent = build.summary;
    replace($("problems-list"), build.diagnostics.map(function (d) {
      return el("li", { "class": d.severity }, [
        el("code", {}, [d.where]), ": ", el("span", { "class": "sev" }, [d.severity]), ": " + d.message + " [" + d.code + "]",
        d.hint ? el("span", { "class": "hint" }, ["hint: " + d.hint]) : null
      ]);
    }));
  }

  function session(facts, notes) {
    var rows = [];
    facts.forEach(function (f) {
      rows.push(el("dt", {}, [f[0]]), el("dd", { id: f[2] || null, "class": f[3] || null }, [f[1]]));
    });
    replace($("session"), rows);
    replace($("notes"), notes.map(function (n) {
      return el("li", {}, [n]);
    }));
  }

  var INTERACTION = /^cmi\.interactions\.([0-9]+)\.(.+)$/;

  function order(a, b) {
    var rank = function (k) {
      return k.indexOf("cmi.core.") === 0 ? 0 : k.indexOf("cmi.suspend_data") === 0 ? 1 : 2;
    };
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  }

  function cmi(values, counts, changed) {
    var keys = Object.keys(values).filter(function (k) {
      return !INTERACTION.test(k);
    }).sort(order);
    var rows = keys.map(function (k) {
      var v = values[k];
      var shown = v.length > 300 ? v.slice(0, 300) + "… (" + v.length + " characters)" : v;
      return el("tr", { "class": changed[k] ? "changed" : null, "data-element": k }, [
        el("th", { scope: "row" }, [k]), el("td", { "class": "long" }, [shown === "" ? "\u201c\u201d" : shown])
      ]);
    });
    Object.keys(counts).sort().forEach(function (a) {
      rows.push(el("tr", { "data-element": a + "._count" }, [el("th", { scope: "row" }, [a + "._count"]), el("td", {}, [String(counts[a])])]));
    });
    replace($("cmi").tBodies[0], rows);
  }

  function interactions(values) {
    var list = [];
    Object.keys(values).forEach(function (k) {
      var m = INTERACTION.exec(k);
      if (!m) return;
      var it = list[+m[1]] = list[+m[1]] || { patterns: [] };
      var p = /^correct_responses\.([0-9]+)\.pattern$/.exec(m[2]);
      if (p) it.patterns[+p[1]] = values[k];
      else it[m[2]] = values[k];
    });
    $("interactions-count").textContent = "(" + list.length + ")";
    replace($("interactions").tBodies[0], list.map(function (it, n) {
      it = it || { patterns: [] };
      return el("tr", { "data-index": String(n) }, [
        el("td", {}, [String(n)]), el("td", {}, [it.id || ""]), el("td", {}, [it.type || ""]),
        el("td", {}, [it.student_response || it.learner_response || ""]), el("td", {}, [it.patterns.join(" | ")]),
        el("td", { "class": it.result === "wrong" || it.result === "incorrect" ? "bad" : it.result === "correct" ? "ok" : null }, [it.result || ""]),
        el("td", {}, [it.latency || ""]), el("td", {}, [it.time || it.timestamp || ""])
      ]);
    }));
  }

  /* The LMS profile the page plays and the behaviours it reproduces, each with its source. */
  function profile(desc) {
    $("profile-section").hidden = !desc;
    if (!desc) return;
    $("profile-name").textContent = desc.name;
    $("profile-title").textContent = desc.title;
    $("profile-count").textContent = String(desc.behaviours.length);
    replace($("profile-behaviours"), desc.behaviours.map(function (b) {
      return el("li", { "data-behaviour": b.id }, [
        el("strong", {}, [b.id]), ": " + b.what + (b.confirmed ? "" : " (as reported; not confirmed from the source)"),
        el("cite", {}, [b.source])
      ]);
    }));
  }

  function callItem(c) {
    var bad = (c.error && c.error !== "0" && !c.notInitialized) || !!c.threw;
    var text = c.method + "(" + c.args.map(q).join(", ") + ") \u2192 " + (c.threw ? "threw " + c.threw : q(c.result));
    var by = c.profile ? " Answered by the LMS profile, as that LMS does." : "";
    var why = c.threw ? "The LMS's own script threw: the SCO's call raises an exception." + by
      : bad ? "Error " + c.error + " (" + c.errorString + "): " + c.diagnostic + by
        : c.notInitialized ? "Not initialized (" + c.error + "): the LMS has no value for this optional element, and says so; not an error."
          : c.warning ? "Warning: " + c.warning : by.trim();
    return el("li", { "class": bad ? "error" : c.warning ? "warning" : null, "data-method": c.method, "data-error": c.error || "",
      "data-threw": c.threw || null, "data-profile": c.profile ? "1" : null, "data-unset": c.notInitialized ? "1" : null }, [
      el("span", { "class": "n" }, ["#" + c.seq + " "]), text, why ? el("span", { "class": "why" }, [why]) : null
    ]);
  }

  function calls(list, filters) {
    var shown = list.filter(function (c) {
      if (!filters.queries && QUERIES.indexOf(c.method) >= 0) return false;
      return !filters.problemsOnly || (c.error && c.error !== "0" && !c.notInitialized) || c.warning || c.threw;
    });
    var errors = list.filter(function (c) {
      return (c.error && c.error !== "0" && !c.notInitialized) || c.threw;
    }).length;
    var unset = list.filter(function (c) { return c.notInitialized; }).length;
    $("calls-count").textContent = "(" + list.length + (errors ? ", " + errors + " with errors" : "") +
      (unset ? ", " + unset + " not initialized" : "") + ")";
    var log = $("calls");
    var atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    replace(log, shown.slice(-CALLS_SHOWN).map(callItem));
    if (atEnd) log.scrollTop = log.scrollHeight;
  }

  function display(map) {
    if (!map || typeof map !== "object") return "";
    return map["en-US"] || map.en || map[Object.keys(map)[0]] || "";
  }

  function statementItem(s) {
    var st = s.statement || {};
    var verb = st.verb ? display(st.verb.display) || st.verb.id : "?";
    var object = st.object ? st.object.id || "" : "";
    var result = st.result ? Object.keys(st.result).map(function (k) {
      return k + " " + q(st.result[k]);
    }).join(", ") : "";
    return el("li", { "class": s.error ? "error" : null }, [
      el("span", { "class": "n" }, ["#" + s.seq + " "]), s.error ? "refused" : verb, " ", object,
      result ? el("span", { "class": "why" }, [result]) : null,
      s.error ? el("span", { "class": "why" }, ["The LRS refused it: " + s.error]) : null,
      el("details", {}, [el("summary", {}, ["JSON"]), el("pre", {}, [JSON.stringify(st, null, 2)])])
    ]);
  }

  function statements(list) {
    $("statements-section").hidden = list.length === 0 && !$("statements-section").dataset.always;
    $("statements-count").textContent = "(" + list.length + ")";
    replace($("statements"), list.map(statementItem));
  }

  root.CBPreview = root.CBPreview || {};
  root.CBPreview.panel = {
    status: status, header: header, problems: problems, session: session, cmi: cmi, profile: profile,
    interactions: interactions, calls: calls, statements: statements
  };
})(window);
