/* coursebuild runtime: player-video.js: the player's videos: how much of each page's video the
 * learner watched (a <video> file's played ranges; YouTube and Vimeo embeds by what they report,
 * through video-events.js), the "done" button of a link or a note, a local video's audio
 * description (its cues read out, its described version), and stopping what plays on a page the
 * learner leaves. */
(function (root) {
  "use strict";

  var CONTINUOUS_S = 3; // a later time within this many seconds of the last is continuous play

  /* Percent watched of an embedded player, from the times it reports: 1% buckets covered by
   * continuous play (a seek does not count the skipped part). seen: {buckets, last}, updated;
   * -> the percent, or null when the report holds no usable time. */
  function watched(seen, time, duration) {
    if (!(duration > 0) || !(time >= 0)) return null;
    var at = Math.min(99, Math.floor((time / duration) * 100));
    var from = seen.last !== null && time >= seen.last && time - seen.last <= CONTINUOUS_S
      ? Math.floor((seen.last / duration) * 100) : at;
    for (var b = from; b <= at; b++) seen.buckets[b] = 1;
    seen.last = time;
    var n = 0;
    for (b = 0; b < 100; b++) n += seen.buckets[b] || 0;
    return n;
  }

  /* ctx: the player's shared state (player.js): config, langs, msg, section, tracker, videoPages, nav. */
  function create(ctx) {
    var CB = root.CourseBuild;
    var D = CB.dom;
    var $ = D.$;
    var embeds = [];
    var videoNeed = (ctx.config.completion && ctx.config.completion.video) || 0;

    /* Page i's video status line and "done" button, in every language. */
    function render(i) {
      var vi = ctx.videoPages.indexOf(i);
      if (vi < 0) return;
      var pct = ctx.tracker.state.video[vi];
      ctx.langs.forEach(function (l) {
        var sec = ctx.section(i, l);
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
        if (done) D.mark(status, true, ctx.msg("video_done", null, l));
        else D.setText(status, ctx.msg("video_progress", { percent: pct }, l));
        button.hidden = done || !box.hasAttribute("data-cb-declare");
      });
    }

    function progress(i, pct) {
      var vi = ctx.videoPages.indexOf(i);
      var before = ctx.tracker.state.video[vi];
      ctx.tracker.videoProgress(i, pct);
      if (ctx.tracker.state.video[vi] !== before) {
        render(i);
        ctx.nav.renderChrome();
        ctx.nav.renderStatus();
      }
    }

    /* An embedded player (YouTube, Vimeo): its reports of where it is count as watched. */
    function watchEmbed(i, frame, box) {
      var kind = box.getAttribute("data-cb-video");
      var emb = {
        frame: frame, kind: kind, api: /enablejsapi=1/.test(frame.src) || kind === "vimeo",
        seen: { buckets: [], last: null }, duration: undefined, loaded: false, player: null
      };
      embeds.push(emb);
      emb.player = CB.videoEvents.watch(root, frame, kind, function (ev) {
        if (ev.ready) emb.player.post({ method: "addEventListener", value: "timeupdate" });
        if (ev.duration > 0) emb.duration = ev.duration;
        if (!ev.progress) return;
        var n = watched(emb.seen, ev.time, emb.duration);
        if (n !== null) progress(i, n);
      });
      frame.addEventListener("load", function () {
        emb.loaded = true;
        if (kind === "youtube") emb.player.post({ event: "listening", id: embeds.indexOf(emb), channel: "widget" });
        else emb.player.post({ method: "addEventListener", value: "timeupdate" });
      });
    }

    /* Audio description [WCAG 2.1 SC 1.2.5]: browsers do not voice a descriptions track, so its
     * active cue is mirrored into a polite live region that screen readers speak and everyone
     * reads; the described version plays in the same player, from where the learner was. */
    function describe(sec, video) {
      var box = $("[data-cb-description-box]", sec);
      var region = box && $("[data-cb-description]", box);
      var track = null;
      for (var k = 0; k < video.textTracks.length; k++) {
        if (video.textTracks[k].kind === "descriptions") track = video.textTracks[k];
      }
      if (region && track) {
        box.hidden = false;
        track.mode = "hidden"; // its cues load and fire, nothing is drawn over the picture
        track.addEventListener("cuechange", function () {
          var said = [];
          for (var c = 0; c < (track.activeCues || []).length; c++) said.push(track.activeCues[c].text);
          D.setText(region, said.join(" "));
        });
      }
      var button = $("[data-cb-described]", sec);
      var source = $("source", video);
      if (!button || !source) return;
      button.parentNode.hidden = false;
      var plain = [source.getAttribute("src"), source.getAttribute("type")];
      var described = [button.getAttribute("data-cb-described"), button.getAttribute("data-cb-described-type")];
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        var at = video.currentTime, playing = !video.paused;
        var use = on ? described : plain;
        button.setAttribute("aria-pressed", on ? "true" : "false");
        source.setAttribute("src", use[0]);
        if (use[1]) source.setAttribute("type", use[1]);
        // the described version speaks the descriptions itself: the region would repeat them
        if (track) track.mode = on ? "disabled" : "hidden";
        if (region) D.setText(region, "");
        video.addEventListener("loadedmetadata", function resume() {
          video.removeEventListener("loadedmetadata", resume);
          if (at > 0 && at < video.duration) video.currentTime = at;
          if (playing) video.play().catch(function () {});
        });
        video.load();
      });
    }

    /* Listen to page i's players and its "done" button (once it is loaded). */
    function bind(i) {
      if (ctx.videoPages.indexOf(i) < 0) return;
      ctx.langs.forEach(function (l) {
        var sec = ctx.section(i, l);
        if (!sec) return;
        var video = $("video", sec);
        if (video) {
          var update = function () {
            var d = video.duration;
            if (!(d > 0) || !isFinite(d)) return;
            var sum = 0;
            for (var k = 0; k < video.played.length; k++) sum += video.played.end(k) - video.played.start(k);
            progress(i, video.ended ? Math.max(100 * sum / d, 99.5) : (100 * sum) / d);
          };
          ["timeupdate", "pause", "ended"].forEach(function (e) {
            video.addEventListener(e, update);
          });
          describe(sec, video);
        }
        var frame = $("iframe", sec);
        var box = $("[data-cb-video]", sec);
        if (frame && box) watchEmbed(i, frame, box);
        var button = $("[data-cb-video-done]", sec);
        if (button) {
          button.addEventListener("click", function () {
            progress(i, 100);
            var status = $("[data-cb-video-status]", sec);
            status.setAttribute("tabindex", "-1");
            status.focus();
          });
        }
      });
    }

    /* Stop what plays in a section the learner leaves (hidden players keep playing). */
    function stop(sec) {
      D.$$("video", sec).forEach(function (v) {
        if (!v.paused) v.pause();
      });
      embeds.forEach(function (emb) {
        if (!sec.contains(emb.frame) || !emb.loaded) return;
        if (emb.kind === "vimeo") emb.player.post({ method: "pause" });
        else if (emb.api) emb.player.post({ event: "command", func: "pauseVideo", args: "" });
        else emb.frame.src = emb.frame.src; // no player API: reloading is the only way to stop it
      });
    }

    return { render: render, bind: bind, stop: stop };
  }

  var api = { create: create, watched: watched };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerVideo = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
