/* The intake's map: a click sets the point field ("lat, lon"); typing in the field moves the
   marker. Only with a tile server; without one the field takes the coordinates as text. */
(function () {
  "use strict";
  var el = document.getElementById("intake-map");
  var field = document.getElementById("id_point");
  if (!el || !field || !window.L || !el.dataset.tiles) { return; }
  el.hidden = false;
  var map = L.map(el).setView([52.38, 4.64], 12);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var marker = null;
  function show() {
    var p = field.value.split(",").map(Number);
    if (marker) { map.removeLayer(marker); marker = null; }
    if (field.value.trim() && p.length === 2 && !isNaN(p[0]) && !isNaN(p[1])) {
      marker = L.marker(p).addTo(map);
      map.setView(p, Math.max(map.getZoom(), 15));
    }
  }
  map.on("click", function (e) {
    field.value = e.latlng.lat.toFixed(6) + ", " + e.latlng.lng.toFixed(6);
    show();
  });
  field.addEventListener("change", show);
  show();
}());
