/* The public damage form: move focus to the error summary after a refused send, and the
   optional "use my location" button, which fills the hidden latitude and longitude when the
   browser knows where the phone is and the place lies in the Netherlands. Without this script
   the form works the same, without the button. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  var button = document.getElementById("f-point");
  if (!button || !("geolocation" in navigator)) { return; }
  var box = button.closest(".locate");
  var status = document.getElementById("f-locate-status");
  var lat = document.getElementById("f-latitude");
  var lon = document.getElementById("f-longitude");
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.busy;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      var la = position.coords.latitude, lo = position.coords.longitude;
      button.disabled = false;
      if (la < 50.6 || la > 53.7 || lo < 3.2 || lo > 7.3) {
        lat.value = ""; lon.value = "";
        status.textContent = button.dataset.outside;
        return;
      }
      lat.value = la.toFixed(6);
      lon.value = lo.toFixed(6);
      status.textContent = button.dataset.done;
    }, function () {
      button.disabled = false;
      status.textContent = button.dataset.failed;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
}());
