/* coursebuild runtime: player-order.js: the view of the question types that are not picked
 * from a list: an ordering question's items, moved with "Move up" / "Move down" buttons (the
 * keyboard and a screen reader first: the moved item keeps the focus, a live region says where
 * it went), and a survey (likert) question's neutral acknowledgement, never a verdict. */
(function (root) {
  "use strict";

  function items(li) {
    return Array.prototype.slice.call(li.querySelectorAll("[data-cb-item]"));
  }

  /* The arrangement shown: the item ids, top to bottom. */
  function read(li) {
    return items(li).map(function (el) {
      return el.getAttribute("data-cb-item");
    });
  }

  /* Show arrangement `a` (null, not arranged yet: the items after the first, then the first:
   * never the correct order); the first item cannot move up, the last cannot move down. */
  function write(li, q, a) {
    var order = a || q.items.slice(1).concat(q.items.slice(0, 1));
    var list = li.querySelector("[data-cb-order]");
    var W = root.CourseBuild.playerQuestions;
    W.arrange(list, order.map(function (id) {
      return list.querySelector('[data-cb-item="' + id + '"]');
    }));
    items(li).forEach(function (el, i, all) {
      W.put(el.querySelector('[data-cb-move="-1"]'), "disabled", i === 0);
      W.put(el.querySelector('[data-cb-move="1"]'), "disabled", i === all.length - 1);
    });
  }

  /* A move button was pressed: move its item one place, keep the focus on the item (on its
   * other button when this one cannot move it further), say where it is. Returns the new
   * arrangement, or null when the item cannot move that way. */
  function move(li, q, button, msg) {
    var el = button.closest("[data-cb-item]");
    var order = read(li);
    var from = order.indexOf(el.getAttribute("data-cb-item"));
    var to = from + Number(button.getAttribute("data-cb-move"));
    if (from < 0 || to < 0 || to >= order.length) return null;
    order.splice(to, 0, order.splice(from, 1)[0]);
    write(li, q, order);
    var focus = button.disabled ? el.querySelector("[data-cb-move]:not([disabled])") : button;
    if (focus) focus.focus();
    var text = el.querySelector(".cb-order-text");
    var live = li.querySelector("[data-cb-order-live]");
    live.textContent = msg("order_moved", { item: text ? text.textContent : "", n: to + 1, total: order.length });
    return order;
  }

  /* A survey answer's feedback: that it is recorded, never right or wrong. */
  function survey(li, checked, text) {
    var W = root.CourseBuild.playerQuestions;
    var verdict = li.querySelector("[data-cb-verdict]");
    W.put(verdict, "hidden", !checked);
    if (verdict.classList.contains("cb-ok") || verdict.classList.contains("cb-bad")) verdict.classList.remove("cb-ok", "cb-bad");
    W.put(verdict, "textContent", checked ? text : "");
    Array.prototype.forEach.call(li.querySelectorAll("[data-cb-fb]"), function (p) {
      W.put(p, "hidden", true);
    });
  }

  var api = { read: read, write: write, move: move, survey: survey };

  if (root) (root.CourseBuild = root.CourseBuild || {}).playerOrder = api;
  if (typeof module !== "undefined") module.exports = api;
})(typeof window !== "undefined" ? window : null);
