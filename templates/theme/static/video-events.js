/* coursebuild runtime: video-events.js: what embedded players say, as normalised events.
 *
 * YouTube (IFrame API, `enablejsapi=1`: infoDelivery / initialDelivery with `info`) and Vimeo
 * (player.js postMessage API: ready, play, pause, ended, seeked, timeupdate with `data`) report
 * by postMessage, as a JSON string or an object. parse() turns one message into
 *   {player, event, ready, state: "playing"|"paused"|"ended"|undefined, idle (a YouTube player
 *    unstarted or cued: it has not played yet), time, duration, seekTo,
 *    progress (a report of where the player is: YouTube currentTime, Vimeo timeupdate)}
 * or null; watch() listens to one frame (its window and origin only) and hands its events on.
 * Both listeners use it: the player's progress (player-video.js) and the xAPI Video Profile
 * sessions (xapi-video.js).
 */
(function (root) {
  "use strict";

  var YOUTUBE_STATES = { 1: "playing", 2: "paused", 0: "ended" }; // the IFrame API's playerState
  var VIMEO_STATES = { play: "playing", pause: "paused", ended: "ended" };

  /* One player message (string or object) as a normalised event, or null. */
  function parse(kind, raw) {
    var data = raw;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch (e) {
        return null;
      }
    }
    if (!data || typeof data !== "object") return null;
    if (kind === "youtube") {
      var info = data.info;
      if (!info || typeof info !== "object") return null;
      return {
        player: "youtube", event: data.event, ready: false, state: YOUTUBE_STATES[info.playerState],
        idle: info.playerState === -1 || info.playerState === 5, time: info.currentTime, duration: info.duration,
        seekTo: undefined, progress: typeof info.currentTime === "number"
      };
    }
    if (kind === "vimeo" && data.event) {
      var d = data.data || {};
      return {
        player: "vimeo", event: data.event, ready: data.event === "ready", state: VIMEO_STATES[data.event],
        idle: false, time: d.seconds, duration: d.duration, seekTo: data.event === "seeked" ? d.seconds : undefined,
        progress: data.event === "timeupdate" && !!data.data
      };
    }
    return null;
  }

  /* The origin of a player's address ("" if it has none). */
  function originOf(url, base) {
    try {
      return new URL(url, base).origin;
    } catch (e) {
      return "";
    }
  }

  /* Listen to one embedded player: onEvent(event) for each of its messages that parse().
   * -> {origin, post(message)}: post sends a command to that player only. */
  function watch(win, frame, kind, onEvent) {
    var origin = originOf(frame.src, win.location.href);
    win.addEventListener("message", function (e) {
      if (e.source !== frame.contentWindow || e.origin !== origin) return;
      var ev = parse(kind, e.data);
      if (ev) onEvent(ev);
    });
    return {
      origin: origin,
      post: function (message) {
        try {
          frame.contentWindow.postMessage(JSON.stringify(message), origin);
        } catch (e) { /* the player is not there yet */ }
      }
    };
  }

  var api = { parse: parse, watch: watch, originOf: originOf };

  if (root) root.CourseBuild.videoEvents = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
