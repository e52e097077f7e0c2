/* A button that copies a text to the clipboard: <button data-copy="id-of-the-element"
   data-copied="Gekopieerd."> next to the element. It says so in an aria-live region after it.
   Without JavaScript (or a clipboard) the button stays hidden and the text can be selected. */
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy") + "-status");
      if (!source || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.value !== undefined ? source.value : source.textContent;
        navigator.clipboard.writeText(text).then(function () {
          if (status) { status.textContent = button.getAttribute("data-copied") || ""; }
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
