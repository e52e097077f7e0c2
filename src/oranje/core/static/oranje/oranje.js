/* Oranje's small enhancements for every page. No inline script anywhere: pages mark what
   they want with data- attributes and ids, and each part below does nothing on a page
   without its mark. Without JavaScript every page still works. */
(function () {
  "use strict";

  /* Live parts (htmx polling) replace their contents every few seconds: a <details> the
     reader opened must stay open, or the alert board folds up under their eyes. */
  var opened = {};
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.querySelectorAll) { return; }
    opened = {};
    target.querySelectorAll("details[id]").forEach(function (d) { opened[d.id] = d.open; });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.querySelectorAll) { return; }
    target.querySelectorAll("details[id]").forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(opened, d.id)) { d.open = opened[d.id]; }
    });
  });

  /* A link to a folded section (#c12 on the alert board) opens it. */
  function openTarget() {
    if (!location.hash) { return; }
    var el = document.getElementById(location.hash.slice(1));
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();

/* The phone menu: on a narrow screen the main menu folds behind one "Menu" button, so it no
   longer fills half the screen. Without JavaScript the menu simply stays open. */
(function () {
  "use strict";
  function setUp() {
    var button = document.querySelector(".menu-toggle");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    var header = button.closest(".top");
    button.hidden = false;
    header.classList.add("menu-ready");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle("menu-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.click();
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
