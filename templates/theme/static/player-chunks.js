/* coursebuild runtime: player-chunks.js: the runtime's on-demand chunks (docs/runtime-contract.md,
 * "Chunks"). assets/runtime.js holds what launch needs; the question and video parts of the
 * player are in config.chunks, each {name, src, css, pages}: a script and its stylesheet, loaded,
 * once, by a classic <script> and a <link> element when a page in its `pages` is shown, or is
 * next (player-nav.js loads it once the page before is usable), which works in every LMS frame
 * and in the preview. CourseBuild.playerChunks.create(doc, config, loaded):
 *   ready(i)  true when every chunk page i needs has loaded, script and stylesheet
 *   load(i)   resolves true once they have (calling loaded() after each new one), false when one
 *             could not be loaded (a later call fetches again what failed, and only that) */
(function (root) {
  "use strict";

  function create(doc, config, loaded) {
    var chunks = config.chunks || [];
    var done = {}; // chunk name -> true once its script ran and its stylesheet applies
    var pending = {}; // chunk name -> Promise while it loads
    var got = {}; // address -> Promise of its element's load; dropped when it fails

    function needs(i) {
      var id = config.pages[i] && config.pages[i].id;
      return chunks.filter(function (c) {
        return c.pages.indexOf(id) >= 0 && !done[c.name];
      });
    }

    function fetchOne(tag, address) {
      if (!address) return Promise.resolve(true);
      if (got[address]) return got[address];
      got[address] = new Promise(function (resolve) {
        var el = doc.createElement(tag);
        if (tag === "link") {
          el.rel = "stylesheet";
          el.href = address;
        } else el.src = address;
        el.onload = function () {
          resolve(true);
        };
        el.onerror = function () {
          el.remove();
          delete got[address];
          resolve(false);
        };
        // a stylesheet right after the theme's: a brand's extra.css, linked later, still wins
        var theme = tag === "link" && doc.getElementById("cb-css");
        if (theme) theme.parentNode.insertBefore(el, theme.nextSibling);
        else doc.head.appendChild(el);
      });
      return got[address];
    }

    /* The parts are made only once both have loaded: never controls without their rules. */
    function fetchChunk(c) {
      if (pending[c.name]) return pending[c.name];
      pending[c.name] = Promise.all([fetchOne("script", c.src), fetchOne("link", c.css)]).then(function (r) {
        delete pending[c.name];
        if (!r[0] || !r[1]) return false;
        done[c.name] = true;
        loaded(c.name);
        return true;
      });
      return pending[c.name];
    }

    return {
      ready: function (i) {
        return !needs(i).length;
      },
      load: function (i) {
        return Promise.all(needs(i).map(fetchChunk)).then(function (results) {
          return results.indexOf(false) < 0;
        });
      }
    };
  }

  var api = { create: create };
  if (root) (root.CourseBuild = root.CourseBuild || {}).playerChunks = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
