/* coursebuild runtime: player.js: the learner's side (DOM).
 * Navigation, menu, progress, video, quiz, language toggle and focus. It talks only to the
 * tracking core (tracking.js), which talks to one adapter. Every string comes from the
 * catalogues embedded by the template (templates/theme/i18n/*.json). Without this script the
 * page stays readable: every section of every language, one after another. A long course's
 * later modules are not in the page, nor in its menu: page-files.js fetches a module's page file
 * when the learner gets there, and the table of contents, to fill the menu, after first paint. */
(function () {
  "use strict";

  var CB = window.CourseBuild;
  var doc = document;
  var html = doc.documentElement;
  var MARK_OK = "\u2713";  // meaning is never given by colour alone: icon + text
  var MARK_BAD = "\u2717";
  var NARROW = "(max-width: 47.99em)";

  function $(sel, el) {
    return (el || doc).querySelector(sel);
  }

  function $$(sel, el) {
    return Array.prototype.slice.call((el || doc).querySelectorAll(sel));
  }

  function readJSON(id) {
    var el = doc.getElementById(id);
    try {
      return el ? JSON.parse(el.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  var config = readJSON("coursebuild-config");
  var cats = readJSON("coursebuild-i18n") || {};
  if (!config || !CB || !CB.tracking || !CB.adapters || !CB.adapters.none) return; // stay the no-JS page

  var langs = config.languages && config.languages.length ? config.languages : [html.lang];
  var pages = config.pages;
  var pageIds = pages.map(function (p) {
    return p.id;
  });
  var assessment = config.assessment;
  var quizPage = assessment ? pageIds.indexOf(assessment.id) : -1;
  if (assessment && quizPage < 0) {
    pages.forEach(function (p, i) {
      if (p.kind === "assessment") quizPage = i;
    });
  }
  var display = assessment && assessment.display === "one" ? "one" : "all";
  var videoPages = CB.state.videoPages(config);
  var videoNeed = (config.completion && config.completion.video) || 0;

  var lang = langs[0];
  var lmsFound = false;
  var saveError = null; // the LMS's last refusal {code, text, final}; null once it took a commit
  var greeting = false;
  var ended = false;
  var shownAt = {};
  var visibleSection = null;
  var embeds = [];
  var wanted = -1; // the page the learner asked for last
  var contentsDue = false; // a long course's full menu may be fetched (after first paint)

  /* A catalogue string, with {name} placeholders filled in. */
  function msg(key, vars, l) {
    var c = cats[l || lang] || {};
    var s = c[key] != null ? c[key] : (cats[langs[0]] || {})[key];
    if (s == null) return key;
    return String(s).replace(/\{(\w+)\}/g, function (m, k) {
      return vars && vars[k] != null ? String(vars[k]) : m;
    });
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  /* "<icon hidden from screen readers> text" */
  function mark(el, ok, text) {
    el.textContent = "";
    var icon = doc.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.className = "cb-icon";
    icon.textContent = ok ? MARK_OK : MARK_BAD;
    el.appendChild(icon);
    el.appendChild(doc.createTextNode(" " + text));
    el.classList.toggle("cb-ok", ok);
    el.classList.toggle("cb-bad", !ok);
  }

  /* ---- tracking ---- */

  /* After every commit (SCORM) or LRS answer (xAPI): the status line, and a result shown. */
  function onsave(ok, error) {
    saveError = ok ? null : error || { code: "" };
    if (!tracker) return;
    renderStatus();
    var form = quizPage >= 0 && quizForm(lang);
    var panel = form && $("[data-cb-result]", form);
    if (panel && !panel.hidden) renderRecord(panel, lang);
  }

  var adapter = null;
  var tracker = null;
  // every adapter has one entry point (docs/runtime-contract.md): launch(window, config, opts)
  // -> adapter | null; xapi and cmi5 then set up asynchronously (prepare)
  var chosen = CB.adapters[config.target];
  if (chosen) adapter = chosen.launch(window, config, { onsave: onsave });
  lmsFound = !!adapter;
  if (!adapter) adapter = CB.adapters.none.launch(window, config, { onsave: onsave });
  tracker = CB.tracking.createTracker(config, adapter, {
    browserLanguages: navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]
  });

  function st() {
    return tracker.state;
  }

  function section(i, l) {
    return doc.getElementById((l || lang) + "-" + pageIds[i]);
  }

  /* The status line: what the LMS holds of this session, in words [docs/tracking.md]. */
  function renderStatus() {
    var lines = CB.outcome.statusLines(tracker.status(), { found: lmsFound, ended: ended, greeting: greeting, error: saveError });
    setText(doc.getElementById("cb-status"), lines.map(function (x) {
      return msg(x.key, x.vars);
    }).join(" "));
  }

  /* Links to pages (by index) in a list, titled as in the menu of language l. */
  function pageLinks(list, indices, l) {
    list.textContent = "";
    indices.forEach(function (i) {
      var id = pageIds[i];
      var entry = $('.cb-menu-list[data-cb-lang="' + l + '"] [data-cb-goto="' + id + '"] .cb-menu-title');
      var li = doc.createElement("li");
      var a = doc.createElement("a");
      a.href = "#" + l + "-" + id;
      a.setAttribute("data-cb-goto", id);
      a.textContent = entry ? entry.textContent : msg("page_of", { n: i + 1, total: pages.length }, l);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !indices.length;
  }

  /* What the LMS now holds of the result, and what is left to do (outcome.js report). */
  function renderRecord(panel, l) {
    var r = CB.tracking.report(tracker.status(), {
      holdsScore: adapter.holdsScore, failedAtEnd: adapter.failedAtEnd,
      saveFailed: !!saveError, skip: quizPage
    });
    setText($("[data-cb-result-record]", panel), r.record.map(function (x) {
      return msg(x.key, x.vars, l);
    }).join(" "));
    var next = $("[data-cb-result-next]", panel);
    next.hidden = !r.next;
    setText(next, r.next ? msg(r.next.key, r.next.vars, l) : "");
    pageLinks($("[data-cb-result-todo]", panel), r.todo, l);
  }

  /* A locked assessment (completion.assessmentOpens "after-pages"): the pages to open first. */
  function renderLock(form, blockers) {
    var box = $("[data-cb-quiz-locked]", form);
    box.hidden = !blockers.length;
    $("[data-cb-questions]", form).hidden = !!blockers.length;
    if (!blockers.length) return;
    setText($("[data-cb-locked-text]", box), msg("quiz_locked", { n: blockers.length }));
    pageLinks($("[data-cb-locked-todo]", box), blockers, lang);
    $("[data-cb-result]", form).hidden = true;
    var submit = $("[data-cb-submit]", form);
    if (submit) submit.hidden = true;
  }

  /* ---- language ---- */

  function applyLanguage() {
    html.setAttribute("lang", lang);
    $$("[data-cb-lang]").forEach(function (el) {
      el.hidden = el.getAttribute("data-cb-lang") !== lang;
    });
    $$("[data-cb-switch]").forEach(function (el) {
      el.hidden = el.getAttribute("data-cb-switch") === lang;
    });
    $$("[data-i18n]").forEach(function (el) {
      setText(el, msg(el.getAttribute("data-i18n")));
    });
    $$("[data-i18n-label]").forEach(function (el) {
      el.setAttribute("aria-label", msg(el.getAttribute("data-i18n-label")));
    });
  }

  function switchLanguage(l) {
    if (l === lang || langs.indexOf(l) < 0) return;
    lang = l;
    tracker.setLanguage(langs.indexOf(l));
    applyLanguage();
    show(st().page, false);
    var other = $$("[data-cb-switch]").filter(function (el) {
      return !el.hidden;
    })[0];
    if (other) other.focus();
  }

  /* ---- pages ---- */

  function renderChrome() {
    var s = st();
    var seen = s.visited.filter(Boolean).length;
    $$("[data-cb-goto]").forEach(function (a) {
      var i = pageIds.indexOf(a.getAttribute("data-cb-goto"));
      var l = a.closest("[lang]").getAttribute("lang");
      if (i === s.page) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
      setText($(".cb-mark", a), s.visited[i] ? MARK_OK : "");
      setText($("[data-cb-seen]", a), msg(s.visited[i] ? "menu_seen" : "menu_not_seen", null, l));
    });
    var bar = doc.getElementById("cb-progress");
    bar.max = pages.length;
    bar.value = seen;
    setText(doc.getElementById("cb-progress-text"), msg("progress_text", { seen: seen, total: pages.length }));
    $("[data-cb-prev]").disabled = s.page === 0;
    $("[data-cb-next]").disabled = s.page === pages.length - 1;
    setText($("[data-cb-pageof]"), msg("page_of", { n: s.page + 1, total: pages.length }));
  }

  /* ---- page files (a long course: page-files.js fetches its later modules and full menu) ---- */

  var files = CB.pageFiles && config.contents
    ? CB.pageFiles.create(doc, config, { section: section, placed: bindPage, filled: renderChrome })
    : null;

  function isLoaded(i) {
    return files ? files.isLoaded(i) : !!section(i, langs[0]);
  }

  /* Resolves true once page i's sections are in the document, false if they cannot be. */
  function loadPage(i) {
    return files ? files.load(i) : Promise.resolve(isLoaded(i));
  }

  /* The rest of a long course's menu: fetched once the first page is painted, without a word if
   * that fails (the short menu, Next and the link to the table of contents all still work); then
   * fetched again, as silently, when the learner opens the menu or goes to another page, and when
   * they choose the link to the table of contents: only then does the status line say it failed. */
  function loadContents(asked) {
    if (!files || files.complete() || !(asked || contentsDue)) return;
    contentsDue = true;
    files.contents().then(function (ok) {
      if (!ok && asked) setText(doc.getElementById("cb-status"), msg("contents_load_failed"));
    });
  }

  /* After the next paint (an animation frame, then a task), or after a second in a frame that
   * does not paint: the full menu never delays first content. */
  function afterPaint(fn) {
    var done = false;
    function once() {
      if (done) return;
      done = true;
      fn();
    }
    if (window.requestAnimationFrame) {
      window.requestAnimationFrame(function () {
        setTimeout(once, 0);
      });
    }
    setTimeout(once, 1000);
  }

  /* The learner stays where they were; the status line (a live region) says why. */
  function showLoadError() {
    setText(doc.getElementById("cb-status"), msg("page_load_failed"));
  }

  function show(i, focus) {
    var main = doc.getElementById("cb-main");
    wanted = i;
    if (!isLoaded(i)) {
      main.setAttribute("aria-busy", "true");
      loadPage(i).then(function (ok) {
        if (wanted !== i) return; // the learner went elsewhere meanwhile
        main.removeAttribute("aria-busy");
        if (ok) show(i, focus);
        else showLoadError();
      });
      return;
    }
    main.removeAttribute("aria-busy");
    var container = doc.getElementById("cb-lang-" + lang);
    var target = section(i);
    $$(".cb-page", container).forEach(function (sec) {
      sec.hidden = sec !== target;
    });
    if (visibleSection && visibleSection !== target) stopMedia(visibleSection);
    visibleSection = target;
    if (i !== st().page) greeting = false;
    tracker.pageSeen(i);
    if (i === quizPage) {
      if (!tracker.assessmentBlockers().length && tracker.quizBegin()) shownAt = {};
      renderQuiz();
    }
    renderVideo(i);
    renderChrome();
    renderStatus();
    var h = $("h1", target);
    var course = $('.cb-course [data-cb-lang="' + lang + '"]');
    doc.title = msg("document_title", { page: h.textContent, course: course ? course.textContent : "" });
    if (focus) h.focus();
    if (i + 1 < pages.length) loadPage(i + 1); // so that "Next" does not wait
  }

  function go(i) {
    if (i < 0 || i >= pages.length) return;
    loadContents(false);
    show(i, true);
  }

  /* ---- video ---- */

  function renderVideo(i) {
    var vi = videoPages.indexOf(i);
    if (vi < 0) return;
    var pct = st().video[vi];
    langs.forEach(function (l) {
      var sec = section(i, l);
      var box = sec && $("[data-cb-video]", sec); // $ with no element would search the document
      if (!box) return;
      var status = $("[data-cb-video-status]", box);
      var button = $("[data-cb-video-done]", box);
      if (videoNeed <= 0) {
        status.hidden = button.hidden = true;
        return;
      }
      var done = pct >= videoNeed;
      var kind = box.getAttribute("data-cb-video");
      // a link or a note cannot be measured: say nothing until the learner says it is done
      status.hidden = !done && (kind === "link" || kind === "none");
      if (done) mark(status, true, msg("video_done", null, l));
      else setText(status, msg("video_progress", { percent: pct }, l));
      button.hidden = done || !box.hasAttribute("data-cb-declare");
    });
  }

  function videoProgress(i, pct) {
    var vi = videoPages.indexOf(i);
    var before = st().video[vi];
    tracker.videoProgress(i, pct);
    if (st().video[vi] !== before) {
      renderVideo(i);
      renderChrome();
      renderStatus();
    }
  }

  function origin(url) {
    try {
      return new URL(url, location.href).origin;
    } catch (e) {
      return "";
    }
  }

  function post(emb, message) {
    try {
      emb.frame.contentWindow.postMessage(JSON.stringify(message), emb.origin);
    } catch (e) { /* the player is not there yet */ }
  }

  /* Percent watched of an embedded player, from the times it reports: 1% buckets covered by
   * continuous play (a seek does not count the skipped part). */
  function embedTime(emb, time, duration) {
    if (!(duration > 0) || !(time >= 0)) return;
    var at = Math.min(99, Math.floor((time / duration) * 100));
    var from = emb.last !== null && time >= emb.last && time - emb.last <= 3
      ? Math.floor((emb.last / duration) * 100) : at;
    for (var b = from; b <= at; b++) emb.buckets[b] = 1;
    emb.last = time;
    var n = 0;
    for (b = 0; b < 100; b++) n += emb.buckets[b] || 0;
    videoProgress(emb.page, n);
  }

  /* Listen to page i's players and its "done" button (once it is loaded). */
  function bindVideo(i) {
    if (videoPages.indexOf(i) < 0) return;
    langs.forEach(function (l) {
      var sec = section(i, l);
      if (!sec) return;
      var video = $("video", sec);
      if (video) {
        var update = function () {
          var d = video.duration;
          if (!(d > 0) || !isFinite(d)) return;
          var sum = 0;
          for (var k = 0; k < video.played.length; k++) sum += video.played.end(k) - video.played.start(k);
          videoProgress(i, video.ended ? Math.max(100 * sum / d, 99.5) : (100 * sum) / d);
        };
        ["timeupdate", "pause", "ended"].forEach(function (e) {
          video.addEventListener(e, update);
        });
      }
      var frame = $("iframe", sec);
      var box = $("[data-cb-video]", sec);
      if (frame && box) {
        var emb = {
          frame: frame, page: i, kind: box.getAttribute("data-cb-video"), origin: origin(frame.src),
          api: /enablejsapi=1/.test(frame.src) || box.getAttribute("data-cb-video") === "vimeo",
          buckets: [], last: null, loaded: false
        };
        embeds.push(emb);
        frame.addEventListener("load", function () {
          emb.loaded = true;
          if (emb.kind === "youtube") post(emb, { event: "listening", id: embeds.indexOf(emb), channel: "widget" });
          else post(emb, { method: "addEventListener", value: "timeupdate" });
        });
      }
      var button = $("[data-cb-video-done]", sec);
      if (button) {
        button.addEventListener("click", function () {
          videoProgress(i, 100);
          var status = $("[data-cb-video-status]", sec);
          status.setAttribute("tabindex", "-1");
          status.focus();
        });
      }
    });
  }

  /* Embedded players (YouTube, Vimeo) report their time by postMessage. */
  function listenToPlayers() {
    window.addEventListener("message", function (e) {
      var emb = embeds.filter(function (x) {
        return x.frame.contentWindow === e.source && x.origin === e.origin;
      })[0];
      if (!emb) return;
      var data = e.data;
      if (typeof data === "string") {
        try {
          data = JSON.parse(data);
        } catch (err) {
          return;
        }
      }
      if (!data || typeof data !== "object") return;
      if (emb.kind === "vimeo") {
        if (data.event === "ready") post(emb, { method: "addEventListener", value: "timeupdate" });
        if (data.event === "timeupdate" && data.data) embedTime(emb, data.data.seconds, data.data.duration);
      } else if (data.info && typeof data.info === "object") {
        if (data.info.duration > 0) emb.duration = data.info.duration;
        if (typeof data.info.currentTime === "number") embedTime(emb, data.info.currentTime, emb.duration);
      }
    });
  }

  /* Stop what plays in a section the learner leaves (hidden players keep playing). */
  function stopMedia(sec) {
    $$("video", sec).forEach(function (v) {
      if (!v.paused) v.pause();
    });
    embeds.forEach(function (emb) {
      if (!sec.contains(emb.frame) || !emb.loaded) return;
      if (emb.kind === "vimeo") post(emb, { method: "pause" });
      else if (emb.api) post(emb, { event: "command", func: "pauseVideo", args: "" });
      else emb.frame.src = emb.frame.src; // no player API: reloading is the only way to stop it
    });
  }

  /* ---- quiz ---- */

  function quizForm(l) {
    var sec = quizPage >= 0 ? section(quizPage, l) : null;
    return sec ? $("[data-cb-quiz]", sec) : null;
  }

  function question(n) {
    return assessment.questions[st().quiz.items[n].q];
  }

  function itemLi(form, n) {
    return $('[data-cb-q="' + question(n).id + '"]', form);
  }

  function itemIndex(li) {
    var id = li.getAttribute("data-cb-q");
    var items = st().quiz.items;
    for (var n = 0; n < items.length; n++) if (assessment.questions[items[n].q].id === id) return n;
    return -1;
  }

  function readAnswer(li, q) {
    var picked = $$("input:checked", li).map(function (el) {
      return el.value;
    });
    switch (q.type) {
      case "true-false":
        return picked[0] === "t" ? true : picked[0] === "f" ? false : null;
      case "single":
        return picked[0] || null;
      case "multiple":
        return q.choices.filter(function (id) {
          return picked.indexOf(id) >= 0;
        });
      case "matching":
        return q.sources.map(function (s) {
          var sel = $('[data-cb-source="' + s + '"] select', li);
          return sel && sel.value ? sel.value : null;
        });
      default:
        return $("input", li).value;
    }
  }

  function writeAnswer(li, q, a) {
    switch (q.type) {
      case "true-false":
      case "single":
      case "multiple":
        $$("input", li).forEach(function (el) {
          var v = el.value;
          el.checked = q.type === "true-false" ? (a === true && v === "t") || (a === false && v === "f")
            : q.type === "single" ? a === v : (a || []).indexOf(v) >= 0;
        });
        break;
      case "matching":
        q.sources.forEach(function (s, k) {
          var sel = $('[data-cb-source="' + s + '"] select', li);
          if (sel) sel.value = (a && a[k]) || "";
        });
        break;
      default:
        var input = $("input", li);
        input.value = a || "";
        input.maxLength = CB.state.maxLength(q);
    }
  }

  function correctChoice(q, id) {
    if (q.type === "true-false") return id === (q.correct[0] ? "t" : "f");
    return q.correct.indexOf(id) >= 0;
  }

  function correctPairs(q) {
    var m = {};
    q.correct.forEach(function (p) {
      m[p.split(".")[0]] = p.split(".")[1];
    });
    return m;
  }

  function renderFeedback(li, q, item, l) {
    var verdict = $("[data-cb-verdict]", li);
    var ok = item.checked && CB.quiz.evaluate(q, item.answer);
    verdict.hidden = !item.checked;
    if (item.checked) mark(verdict, ok, msg(ok ? "correct" : "incorrect", null, l));
    $$("[data-cb-fb]", li).forEach(function (p) {
      p.hidden = !item.checked || p.getAttribute("data-cb-fb") !== (ok ? "correct" : "incorrect");
    });
    $$("[data-cb-choice]", li).forEach(function (ch) {
      var id = ch.getAttribute("data-cb-choice");
      var a = item.answer;
      var picked = q.type === "true-false" ? (a === true ? "t" : a === false ? "f" : null) === id
        : q.type === "single" ? a === id : (a || []).indexOf(id) >= 0;
      var shown = item.checked && picked;
      var m = $("[data-cb-mark]", ch);
      if (shown) mark(m, correctChoice(q, id), msg(correctChoice(q, id) ? "choice_correct" : "choice_incorrect", null, l));
      else m.textContent = "";
      var fb = $("[data-cb-choice-fb]", ch);
      if (fb) fb.hidden = !shown;
    });
    if (q.type === "matching") {
      var right = correctPairs(q);
      q.sources.forEach(function (s, k) {
        var m = $('[data-cb-source="' + s + '"] [data-cb-mark]', li);
        if (!m) return;
        if (item.checked) mark(m, item.answer[k] === right[s], msg(item.answer[k] === right[s] ? "correct" : "incorrect", null, l));
        else m.textContent = "";
      });
    }
  }

  function renderQuiz() {
    var form = quizForm(lang);
    if (!form || !st().quiz) return;
    var blockers = tracker.assessmentBlockers();
    renderLock(form, blockers);
    if (blockers.length) {
      setText($("[data-cb-quiz-intro]", form), "");
      return;
    }
    var quiz = st().quiz;
    var items = quiz.items;
    var k = items.length;
    var result = quiz.phase === 1;
    var list = $("[data-cb-questions]", form);
    $$("[data-cb-q]", list).forEach(function (li) {
      li.hidden = true;
    });
    items.forEach(function (item, n) {
      var q = assessment.questions[item.q];
      var li = $('[data-cb-q="' + q.id + '"]', list);
      list.appendChild(li);
      if (item.order) {
        var box = $(".cb-choices", li);
        item.order.split("").forEach(function (id) {
          var ch = $('[data-cb-choice="' + id + '"]', box);
          if (ch) box.appendChild(ch);
        });
      }
      li.hidden = !(result || display === "all" || n === quiz.current);
      setText($("[data-cb-qnum]", li), msg("question_of", { n: n + 1, total: k }));
      writeAnswer(li, q, item.answer);
      $("fieldset", li).disabled = item.checked || result;
      renderFeedback(li, q, item, lang);
      if (display === "one") {
        $("[data-cb-check]", li).hidden = result || item.checked;
        $("[data-cb-nextq]", li).hidden = result || !item.checked || n === k - 1;
        $("[data-cb-finish]", li).hidden = result || !item.checked || n !== k - 1;
      }
      if (!li.hidden && shownAt[n] == null) shownAt[n] = Date.now();
    });
    var submit = $("[data-cb-submit]", form);
    if (submit) submit.hidden = result || k === 0;
    var pass = typeof config.masteryScore === "number" ? config.masteryScore : assessment.passMark;
    var limited = assessment.attempts > 0;
    var attempt = result ? quiz.used : quiz.used + 1;
    setText($("[data-cb-quiz-intro]", form), msg("quiz_intro", { count: k, pass: pass }) + " " +
      (limited ? msg("quiz_attempt", { n: attempt, total: assessment.attempts }) : msg("quiz_attempt_unlimited", { n: attempt })));
    var panel = $("[data-cb-result]", form);
    panel.hidden = !result;
    if (result) {
      var passed = quiz.last !== null && quiz.last >= pass;
      var score = $("[data-cb-result-score]", panel);
      mark(score, passed, msg("result_score", { score: quiz.last }) + " \u2013 " + msg(passed ? "result_passed" : "result_failed"));
      var lines = [msg("result_pass_mark", { pass: pass })];
      if (!tracker.passed()) {
        var left = tracker.attemptsLeft();
        lines.push(left === Infinity ? msg("attempts_unlimited") : left > 0 ? msg("attempts_left", { n: left }) : msg("attempts_none"));
      }
      if (k) lines.push(msg("result_review"));
      setText($("[data-cb-result-text]", panel), lines.join(" "));
      renderRecord(panel, lang);
      $("[data-cb-retry]", panel).hidden = !tracker.canRetry();
    }
  }

  function afterQuizChange() {
    renderQuiz();
    renderChrome();
    renderStatus();
  }

  function focusQuestion(form, n) {
    var li = itemLi(form, n);
    if (li) $("fieldset", li).focus();
  }

  function check(form, li) {
    var n = itemIndex(li);
    if (n < 0 || st().quiz.items[n].checked) return;
    var q = question(n);
    var answer = readAnswer(li, q);
    tracker.quizAnswer(n, answer);
    var feedback = $("[data-cb-feedback]", li);
    if (!CB.quiz.isAnswered(q, answer)) {
      var verdict = $("[data-cb-verdict]", li);
      verdict.hidden = false;
      mark(verdict, false, msg("need_answer"));
      feedback.focus();
      return;
    }
    tracker.quizCheck(n, Date.now() - (shownAt[n] || Date.now()));
    afterQuizChange();
    feedback.focus();
  }

  function submitAll(form) {
    var items = st().quiz.items;
    var missing = [];
    items.forEach(function (item, n) {
      var q = question(n);
      var answer = readAnswer(itemLi(form, n), q);
      tracker.quizAnswer(n, answer);
      if (!CB.quiz.isAnswered(q, answer)) missing.push(n + 1);
    });
    var error = $("[data-cb-error]", form);
    if (missing.length) {
      error.hidden = false;
      mark(error, false, msg("need_all_answers", { list: missing.join(", ") }));
      error.focus();
      return;
    }
    error.hidden = true;
    items.forEach(function (item, n) {
      tracker.quizCheck(n, Date.now() - (shownAt[n] || Date.now()), true);
    });
    finish(form);
  }

  function finish(form) {
    tracker.quizFinish();
    afterQuizChange();
    $("[data-cb-result-heading]", form).focus();
  }

  function bindQuiz(form) {
    function noteAnswer(e) {
      var li = e.target.closest("[data-cb-q]");
      var n = li ? itemIndex(li) : -1;
      if (n >= 0) tracker.quizAnswer(n, readAnswer(li, question(n)));
    }
    form.addEventListener("change", noteAnswer);
    // and as it is typed: a text field fires "change" only when it loses the focus, so an
    // answer typed just before the learner leaves would not be in the resume state
    form.addEventListener("input", noteAnswer);
    function submit() {
      if (st().quiz.phase === 1) return;
      if (display === "all") submitAll(form);
      else {
        var li = itemLi(form, st().quiz.current);
        if (li) check(form, li);
      }
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      submit();
    });
    // Enter in a text answer checks it (a form with several text fields has no implicit submission)
    form.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || e.target.type !== "text") return;
      e.preventDefault();
      tracker.quizAnswer(itemIndex(e.target.closest("[data-cb-q]")), e.target.value);
      submit();
    });
    form.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b || b.type === "submit") return;
      var li = b.closest("[data-cb-q]");
      if (b.hasAttribute("data-cb-check")) check(form, li);
      else if (b.hasAttribute("data-cb-nextq")) {
        tracker.quizMove(itemIndex(li) + 1);
        renderQuiz();
        focusQuestion(form, st().quiz.current);
      } else if (b.hasAttribute("data-cb-finish")) finish(form);
      else if (b.hasAttribute("data-cb-retry")) {
        if (!tracker.quizRetry()) return;
        shownAt = {};
        $("[data-cb-error]", form).hidden = true;
        afterQuizChange();
        focusQuestion(form, 0);
      }
    });
  }

  /* ---- leaving ---- */

  /* The session is over: nothing more is recorded, so nothing more may be done [issue 12]. */
  function leave() {
    if (ended) return;
    if (visibleSection) stopMedia(visibleSection);
    tracker.exit();
    ended = true;
    $("[data-cb-exit]").disabled = true;
    [$(".cb-nav"), doc.getElementById("cb-main"), $(".cb-tools")].forEach(function (el) {
      if (el) el.inert = true;
    });
    renderStatus();
  }

  /* ---- start ---- */

  /* Once the adapter is ready (at once, or after its prepare(): xAPI and cmi5 read the LRS). */
  function begin() {
    tracker.start();
    greeting = tracker.resumed;
    lang = langs[tracker.state.lang] || langs[0];
    html.classList.remove("cb-boot");
    html.classList.add("cb-js");
    $$("[data-cb-js]").forEach(function (el) {
      el.hidden = false;
    });
    if (window.matchMedia && window.matchMedia(NARROW).matches) $(".cb-menu").open = false;
    applyLanguage();
    show(st().page, false);
    if (files) {
      afterPaint(function () {
        contentsDue = true;
        loadContents(false);
      });
    }
  }

  // one listener for the whole menu: a long course's entries arrive after start
  $(".cb-nav").addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (a && a.hasAttribute("data-cb-goto")) {
      e.preventDefault();
      go(pageIds.indexOf(a.getAttribute("data-cb-goto")));
      if (window.matchMedia && window.matchMedia(NARROW).matches) $(".cb-menu").open = false;
    } else if (a && a.hasAttribute("data-cb-contents")) {
      e.preventDefault(); // leaving index.html would end the session: fill the menu here instead
      loadContents(true);
    }
  });
  // the pages still to open, listed on the result and on a locked assessment
  doc.getElementById("cb-main").addEventListener("click", function (e) {
    var a = e.target.closest("a[data-cb-goto]");
    if (!a) return;
    e.preventDefault();
    go(pageIds.indexOf(a.getAttribute("data-cb-goto")));
  });
  $(".cb-menu").addEventListener("toggle", function () {
    if ($(".cb-menu").open) loadContents(false);
  });
  $$("[data-cb-switch]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      switchLanguage(a.getAttribute("data-cb-switch"));
    });
  });
  $("[data-cb-prev]").addEventListener("click", function () {
    go(st().page - 1);
  });
  $("[data-cb-next]").addEventListener("click", function () {
    go(st().page + 1);
  });
  $("[data-cb-exit]").addEventListener("click", function () {
    if (adapter.exitButton) adapter.exitButton(); // SCORM 2004: adl.nav.request, on Exit only
    leave();
    var status = doc.getElementById("cb-status");
    status.setAttribute("tabindex", "-1");
    status.focus();
  });
  /* What a page's sections need once they are in the document (at start, or once fetched). */
  function bindPage(i) {
    bindVideo(i);
    if (i !== quizPage) return;
    langs.forEach(function (l) {
      var form = quizForm(l);
      if (form) bindQuiz(form);
    });
  }

  pages.forEach(function (p, i) {
    if (isLoaded(i)) bindPage(i);
  });
  listenToPlayers();
  // Commit when the page is hidden; finish on pagehide, never on unload: browsers drop
  // synchronous requests made while the page unloads, and some LMS frames forbid unload handlers.
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "hidden") tracker.suspend();
  });
  window.addEventListener("pagehide", leave);

  CB.player = { tracker: tracker, go: go, switchLanguage: switchLanguage, exit: leave };
  if (adapter.prepare) adapter.prepare(begin);
  else begin();
})();
