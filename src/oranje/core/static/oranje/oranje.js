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

/* Behaviours bound through data-attributes, in place of inline onclick/onchange/onsubmit
   handlers (the Content-Security-Policy allows no inline script):
     data-print                      a button that prints the page
     data-confirm="question"         a form that asks before it is sent
     data-autosubmit                 a select that sends its form when changed
     data-hotkey-submit              a form that Ctrl+Enter (or Cmd+Enter) sends from any field
     data-options-url, data-options-from="id_a,id_b", data-options-target="id_c"
                                     on a form: the options of select id_c are fetched again
                                     (htmx) when field id_a or id_b changes; the query carries
                                     the three fields' names and values */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { event.preventDefault(); window.print(); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  /* Logging out of a shared tablet: pages a service worker kept for offline use (the shelter
     desk's check-in page) are deleted first, so the next person at the tablet cannot open
     them without a connection and a login. At most a second's wait, then out anyway. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.dataset || form.dataset.logout === undefined) { return; }
    if (!window.caches || form.dataset.cleared) { return; }
    event.preventDefault();
    form.dataset.cleared = "1";
    var gone = false;
    var out = function () {
      if (!gone) { gone = true; form.submit(); }
    };
    var late = window.setTimeout(out, 1000);
    window.caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) { return window.caches.delete(key); }));
    }).catch(function () {}).then(function () {
      window.clearTimeout(late);
      out();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) { return; }
    var form = event.target.closest ? event.target.closest("form[data-hotkey-submit]") : null;
    if (!form) { return; }
    event.preventDefault();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.dataset && field.dataset.autosubmit !== undefined && field.form) {
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }
  });

  // Narrow a select's options to what the other fields allow, keeping the choice made meanwhile.
  function bindOptions(holder) {
    var target = document.getElementById(holder.dataset.optionsTarget || "");
    if (!target) { return; }
    var sources = (holder.dataset.optionsFrom || "").split(",").map(function (id) {
      return document.getElementById(id.trim());
    }).filter(Boolean);
    function refresh() {
      if (!window.htmx) { return; }
      var query = sources.concat([target]).map(function (field) {
        return encodeURIComponent(field.name) + "=" + encodeURIComponent(field.value);
      }).join("&");
      window.htmx.ajax("GET", holder.dataset.optionsUrl + "?" + query,
        { target: "#" + target.id, swap: "innerHTML" });
    }
    sources.forEach(function (field) { field.addEventListener("change", refresh); });
    var keep = "";
    target.addEventListener("htmx:beforeSwap", function () { keep = target.value; });
    target.addEventListener("htmx:afterSwap", function () {
      if (keep && target.querySelector('option[value="' + window.CSS.escape(keep) + '"]')) {
        target.value = keep;
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-options-url]"), bindOptions);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
