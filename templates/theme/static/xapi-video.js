/* coursebuild runtime: xapi-video.js: xAPI Video Profile statements [xAPI Video Profile 1.0 §2].
 *
 * createSession (pure) turns what a player does into the Profile's statements, as
 * builder/xapi/statements.py models them: initialized (its id is the session-id), played (time),
 * paused (time, progress, played-segments), seeked (time-from, time-to), completed once when the
 * progress reaches the threshold (completion: true, duration = time watched), terminated (time,
 * progress, played-segments) last. Context extensions on every statement: session-id, length,
 * completion-threshold when it is not 1 (the course's video percent, 1–99). Times are seconds
 * with at most 3 decimals; progress 0–1 with 3 decimals, over what this session and the earlier
 * ones of the resume state played (their 1% parts), as the course counts it (player-video.js).
 *
 * bind() (DOM) feeds sessions from the videos the player measures: a <video>
 * file (play, pause, seeking, timeupdate), a YouTube embed with the JS API (infoDelivery:
 * state, current time, duration) and Vimeo (its play, pause, seeked, ended, timeupdate
 * events), the embeds' messages as video-events.js normalises them. A link card or a video without an address reports nothing (docs/xapi.md).
 */
(function (root) {
  "use strict";

  var E = root ? root.CourseBuild.videoEvents : require("./video-events.js");
  var EXT = "https://w3id.org/xapi/video/extensions/";
  var MEASURED = ["file", "youtube", "vimeo"];
  var SEEK_SLACK_S = 1.5; // a jump in time larger than the clock moved (plus this) is a seek

  function r3(x) {
    return Math.round(x * 1000) / 1000;
  }

  /* Total length of the union of [start, end] segments. */
  function covered(segments) {
    var sorted = segments.slice().sort(function (a, b) {
      return a[0] - b[0];
    });
    var total = 0;
    var end = -Infinity;
    sorted.forEach(function (s) {
      var from = Math.max(s[0], end);
      if (s[1] > from) total += s[1] - from;
      end = Math.max(end, s[1]);
    });
    return total;
  }

  /* o: {length (s), threshold (0..1), send(verb, {result, extensions, id}), newId(), duration(ms),
   * before: the [from, to] segments watched in earlier sessions: progress and played-segments
   * cover the registration [xAPI Video Profile 1.0 §2.5.4.4]} */
  function createSession(o) {
    var length = o.length;
    var threshold = o.threshold > 0 && o.threshold < 1 ? o.threshold : 1;
    var id = o.newId();
    var segments = (o.before || []).slice();
    var open = null;
    var started = false;
    var completed = progress(0) >= threshold; // then, in an earlier session
    var ended = false;
    var context = {};
    context[EXT + "session-id"] = id;
    context[EXT + "length"] = r3(length);
    if (threshold < 1) context[EXT + "completion-threshold"] = threshold;

    function all(at) {
      return open !== null && at > open ? segments.concat([[open, at]]) : segments;
    }

    function progress(at) {
      return Math.min(1, r3(covered(all(at)) / length));
    }

    function state(at) {
      var r = {};
      r[EXT + "time"] = r3(at);
      r[EXT + "progress"] = progress(at);
      r[EXT + "played-segments"] = all(at).map(function (s) {
        return r3(s[0]) + "[.]" + r3(s[1]);
      }).join("[,]");
      return r;
    }

    function send(verb, result, statementId) {
      o.send(verb, { result: result, extensions: context, id: statementId });
    }

    function start() {
      if (started) return;
      started = true;
      send("initialized", null, id);
    }

    function close(at) {
      if (open !== null && at > open) segments.push([open, Math.min(at, length)]);
      open = null;
    }

    function check(at) {
      if (completed || progress(at) < threshold) return;
      completed = true;
      var watched = covered(all(at));
      send("completed", { extensions: state(at), completion: true, duration: o.duration(watched * 1000) });
    }

    return {
      id: id,
      play: function (at) {
        if (ended || open !== null) return;
        start();
        open = at;
        var r = {};
        r[EXT + "time"] = r3(at);
        send("played", { extensions: r });
      },
      pause: function (at) {
        if (ended || open === null) return;
        var r = state(at);
        close(at);
        send("paused", { extensions: r });
        check(at);
      },
      seek: function (from, to) {
        if (ended || !started || from === to) return;
        var playing = open !== null;
        close(from);
        var r = {};
        r[EXT + "time-from"] = r3(from);
        r[EXT + "time-to"] = r3(to);
        send("seeked", { extensions: r });
        if (playing) open = to;
      },
      tick: function (at) {
        if (!ended && open !== null) check(at);
      },
      end: function (at) {
        if (ended || !started) return;
        if (open !== null) this.pause(at);
        ended = true;
        send("terminated", { extensions: state(at) });
      },
      playing: function () {
        return open !== null;
      },
      ended: function () {
        return ended;
      }
    };
  }

  /* A normalised player event (video-events.js) as the observer's sample
   * {state: "playing"|"paused"|"ended"|undefined, time, duration, seekTo}, or null: YouTube's
   * infoDelivery reports; Vimeo's play, pause, ended, seeked and timeupdate. */
  function sample(ev) {
    if (!ev) return null;
    var s = { state: ev.state, time: ev.time, duration: ev.duration };
    if (ev.player === "youtube") return ev.event === "infoDelivery" ? s : null;
    if (ev.event === "seeked") s.seekTo = ev.seekTo;
    return ev.state || ev.event === "seeked" || ev.event === "timeupdate" ? s : null;
  }

  /* An embed's message (string or object) as the observer's sample, or null. */
  function embedSample(kind, data) {
    return sample(E.parse(kind, data));
  }

  /* Drive a session from samples of an embedded player. session(length) makes it on first use.
   * A play whose sample has `from` is one the course moves there (player-video.js, the resume
   * point): the session plays from it [xAPI Video Profile 1.0 §2.5.4.1 played: time], and what
   * the player says until it is there (its times from before, its seeked) is no seek. */
  function createObserver(session, nowMs) {
    var s = null;
    var length = null;
    var last = null;
    var wall = null;
    var playing = false;
    var moving = null; // where the course moves the video: not arrived yet

    /* A time further from the last than the clock moved (plus slack): the learner moved it. */
    function jumped(time) {
      var moved = (nowMs() - wall) / 1000;
      return typeof time === "number" && last !== null && Math.abs(time - last - moved) > SEEK_SLACK_S + moved * 0.1;
    }

    return function observe(x) {
      if (!x) return;
      if (x.duration > 0) length = x.duration;
      if (moving !== null && !x.state) {
        var seek = x.seekTo != null;
        var near = Math.abs((seek ? x.seekTo : x.time) - moving) <= SEEK_SLACK_S;
        if (seek && near) { // its seeked: it is there
          moving = null;
          last = x.seekTo;
          wall = nowMs();
          return;
        }
        if (!seek && !near) return; // a time from before it got there
      }
      if (x.state || x.seekTo != null) moving = null;
      var t = typeof x.time === "number" ? x.time : last;
      if (x.seekTo != null && s && last !== null) {
        s.seek(last, x.seekTo);
        last = x.seekTo;
        wall = nowMs();
        return;
      }
      if (x.state === "playing" && !playing && t != null && (s = s && !s.ended() ? s : session(length))) {
        playing = true;
        if (x.from != null) moving = t = x.from;
        s.play(t);
      } else if (x.state && x.state !== "playing" && playing && s) {
        playing = false;
        // dragged to the end (or elsewhere) with no time said on the way: a seek, then the stop
        if (jumped(x.time)) s.seek(last, x.time);
        s.pause(x.state === "ended" && length ? length : t);
      } else if (playing && s && typeof x.time === "number" && last !== null) {
        if (jumped(x.time)) s.seek(last, x.time);
        else s.tick(x.time);
      }
      if (t != null) {
        last = t;
        wall = nowMs();
      }
    };
  }

  /* Sessions for the measured videos of the page, reported through core.video(). */
  function bind(win, core, config) {
    var doc = win.document;
    var X = win.CourseBuild.xapi;
    var open = [];
    var threshold = ((config.completion && config.completion.video) || 0) / 100;

    /* A session for a page's video; time() tells where the player is (to end it there). */
    function sessionFor(pageId, length, time) {
      if (!(length > 0)) return null; // the Profile requires the length [xAPI Video Profile 1.0 §2.6.2.13; docs/xapi.md]
      var PV = win.CourseBuild.playerVideo; // the video chunk: what earlier sessions watched
      var s = createSession({
        length: length, threshold: threshold, newId: core.newId, duration: X.duration,
        before: PV && PV.before && PV.before(pageId, length),
        send: function (verb, opts) {
          core.video(pageId, verb, opts);
        }
      });
      open.push({ page: pageId, session: s, time: time });
      return s;
    }

    function configured(pageId) {
      for (var i = 0; i < config.pages.length; i++) {
        var p = config.pages[i];
        if (p.id === pageId && p.video) return p.video.duration || null;
      }
      return null;
    }

    function endAll(keepPage) {
      open = open.filter(function (o) {
        if (o.page === keepPage) return true;
        o.session.end(o.time());
        return false;
      });
    }

    Array.prototype.forEach.call(doc.querySelectorAll("[data-cb-page] [data-cb-video]"), function (box) {
      var kind = box.getAttribute("data-cb-video");
      if (MEASURED.indexOf(kind) < 0) return;
      var pageId = box.closest("[data-cb-page]").getAttribute("data-cb-page");
      var video = box.querySelector("video");
      if (video) {
        var s = null;
        var last = 0;
        var entry = function () {
          if (!s || s.ended()) { // a session terminated (its page was left) is over: a new one
            var d = isFinite(video.duration) && video.duration > 0 ? video.duration : configured(pageId);
            s = sessionFor(pageId, d, function () {
              return video.currentTime;
            });
          }
          return s;
        };
        video.addEventListener("play", function () {
          if (entry()) s.play(video.currentTime);
        });
        video.addEventListener("pause", function () {
          if (s) s.pause(video.ended && isFinite(video.duration) ? video.duration : video.currentTime);
        });
        video.addEventListener("seeking", function () {
          if (s) s.seek(last, video.currentTime);
          last = video.currentTime;
        });
        video.addEventListener("timeupdate", function () {
          if (video.seeking) return;
          last = video.currentTime;
          if (s) s.tick(last);
        });
        return;
      }
      var frame = box.querySelector("iframe");
      if (!frame || (kind === "youtube" && !/enablejsapi=1/.test(frame.src))) return;
      var current = 0;
      var observe = createObserver(function (length) {
        return sessionFor(pageId, length || configured(pageId), function () {
          return current;
        });
      }, function () {
        return Date.now();
      });
      var player = E.watch(win, frame, kind, function (ev) {
        if (ev.ready) {
          ["play", "pause", "ended", "seeked"].forEach(function (name) {
            player.post({ method: "addEventListener", value: name });
          });
        }
        var x = sample(ev);
        var PV = win.CourseBuild.playerVideo;
        if (x && x.state === "playing" && PV && PV.moving) x.from = PV.moving(frame, ev);
        if (x && typeof x.time === "number") current = x.time;
        observe(x);
      });
    });

    core.on("page", endAll);   // leaving the page ends its video session
    core.on("finish", function () {
      endAll(null);            // before the course's terminated
    });
  }

  var api = { EXT: EXT, MEASURED: MEASURED, covered: covered, createSession: createSession, sample: sample, embedSample: embedSample, createObserver: createObserver, bind: bind };

  if (root) root.CourseBuild.xapiVideo = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
