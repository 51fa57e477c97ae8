/* coursebuild runtime: player-video.js: the player's videos: how much of each page's video the
 * learner watched (a <video> file's played ranges; YouTube and Vimeo embeds by what they report,
 * through video-events.js), the "done" button of a link or a note, a local video's audio
 * description (its cues read out, its described version), and stopping what plays on a page the
 * learner leaves. What was watched counts across sessions: the resume state keeps, per video,
 * the 1% parts watched and where the learner left it (state.js FORMAT, W); every video starts
 * again there (resumer() for YouTube and Vimeo). Where it is reaches the LMS when the learner
 * pauses it (tracker.suspend: a commit only when something changed), not at each timeupdate. */
(function (root) {
  "use strict";

  var C = root ? (root.CourseBuild || {}).stateCodec : require("./state-codec.js"); // at launch
  var SEEK_SLACK_S = 1.5; // as xapi-video.js: a jump in time the clock does not account for (plus this) is a seek
  var END_SLACK_S = 0.5; // a video that ended: its last frame may stop this short of its duration
  var SEAM_S = 0.05; // ranges this close are one: a seek lands on a frame, not on the exact time
  var EPSILON = 1e-6;
  var START_S = 1; // an embed reporting a time under this is at its beginning

  /* What the resume state keeps of a video (state.js FORMAT, W), or ""
   * -> {at: where the learner left it, per mille; parts: 100 of 0|1, the 1% parts watched}. */
  function kept(entry) {
    var bits = entry && entry.length === 27 ? C.unbitmap(entry.slice(2), 100) : [];
    var parts = [];
    for (var b = 0; b < 100; b++) parts.push(bits[b] ? 1 : 0);
    return { at: bits.length ? C.int36(entry.slice(0, 2)) : 0, parts: parts };
  }

  function keep(at, parts) {
    return C.b36(Math.max(0, Math.min(999, Math.floor(at))), 2) + C.bitmap(parts);
  }

  /* The parts watched as [from, to] seconds of a video of `length` seconds. */
  function segments(parts, length) {
    var out = [];
    for (var b = 0; b < 100; b++) {
      if (!parts[b]) continue;
      if (b && parts[b - 1]) out[out.length - 1][1] = ((b + 1) * length) / 100;
      else out.push([(b * length) / 100, ((b + 1) * length) / 100]);
    }
    return out;
  }

  /* Percent of a video of d seconds watched: the union of the parts kept and the ranges played
   * ([from, to] seconds); each 1% part the ranges cover whole is added to parts. */
  function counted(parts, ranges, d) {
    var all = ranges.concat(segments(parts, d)).sort(function (x, y) {
      return x[0] - y[0];
    });
    var total = 0, end = 0;
    all.forEach(function (r) {
      if (r[1] > end) total += r[1] - (r[0] - SEAM_S < end ? end : r[0]);
      end = Math.max(end, r[1]);
    });
    ranges.forEach(function (r) {
      var b = Math.max(0, Math.ceil((100 * r[0]) / d - EPSILON));
      for (; b < 100 && ((b + 1) * d) / 100 <= r[1] + EPSILON; b++) parts[b] = 1;
    });
    return Math.min(100, Math.floor((100 * total) / d + EPSILON));
  }

  /* A <video> file's played ranges [from, to] seconds: a range that ended within END_SLACK_S of
   * the end runs to it, and a video that ended adds its last 1% part, as an embed that ended
   * (watched()): the one report every player gives of its end, dragged there or not. */
  function played(video) {
    var d = video.duration, ranges = [];
    for (var k = 0; k < video.played.length; k++) {
      var end = video.played.end(k);
      ranges.push([video.played.start(k), video.ended && end >= d - END_SLACK_S ? d : end]);
    }
    if (video.ended) ranges.push([d - d / 100, d]);
    return ranges;
  }

  /* Runs [from, to] as one where they meet or overlap (a file's played ranges are so). */
  function merge(runs) {
    var out = [];
    runs.slice().sort(function (x, y) {
      return x[0] - y[0];
    }).forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] - SEAM_S <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r.slice());
    });
    return out;
  }

  /* Percent watched of an embedded player, from its reports (video-events.js) at `now` (ms): the
   * runs of continuous play are its played ranges, marked by counted() as a file's (a part begun
   * is not a part watched). A run starts where play starts (unless where it paused, within
   * END_SLACK_S) and at each seek, a jump in time the clock does not account for (as
   * xapi-video.js); under START_S it starts at 0 (its first frames
   * are reported late); it ends where it stopped playing, or at the end once it ended within
   * END_SLACK_S of it, with the last 1% part (played()). A time reported before it plays
   * (unstarted, cued: YouTube may report that time apart from the state), or once paused, is no
   * play. seen: {buckets, playing, runs, wall}, updated; -> the percent, or null when nothing counts. */
  function watched(seen, ev, duration, now) {
    var time = ev.time, was = seen.playing, end = ev.state === "ended";
    if (ev.state || ev.idle) seen.playing = ev.state === "playing";
    if (!(was || seen.playing) || !(duration > 0) || !(time >= 0)) return null;
    var runs = seen.runs = seen.runs || [], run = runs[runs.length - 1];
    var moved = (now - seen.wall) / 1000 || 0, gap = run ? time - run[1] : -1;
    seen.wall = now;
    // played again where it paused (its first time said a little late), or played on: the same run
    if (!run || (was ? Math.abs(gap - moved) > SEEK_SLACK_S + moved * 0.1 : gap < 0 || gap > END_SLACK_S)) {
      runs.push(run = [time < START_S ? 0 : time, time]);
    }
    run[1] = Math.max(run[1], time);
    if (!ev.progress && !end) return null; // where the play starts (Vimeo's play, seeked)
    if (end && time >= duration - END_SLACK_S) runs.push([(run[1] = duration) * 0.99, duration]);
    counted(seen.buckets, merge(runs), duration); // the parts the runs cover whole
    for (var n = 0, b = 0; b < 100; b++) n += seen.buckets[b] || 0;
    return n;
  }

  /* Where an embedded player starts again, from `at` (per mille, kept()) of its `length` seconds,
   * before the learner plays it this session, never after. -> resume(event, length): the message
   * to post to the player, or null. YouTube cues the video from there, which plays nothing
   * (cueVideoById; seekTo would play a cued video) [YouTube IFrame Player API, "Queueing
   * functions"]; Vimeo's setCurrentTime starts a video that has not played [Vimeo player.js,
   * setCurrentTime], so it moves when the learner starts it from its beginning. resume(event,
   * length, true) only tells. */
  function resumer(kind, at, videoId) {
    var done = at < 10 || (kind === "youtube" && !videoId);
    function decide(ev, length) { // -> [no resume after this event, the message]
      var start = (Math.floor(at / 10) / 100) * length;
      if (kind === "youtube") {
        if (ev.state || ev.time >= START_S) return [true, null]; // the learner plays it, or moved it
        if (!ev.idle || !(length > 0)) return [false, null];
        return [true, { event: "command", func: "cueVideoById", args: [{ videoId: videoId, startSeconds: start }] }];
      }
      var begun = ev.time >= START_S; // moved, or started elsewhere, by the learner
      if (ev.state !== "playing" && !begun) return [false, null];
      return [true, !begun && length > 0 ? { method: "setCurrentTime", value: start } : null];
    }
    return function (ev, length, peek) { // peek: what it would post, nothing decided
      if (done) return null;
      var d = decide(ev, length);
      if (!peek) done = d[0];
      return d[1];
    };
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

    function progress(i, pct, watched) {
      var vi = ctx.videoPages.indexOf(i);
      var before = ctx.tracker.state.video[vi];
      ctx.tracker.videoProgress(i, pct, watched);
      if (ctx.tracker.state.video[vi] !== before) {
        render(i);
        ctx.nav.renderChrome();
        ctx.nav.renderStatus();
      }
    }

    /* An embedded player (YouTube, Vimeo): its reports of where it is count as watched, with the
     * parts watched in earlier sessions (was: kept()); it starts again where the learner left it
     * (resumer), and where it is reaches the LMS when it pauses or ends. */
    function watchEmbed(i, frame, box, was) {
      var kind = box.getAttribute("data-cb-video");
      var id = /\/embed\/([\w-]{11})/.exec(frame.src);
      var emb = {
        frame: frame, kind: kind, api: /enablejsapi=1/.test(frame.src) || kind === "vimeo",
        seen: { buckets: was.parts, playing: false }, duration: (ctx.config.pages[i].video || {}).duration,
        loaded: false, player: null, resume: resumer(kind, was.at, id && id[1])
      };
      var listen = function () {
        ["timeupdate", "play", "pause", "ended"].forEach(function (e) {
          emb.player.post({ method: "addEventListener", value: e });
        });
      };
      embeds.push(emb);
      emb.player = CB.videoEvents.watch(root, frame, kind, function (ev) {
        if (ev.ready) listen();
        if (ev.duration > 0) emb.duration = ev.duration;
        var command = emb.resume(ev, emb.duration);
        if (command) emb.player.post(command);
        var n = watched(emb.seen, ev, emb.duration, Date.now());
        if (n !== null) progress(i, n, keep((was.at = (1000 * ev.time) / emb.duration), was.parts));
        if (ev.state === "ended") ctx.tracker.videoProgress(i, 0, keep((was.at = 0), was.parts)); // again from 0
        if (ev.state === "paused" || ev.state === "ended") ctx.tracker.suspend();
      });
      var hello = function () {
        if (kind === "youtube") emb.player.post({ event: "listening", id: embeds.indexOf(emb), channel: "widget" });
        else listen();
      };
      frame.addEventListener("load", function () {
        emb.loaded = true;
        hello();
      });
      hello(); // a frame that loaded before this chunk did fires no load (and said "ready" to no one)
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

    /* The parts of page `pageId`'s video watched so far, as [from, to] seconds of `length`
     * (xapi-video.js starts a Video Profile session with them). */
    api.before = function (pageId, length) {
      var vi = ctx.videoPages.indexOf(ctx.pageIds.indexOf(pageId));
      return vi < 0 ? [] : segments(kept(ctx.tracker.state.watched[vi]).parts, length);
    };

    /* Where the course moves `frame`'s video at this event (Vimeo's first play: the resume
     * point, seconds), or null; asked, not done: xapi-video.js hears the event first and starts
     * its session there, as the learner's session starts there, not as a seek of theirs. */
    api.moving = function (frame, ev) {
      for (var k = 0; k < embeds.length; k++) {
        var emb = embeds[k];
        var c = emb.frame === frame && emb.resume(ev, ev.duration > 0 ? ev.duration : emb.duration, true);
        if (c) return c.method === "setCurrentTime" ? c.value : null;
      }
      return null;
    };

    /* Listen to page i's players and its "done" button (once it is loaded). */
    function bind(i) {
      var vi = ctx.videoPages.indexOf(i);
      if (vi < 0) return;
      var was = kept(ctx.tracker.state.watched[vi]); // both languages' players add to its parts
      ctx.langs.forEach(function (l) {
        var sec = ctx.section(i, l);
        if (!sec) return;
        var video = $("video", sec);
        if (video) {
          // only what was played counts (played())
          var update = function () {
            var d = video.duration;
            if (!(d > 0) || !isFinite(d)) return;
            if (!video.seeking) was.at = video.ended ? 0 : (1000 * video.currentTime) / d;
            progress(i, counted(was.parts, played(video), d), keep(was.at, was.parts));
          };
          video.addEventListener("timeupdate", update);
          ["pause", "ended"].forEach(function (e) {
            video.addEventListener(e, function () {
              update();
              ctx.tracker.suspend(); // where it stopped, to the LMS now: a closed lid loses nothing
            });
          });
          // where the learner left it in an earlier session, from the start of that 1% part
          var resume = function () {
            if (was.at < 10 || video.currentTime || !(video.duration > 0)) return;
            video.currentTime = (Math.floor(was.at / 10) / 100) * video.duration;
          };
          if (video.readyState >= 1) resume();
          else video.addEventListener("loadedmetadata", resume, { once: true });
          describe(sec, video);
        }
        var frame = $("iframe", sec);
        var box = $("[data-cb-video]", sec);
        if (frame && box) watchEmbed(i, frame, box, was);
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

  var api = {
    create: create, watched: watched, played: played, kept: kept, keep: keep, segments: segments, counted: counted,
    resumer: resumer
  };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerVideo = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
