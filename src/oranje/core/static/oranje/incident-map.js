/* The incident map: an enhancement of the point and area fields. Without a configured tile
   server the map stays hidden and the fields take coordinates as text (works offline). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !el.dataset.tiles) { return; }
  var point = document.getElementById("id_point");
  var area = document.getElementById("id_area");
  el.hidden = false;
  document.getElementById("map-tools").hidden = false;
  var map = L.map(el).setView([52.46, 4.63], 11);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var marker = null, polygon = null, mode = "point";
  function fmt(ll) { return ll.lat.toFixed(6) + ", " + ll.lng.toFixed(6); }
  function areaPoints() {
    return area.value.split("\n").map(function (l) { return l.split(",").map(Number); })
      .filter(function (p) { return p.length === 2 && !isNaN(p[0]) && !isNaN(p[1]); });
  }
  function redraw() {
    var pts = areaPoints();
    if (polygon) { map.removeLayer(polygon); polygon = null; }
    if (pts.length) { polygon = L.polygon(pts, { color: "#c2410c" }).addTo(map); }
    var p = point.value.split(",").map(Number);
    if (marker) { map.removeLayer(marker); marker = null; }
    if (p.length === 2 && !isNaN(p[0]) && !isNaN(p[1]) && point.value.trim()) {
      marker = L.marker(p).addTo(map);
    }
  }
  map.on("click", function (e) {
    if (mode === "point") { point.value = fmt(e.latlng); }
    else { area.value = (area.value.trim() ? area.value.trim() + "\n" : "") + fmt(e.latlng); }
    redraw();
  });
  document.querySelectorAll("#map-tools [data-mode]").forEach(function (b) {
    b.addEventListener("click", function () {
      mode = b.dataset.mode;
      document.querySelectorAll("#map-tools [data-mode]").forEach(function (o) {
        o.setAttribute("aria-pressed", String(o === b));
      });
    });
  });
  document.querySelector("#map-tools [data-clear]").addEventListener("click", function () {
    area.value = ""; redraw();
  });
  point.addEventListener("change", redraw);
  area.addEventListener("change", redraw);
  redraw();
}());
