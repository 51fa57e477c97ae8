/* coursebuild runtime: page-files.js: the modules of a long course that index.html leaves out
 * (docs/runtime-contract.md, "Long courses"). Shipped only in packages that have page files and
 * loaded before player.js, which drives it through CourseBuild.pageFiles.create(doc, config,
 * hooks):
 *   load(i)      fetch page i's file (config.pages[i].src, the address the builder gave the
 *                templates), put its sections (one per language) in course order; resolves true
 *                once they are in the document, false when the file could not be loaded.
 *   contents()   fetch the table of contents (config.contents) and add to each language's menu
 *                list the modules it does not list, in course order; resolves true once the menu
 *                lists every module (at once if it already does), false on failure. One fetch at
 *                a time; after a failure the next call fetches again (player-nav.js decides when).
 * Fetched HTML is parsed with DOMParser (nothing in it runs) and only the module's sections, or
 * the menu entries of the course's own modules, are taken from it.
 * hooks: section(i, l) -> page i's section in language l, or null;
 *        placed(i)     page i's sections are in the document (bind their controls);
 *        filled()      the menu lists every module (mark progress and the current page).
 * CourseBuild.pageFiles.questions(doc, base, langs, ids, list): a drawn pool split into files
 * (config.assessment.questionFiles, "Question files"): fetches, in parallel, base + id + ".html"
 * for each id and puts its <li> (one per language, hidden) at the end of list(l); resolves true
 * once every one is in the document, false if any could not be (those that came stay). */
(function (root) {
  "use strict";

  function fetchDocument(src) {
    return fetch(src, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
  }

  var asked = {}; // question file -> Promise while it loads

  // A question's <li> is known by its data-cb-q in its list, not by its element id: taking
  // another element for it (a question "x-a" once had the id of the choice "a" of "x", before
  // ids took "_") made the player fetch it again, forever, in one task.
  function inList(to, id) {
    return to.querySelector('[data-cb-q="' + id + '"]');
  }

  function question(doc, src, langs, id, list) {
    if (langs.every(function (l) { return inList(list(l), id); })) return Promise.resolve(true);
    if (asked[src]) return asked[src];
    asked[src] = fetchDocument(src)
      .then(function (file) {
        var fresh = langs.map(function (l) {
          var ol = file.querySelector('[data-cb-lang="' + l + '"]');
          return ol && inList(ol, id);
        });
        if (fresh.indexOf(null) >= 0) return false; // not this question's file
        langs.forEach(function (l, k) {
          var to = list(l);
          if (inList(to, id)) return;
          var li = doc.importNode(fresh[k], true);
          li.hidden = true; // shown by the player, like every question
          to.appendChild(li);
        });
        return true;
      })
      .catch(function () {
        return false;
      })
      .then(function (ok) {
        delete asked[src];
        return ok;
      });
    return asked[src];
  }

  function questions(doc, base, langs, ids, list) {
    return Promise.all(
      ids.map(function (id) {
        return question(doc, base + id + ".html", langs, id, list);
      })
    ).then(function (results) {
      return results.indexOf(false) < 0;
    });
  }

  function create(doc, config, hooks) {
    var langs = config.languages;
    var pages = config.pages;
    var ids = pages.map(function (p) {
      return p.id;
    });
    var pending = {}; // page index -> Promise of its page file while it loads
    var contents = null; // Promise of the table of contents while it loads
    var complete = false; // the menu lists every module

    function isLoaded(i) {
      return !!hooks.section(i, langs[0]);
    }

    function load(i) {
      if (isLoaded(i)) return Promise.resolve(true);
      var src = pages[i] && pages[i].src;
      if (!src) return Promise.resolve(false);
      if (pending[i]) return pending[i];
      pending[i] = fetchDocument(src)
        .then(function (file) {
          var fresh = langs.map(function (l) {
            return file.getElementById(l + "_" + ids[i]);
          });
          if (fresh.indexOf(null) >= 0 || isLoaded(i)) return isLoaded(i);
          langs.forEach(function (l, k) {
            var sec = doc.importNode(fresh[k], true);
            sec.hidden = true; // shown by the player, like every section
            var after = null;
            for (var j = i + 1; j < pages.length && !after; j++) after = hooks.section(j, l);
            doc.getElementById("cb-lang-" + l).insertBefore(sec, after);
          });
          hooks.placed(i);
          return true;
        })
        .catch(function () {
          return false;
        })
        .then(function (ok) {
          delete pending[i];
          return ok;
        });
      return pending[i];
    }

    function menuList(scope, l) {
      return scope.querySelector('.cb-menu-list[data-cb-lang="' + l + '"]');
    }

    function entryId(li) {
      var a = li.querySelector("[data-cb-goto]");
      var id = a ? a.getAttribute("data-cb-goto") : null;
      return ids.indexOf(id) >= 0 ? id : null;
    }

    /* Add the entries `from` has and `list` lacks, each after the one before it in course
     * order; the entries already there (and the focus, if one has it) stay as they are. */
    function merge(list, from, l) {
      var have = {};
      var added = [];
      Array.prototype.forEach.call(list.children, function (li) {
        var id = entryId(li);
        if (id) have[id] = li;
      });
      var prev = null;
      Array.prototype.forEach.call(from.children, function (li) {
        var id = li.tagName === "LI" ? entryId(li) : null;
        if (!id) return;
        if (!have[id]) {
          var item = doc.importNode(li, true);
          var src = pages[ids.indexOf(id)].src;
          item.querySelector("[data-cb-goto]").setAttribute("href", src || "#" + l + "_" + id);
          list.insertBefore(item, prev ? prev.nextSibling : list.firstChild);
          have[id] = item;
          added.push(item);
        }
        prev = have[id];
      });
      return added;
    }

    function fill(file) {
      var from = langs.map(function (l) {
        return menuList(file, l);
      });
      var into = langs.map(function (l) {
        return menuList(doc.querySelector(".cb-nav"), l);
      });
      if (from.indexOf(null) >= 0 || into.indexOf(null) >= 0) return false; // not our contents
      var focused = doc.activeElement;
      langs.forEach(function (l, k) {
        var added = merge(into[k], from[k], l);
        // the link to the contents has done its work: it goes, and if it had the focus, the
        // focus goes to the first module it stood for (never to the top of the document)
        var more = doc.querySelector('.cb-menu-more[data-cb-lang="' + l + '"]');
        if (!more) return;
        var had = more.contains(focused);
        more.parentNode.removeChild(more);
        var next = added[0] || into[k].lastElementChild;
        if (had && next) next.querySelector("a").focus();
      });
      return true;
    }

    function loadContents() {
      if (complete || !config.contents) return Promise.resolve(complete);
      if (contents) return contents;
      contents = fetchDocument(config.contents)
        .then(function (file) {
          complete = fill(file);
          if (complete) hooks.filled();
          return complete;
        })
        .catch(function () {
          return false;
        })
        .then(function (ok) {
          contents = null;
          return ok;
        });
      return contents;
    }

    return {
      isLoaded: isLoaded,
      load: load,
      contents: loadContents,
      complete: function () {
        return complete;
      }
    };
  }

  (root.CourseBuild = root.CourseBuild || {}).pageFiles = { create: create, questions: questions };
})(window);
