/* coursebuild runtime: player.js: the learner's side (DOM), started here.
 * It reads the config, launches the target's adapter (docs/runtime-contract.md), makes the
 * tracking core (tracking.js) and joins the player's parts: player-nav.js (pages, menu,
 * progress, status line), player-video.js, player-quiz.js and player-language.js, which share
 * `ctx` (below). Every string comes from the catalogues embedded by the template
 * (templates/theme/i18n/*.json). Without these scripts the page stays readable: every section of
 * every language, one after another. */
(function () {
  "use strict";

  var CB = window.CourseBuild;
  var doc = document;
  var html = doc.documentElement;

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
  if (!config || !CB || !CB.tracking || !CB.adapters || !CB.adapters.none || !CB.dom || !CB.playerChunks) return; // stay the no-JS page
  var D = CB.dom;
  var $ = D.$;

  var langs = config.languages && config.languages.length ? config.languages : [html.lang];
  var pages = config.pages;
  var pageIds = pages.map(function (p) {
    return p.id;
  });
  var quizPage = config.assessment ? pageIds.indexOf(config.assessment.id) : -1;
  if (config.assessment && quizPage < 0) {
    pages.forEach(function (p, i) {
      if (p.kind === "assessment") quizPage = i;
    });
  }

  /* The parts of the player that a course may leave out, or load later: ctx key, module. */
  var PARTS = [["video", "playerVideo"], ["quiz", "playerQuiz"], ["check", "playerCheck"], ["pretest", "playerPretest"]];

  /* What the parts share: the course, the current language, the session's state, each other. */
  var ctx = {
    doc: doc, html: html, config: config, langs: langs, lang: langs[0], pages: pages, pageIds: pageIds,
    quizPage: quizPage, videoPages: CB.state.videoPages(config),
    lmsFound: false, ended: false, greeting: false,
    saveError: null, // the LMS's last refusal {code, text, final}; null once it took a commit
    adapter: null, tracker: null, nav: null, video: null, quiz: null, check: null, pretest: null, language: null
  };
  ctx.msg = D.messages(cats, langs, function () {
    return ctx.lang;
  });
  ctx.section = function (i, l) {
    return doc.getElementById((l || ctx.lang) + "_" + pageIds[i]);
  };

  /* After every commit (SCORM) or LRS answer (xAPI): the status line, and a result shown. */
  function onsave(ok, error) {
    ctx.saveError = ok ? null : error || { code: "" };
    if (!ctx.tracker) return;
    ctx.nav.renderStatus();
    var form = quizPage >= 0 && ctx.quiz.form(ctx.lang);
    var panel = form && $("[data-cb-result]", form);
    if (panel && !panel.hidden) ctx.quiz.renderRecord(panel, ctx.lang);
  }

  // every adapter has one entry point (docs/runtime-contract.md): launch(window, config, opts)
  // -> adapter | null; xapi and cmi5 then set up asynchronously (prepare)
  var chosen = CB.adapters[config.target];
  var adapter = chosen ? chosen.launch(window, config, { onsave: onsave }) : null;
  ctx.lmsFound = !!adapter;
  if (!adapter) adapter = CB.adapters.none.launch(window, config, { onsave: onsave });
  ctx.adapter = adapter;
  var tracker = CB.tracking.createTracker(config, adapter, {
    browserLanguages: navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]
  });

  /* What a page's sections need once they are in the document (at start, or once fetched): each
   * part that has run binds its controls (a part in a chunk binds once the chunk has run). */
  function bindPart(name, i) {
    if (name !== "quiz") return ctx[name].bind(i);
    if (i !== quizPage) return;
    langs.forEach(function (l) {
      var form = ctx.quiz.form(l);
      if (form) ctx.quiz.bind(form);
    });
  }
  ctx.bindPage = function (i) {
    PARTS.forEach(function (p) {
      bindPart(p[0], i);
    });
  };
  ctx.tracker = tracker;
  ctx.nav = CB.playerNav.create(ctx);
  /* A package ships only the parts its course uses, some in chunks loaded when a page needs them
   * (builder/render/runtime.py): a part left out, or not loaded yet, has nothing to bind, render
   * or stop; once its chunk has run it is made and binds the pages already in the document. */
  function attach() {
    PARTS.forEach(function (p) {
      var module = CB[p[1]];
      if (!module || ctx[p[0]].live) return;
      ctx[p[0]] = module.create(ctx);
      ctx[p[0]].live = true;
      pages.forEach(function (pg, i) {
        if (ctx.nav.isLoaded(i)) bindPart(p[0], i);
      });
    });
  }
  var none = function () {};
  PARTS.forEach(function (p) {
    ctx[p[0]] = { bind: none, render: none, stop: none, restart: none, page: -1, form: function () {
      return null;
    } };
  });
  ctx.chunks = CB.playerChunks.create(doc, config, attach);
  attach();
  // one language: nothing to switch, the template wrote its strings (player-language.js left out)
  ctx.language = CB.playerLanguage ? CB.playerLanguage.create(ctx) : { apply: none, bind: none, switchTo: none };

  /* The session is over: nothing more is recorded, so nothing more may be done [issue 12]. */
  function leave() {
    if (ctx.ended) return;
    if (ctx.nav.visible()) ctx.video.stop(ctx.nav.visible());
    tracker.exit();
    ctx.ended = true;
    $("[data-cb-exit]").disabled = true;
    [$(".cb-nav"), doc.getElementById("cb-main"), $(".cb-tools")].forEach(function (el) {
      if (el) el.inert = true;
    });
    ctx.nav.renderStatus();
  }

  /* Once the adapter is ready (at once, or after its prepare(): xAPI and cmi5 read the LRS). */
  function begin() {
    tracker.start();
    ctx.greeting = tracker.resumed;
    ctx.lang = langs[tracker.state.lang] || langs[0];
    html.classList.remove("cb-boot");
    html.classList.add("cb-js");
    D.$$("[data-cb-js]").forEach(function (el) {
      el.hidden = false;
    });
    ctx.nav.closeMenuIfNarrow();
    ctx.language.apply();
    ctx.nav.show(tracker.state.page, false);
  }

  ctx.nav.bind();
  ctx.language.bind();
  $("[data-cb-exit]").addEventListener("click", function () {
    if (adapter.exitButton) adapter.exitButton(); // SCORM 2004: adl.nav.request, on Exit only
    leave();
    doc.getElementById("cb-status").focus(); // tabindex="-1" (body.html.j2)
  });

  pages.forEach(function (p, i) {
    if (ctx.nav.isLoaded(i)) ctx.bindPage(i);
  });
  // Commit when the page is hidden; finish on pagehide, never on unload: browsers drop
  // synchronous requests made while the page unloads, and some LMS frames forbid unload handlers.
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "hidden") tracker.suspend();
  });
  window.addEventListener("pagehide", leave);

  CB.player = { tracker: tracker, go: ctx.nav.go, switchLanguage: ctx.language.switchTo, exit: leave };
  if (adapter.prepare) adapter.prepare(begin);
  else begin();
})();
