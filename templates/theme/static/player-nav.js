/* coursebuild runtime: player-nav.js: the player's navigation: showing one page at a time, the
 * menu with its progress marks, previous/next, the progress bar and the status line. A long
 * course's later modules are not in the page, nor in its menu: page-files.js fetches a module's
 * page file when the learner gets there, and the table of contents, to fill the menu, once the
 * page on screen is usable (or at once when the learner opens the menu). */
(function (root) {
  "use strict";

  var NARROW = "(max-width: 47.99em)";

  /* ctx: the player's shared state (player.js): doc, config, langs, lang, pages, pageIds,
   * quizPage, msg, section, tracker, lmsFound, ended, greeting, saveError, video, quiz, bindPage. */
  function create(ctx) {
    var CB = root.CourseBuild;
    var D = CB.dom;
    var $ = D.$;
    var $$ = D.$$;
    var doc = ctx.doc;
    var msg = ctx.msg;
    var pages = ctx.pages;
    var pageIds = ctx.pageIds;
    var tracker = ctx.tracker;
    var visibleSection = null;
    var wanted = -1; // the page the learner asked for last
    var shown = -1; // the page on screen: current as soon as it shows, seen once recorded

    /* The status line: what the LMS holds of this session, in words [docs/tracking.md]. */
    function renderStatus() {
      var lines = CB.outcome.statusLines(tracker.status(), { found: ctx.lmsFound, ended: ctx.ended, greeting: ctx.greeting, error: ctx.saveError });
      D.setText(doc.getElementById("cb-status"), lines.map(function (x) {
        return msg(x.key, x.vars);
      }).join(" "));
    }

    /* The menu's links of each page (both languages), indexed once and again whenever the menu
     * gains entries; and what each page's links show (1: current, 2: seen), so that a page change
     * touches only the links of the pages whose marks changed, not every entry of a long course. */
    var menuLinks = null;
    var drawn = [];

    function indexMenu() {
      var at = {};
      pageIds.forEach(function (id, i) {
        at[id] = i;
      });
      menuLinks = pages.map(function () {
        return [];
      });
      drawn = [];
      $$(".cb-nav [data-cb-goto]").forEach(function (a) {
        var i = at[a.getAttribute("data-cb-goto")];
        if (i !== undefined) menuLinks[i].push({ a: a, l: a.closest("[lang]").getAttribute("lang") });
      });
    }

    function renderEntry(link, current, seen) {
      var a = link.a;
      if (current) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
      D.setText($(".cb-mark", a), seen ? D.MARK_OK : "");
      D.setText($("[data-cb-seen]", a), msg(seen ? "menu_seen" : "menu_not_seen", null, link.l));
    }

    /* The menu's marks and current page, the progress bar, previous/next and "page n of m". */
    function renderChrome() {
      var s = tracker.state;
      var at = current();
      var seen = s.visited.filter(Boolean).length;
      if (!menuLinks) indexMenu();
      menuLinks.forEach(function (links, i) {
        var shows = (i === at ? 1 : 0) + (s.visited[i] ? 2 : 0);
        if (drawn[i] === shows) return;
        drawn[i] = shows;
        links.forEach(function (link) {
          renderEntry(link, shows & 1, shows & 2);
        });
      });
      var bar = doc.getElementById("cb-progress");
      bar.max = pages.length;
      bar.value = seen;
      D.setText(doc.getElementById("cb-progress-text"), msg("progress_text", { seen: seen, total: pages.length }));
      $("[data-cb-prev]").disabled = at === 0;
      $("[data-cb-next]").disabled = at === pages.length - 1;
      D.setText($("[data-cb-pageof]"), msg("page_of", { n: at + 1, total: pages.length }));
    }

    /* The page on screen (the one recorded until a page shows). */
    function current() {
      return shown < 0 ? tracker.state.page : shown;
    }

    /* The menu gained entries (a long course's contents): index them and mark them all. */
    function menuFilled() {
      menuLinks = null;
      renderChrome();
    }

    /* ---- page files (a long course: page-files.js fetches its later modules and full menu) ---- */

    var files = CB.pageFiles && ctx.config.contents
      ? CB.pageFiles.create(doc, ctx.config, { section: ctx.section, placed: ctx.bindPage, filled: menuFilled })
      : null;

    function isLoaded(i) {
      return files ? files.isLoaded(i) : !!ctx.section(i, ctx.langs[0]);
    }

    /* Resolves true once page i's sections are in the document, false if they cannot be. */
    function loadPage(i) {
      return files ? files.load(i) : Promise.resolve(isLoaded(i));
    }

    /* The rest of a long course's menu, fetched now: silently, or, when the learner chose the link
     * to the table of contents (asked), saying so in the status line if it fails. */
    function loadContents(asked) {
      if (!files || files.complete()) return;
      files.contents().then(function (ok) {
        if (!ok && asked) D.setText(doc.getElementById("cb-status"), msg("contents_load_failed"));
      });
    }

    /* The page on screen is usable: the one the learner asked for, nothing of it still loading
     * (its file, the parts it needs, an assessment's drawn questions: each sets aria-busy). */
    function settled() {
      return shown >= 0 && wanted === shown && !doc.getElementById("cb-main").hasAttribute("aria-busy");
    }

    /* After the next paint (an animation frame, then a task), or after a second in a frame that
     * does not paint (no animation frames come there). */
    function afterPaint(fn) {
      var done = false;
      function once() {
        if (done) return;
        done = true;
        fn();
      }
      if (root.requestAnimationFrame) {
        root.requestAnimationFrame(function () {
          setTimeout(once, 0);
        });
      }
      setTimeout(once, 1000);
    }

    /* When the browser is idle, or after a second: an idle period may not come at all while
     * nothing paints (headless Chromium's shell, seen in the tests). */
    function whenIdle(fn) {
      if (root.requestIdleCallback) root.requestIdleCallback(fn, { timeout: 1000 });
      else setTimeout(fn, 0);
    }

    /* What the learner does not need yet waits until the page on screen is usable, painted, and
     * the browser idle: the next page's file and parts (so that "Next" does not wait for them),
     * the files of the questions an assessment next would show, and a long course's full menu.
     * Fetched and parsed sooner, the menu (hundreds of entries) held up the page's own files, an
     * assessment's drawn questions most of all. Called whenever a page may have become usable; if
     * the learner has moved on by then, the next page's turn comes instead. A failed fetch is
     * tried again, as silently, on the next one. */
    var due = false;

    function usable() {
      if (due || !settled()) return;
      due = true;
      afterPaint(function () {
        whenIdle(function () {
          due = false;
          if (!settled()) return;
          var n = shown + 1;
          if (n < pages.length) {
            Promise.all([loadPage(n), ctx.chunks.load(n)]).then(function (ok) {
              if (ok[0] && ok[1] && n === ctx.quizPage) ctx.quiz.ahead(); // its part has made ctx.quiz
            });
          }
          if (files && !files.complete()) loadContents(false);
        });
      });
    }

    /* The learner stays where they were; the status line (a live region) says why. */
    function showLoadError() {
      D.setText(doc.getElementById("cb-status"), msg("page_load_failed"));
    }

    /* Page i needs a chunk (player-chunks.js): its content is shown at once, its controls stay
     * inert and nothing is recorded until the chunk has run; then the page is shown for real. If it
     * cannot be loaded, the status line (a live region) says so and the controls stay inert. */
    function showWhileLoading(i, target, focus) {
      var main = doc.getElementById("cb-main");
      var controls = $$("form, .cb-video, [data-cb-kc]", target);
      main.setAttribute("aria-busy", "true");
      controls.forEach(function (el) {
        el.inert = true;
      });
      var h = $("h1", target);
      if (focus) h.focus();
      ctx.chunks.load(i).then(function (ok) {
        if (wanted !== i) return;
        if (!ok) {
          main.removeAttribute("aria-busy");
          D.setText(doc.getElementById("cb-status"), msg("part_load_failed"));
          return usable(); // as usable as it will be: the menu leads elsewhere
        }
        controls.forEach(function (el) {
          el.inert = false;
        });
        show(i, false);
      });
    }

    /* Show page i in the current language (fetching it first if need be); focus its heading. */
    function show(i, focus) {
      var main = doc.getElementById("cb-main");
      wanted = i;
      if (!isLoaded(i)) {
        main.setAttribute("aria-busy", "true");
        ctx.chunks.load(i); // the parts it needs come with it, not after it
        loadPage(i).then(function (ok) {
          if (wanted !== i) return; // the learner went elsewhere meanwhile
          main.removeAttribute("aria-busy");
          if (ok) return show(i, focus);
          wanted = shown; // the learner stays where they were, and that page is usable
          showLoadError();
          usable();
        });
        return;
      }
      var container = doc.getElementById("cb-lang-" + ctx.lang);
      var target = ctx.section(i);
      // only the sections on screen are hidden: a long course may hold hundreds by now
      $$(".cb-page:not([hidden])", container).forEach(function (sec) {
        if (sec !== target) sec.hidden = true;
      });
      target.hidden = false;
      if (visibleSection && visibleSection !== target) ctx.video.stop(visibleSection);
      visibleSection = target;
      shown = i;
      var h = $("h1", target);
      var course = $('.cb-course [data-cb-lang="' + ctx.lang + '"]');
      doc.title = msg("document_title", { page: h.textContent, course: course ? course.textContent : "" });
      if (!ctx.chunks.ready(i)) {
        renderChrome(); // the page is current at once; only recording it as seen waits
        return showWhileLoading(i, target, focus);
      }
      main.removeAttribute("aria-busy");
      if (i !== tracker.state.page) ctx.greeting = false;
      // an attempt begun here is drawn first, so that the page seen saves it: one commit
      var began = i === ctx.quizPage && !tracker.assessmentBlockers().length && tracker.quizBegin(1);
      tracker.pageSeen(i);
      if (began) ctx.quiz.restart();
      if (i === ctx.quizPage) ctx.quiz.render();
      if (i === ctx.pretest.page) ctx.pretest.render();
      ctx.video.render(i);
      renderChrome();
      renderStatus();
      if (focus) h.focus();
      usable(); // then the next page's file and parts, so that "Next" does not wait
    }

    function go(i) {
      if (i < 0 || i >= pages.length) return;
      show(i, true);
    }

    /* The section on screen (null before the first page shows). */
    function visible() {
      return visibleSection;
    }

    /* Close the menu on a narrow screen (it covers the page there). */
    function closeMenuIfNarrow() {
      if (root.matchMedia && root.matchMedia(NARROW).matches) $(".cb-menu").open = false;
    }

    /* Listen to the menu, the to-do links, previous and next. */
    function bind() {
      // one listener for the whole menu: a long course's entries arrive after start
      $(".cb-nav").addEventListener("click", function (e) {
        var a = e.target.closest("a");
        if (a && a.hasAttribute("data-cb-goto")) {
          e.preventDefault();
          go(pageIds.indexOf(a.getAttribute("data-cb-goto")));
          closeMenuIfNarrow();
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
      // the learner opened the menu: its entries now, whatever the page is doing (a menu open in
      // the markup, as on a wide screen, toggles once at start: that is not the learner)
      var menu = $(".cb-menu");
      var menuOpen = menu.open;
      menu.addEventListener("toggle", function () {
        var opened = menu.open && !menuOpen;
        menuOpen = menu.open;
        if (opened) loadContents(false);
      });
      $("[data-cb-prev]").addEventListener("click", function () {
        go(current() - 1);
      });
      $("[data-cb-next]").addEventListener("click", function () {
        go(current() + 1);
      });
    }

    return {
      renderStatus: renderStatus, renderChrome: renderChrome, isLoaded: isLoaded, current: current,
      show: show, go: go, visible: visible, usable: usable, closeMenuIfNarrow: closeMenuIfNarrow, bind: bind
    };
  }

  var api = { create: create };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerNav = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
