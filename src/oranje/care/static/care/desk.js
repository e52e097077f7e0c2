// The shelter desk. "Add a person" appends a person block from the page's <template>
// without a round trip (without this script the button posts the form and the server
// answers with one more block); [data-print] prints the card's print view.
(function () {
  "use strict";

  function addPerson(button) {
    var form = document.getElementById(button.getAttribute("form"));
    var template = document.getElementById("person-template");
    if (!form || !template) return false;
    var count = form.querySelector("[data-persons]");
    var list = form.querySelector("[data-person-list]");
    var next = parseInt(count.value, 10) + 1;
    var max = parseInt(form.getAttribute("data-max-persons"), 10);
    if (!(next > 1) || next > max) return false; // the server says why
    list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__N__/g, String(next)));
    count.value = String(next);
    var first = list.lastElementChild.querySelector("input:not([type=hidden])");
    if (first) first.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var add = target.closest("[data-add-person]");
    if (add && addPerson(add)) {
      event.preventDefault();
      return;
    }
    if (target.closest("[data-print]")) window.print();
  });
})();
