/* The Q&A list's search box filters the list while typing (every word must be in the
   question or the answer); without JavaScript the box searches through the server. */
(function () {
  "use strict";
  function setUp() {
    var input = document.querySelector("input[data-qa-filter]");
    var list = input && document.getElementById(input.getAttribute("data-qa-filter"));
    if (!list) { return; }
    var status = document.getElementById(input.getAttribute("data-qa-status"));
    var items = Array.prototype.slice.call(list.children);
    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = Array.prototype.map.call(
          item.querySelectorAll(".qa-q, .qa-a"), function (el) { return el.textContent; }
        ).join(" ").toLowerCase();
        var hit = words.every(function (word) { return text.indexOf(word) !== -1; });
        item.hidden = !hit;
        if (hit) { shown += 1; }
      });
      if (status) {
        status.textContent = words.length ? input.getAttribute("data-qa-found")
          .replace("%(n)s", String(shown)).replace("%(total)s", String(items.length)) : "";
      }
    }
    input.addEventListener("input", filter);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
