/* The incident header's norm badges count down live: every badge with `data-deadline`
   (seconds since 1970) rewrites its text each second from `data-left` / `data-over`
   ("{t}" is the time, written with the header's `data-fmt-*` forms, as the server writes it:
   minutes left rounded up, minutes over rounded down) and turns from "hard" to "bad" when the
   deadline passes. The server's text stays as it is without script.

   Screen readers hear it through one polite live region, not the badges themselves (which
   would speak every minute): only at 15, 10, 5 and 1 minute left and when the norm is
   exceeded, and never more than once a minute (a second one waits its turn). */
(function () {
  "use strict";
  var box = document.querySelector(".norm-badges[data-countdown]");
  if (!box) { return; }
  var live = box.querySelector("[data-countdown-live]");
  var MOMENTS = [15, 10, 5, 1];
  var lastSaid = 0;

  function duration(minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    if (h && m) { return box.dataset.fmtHm.replace("%(hours)s", h).replace("%(minutes)s", m); }
    if (h) { return box.dataset.fmtH.replace("%(hours)s", h); }
    return box.dataset.fmtM.replace("%(minutes)s", m);
  }

  var badges = Array.prototype.map.call(box.querySelectorAll("[data-deadline]"), function (el) {
    return { el: el, deadline: Number(el.dataset.deadline) * 1000, text: el.textContent, moment: null };
  }).filter(function (b) { return !isNaN(b.deadline); });
  if (!badges.length) { return; }

  var pending = null;
  function say(text) {
    if (text !== undefined) { pending = text; }
    var now = Date.now();
    if (!live || pending === null || now - lastSaid < 60000) { return; }
    lastSaid = now;
    live.textContent = pending;
    pending = null;
  }

  function tick(first) {
    var now = Date.now();
    badges.forEach(function (b) {
      var ms = b.deadline - now, over = ms < 0, minutes, text, moment;
      if (over) {
        minutes = Math.floor(-ms / 60000);
        text = b.el.dataset.over.replace("{t}", duration(minutes));
        moment = "over";
      } else {
        minutes = Math.ceil(ms / 60000);
        text = b.el.dataset.left.replace("{t}", duration(minutes));
        moment = MOMENTS.indexOf(minutes) >= 0 ? String(minutes) : null;
      }
      if (text !== b.text) {
        b.el.textContent = text;
        b.text = text;
        b.el.classList.toggle("hard", !over);
        b.el.classList.toggle("bad", over);
      }
      // What the page said on arrival is not news; each moment is told once after that.
      if (moment !== null && moment !== b.moment && !first) { say(text); }
      if (moment !== null) { b.moment = moment; }
    });
    say();
  }

  tick(true);
  window.setInterval(function () { tick(false); }, 1000);
}());
