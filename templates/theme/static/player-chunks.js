/* coursebuild runtime: player-chunks.js: the runtime's on-demand chunks (docs/runtime-contract.md,
 * "Chunks"). assets/runtime.js holds what launch needs; the question and video parts of the
 * player are in config.chunks, each {name, src, pages}: a script loaded, once, by a classic
 * <script> element when a page in its `pages` is shown (which works in every LMS frame and in the
 * preview). CourseBuild.playerChunks.create(doc, config, loaded):
 *   ready(i)  true when every chunk page i needs has run
 *   load(i)   resolves true once they have (calling loaded() after each new one), false when one
 *             could not be loaded (a later call tries again) */
(function (root) {
  "use strict";

  function create(doc, config, loaded) {
    var chunks = config.chunks || [];
    var done = {}; // chunk name -> true once its script ran
    var pending = {}; // chunk name -> Promise while its script loads

    function needs(i) {
      var id = config.pages[i] && config.pages[i].id;
      return chunks.filter(function (c) {
        return c.pages.indexOf(id) >= 0 && !done[c.name];
      });
    }

    function fetchChunk(c) {
      if (pending[c.name]) return pending[c.name];
      pending[c.name] = new Promise(function (resolve) {
        var script = doc.createElement("script");
        script.src = c.src;
        script.onload = function () {
          done[c.name] = true;
          loaded(c.name);
          resolve(true);
        };
        script.onerror = function () {
          script.remove();
          delete pending[c.name];
          resolve(false);
        };
        doc.head.appendChild(script);
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
