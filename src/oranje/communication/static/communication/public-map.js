/* The public page's map: a marker per open shelter, only with a configured tile server.
   The addresses are on the page above it; without tiles there is no map (works offline). */
(function () {
  "use strict";
  var el = document.getElementById("public-map");
  var data = document.getElementById("public-points");
  if (!el || !data || !window.L || !el.dataset.tiles) { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  el.hidden = false;
  var map = L.map(el);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.name }).addTo(map);
    var label = document.createElement("span");
    label.textContent = p.name + (p.address ? ", " + p.address : "");
    marker.bindPopup(label);
    bounds.push([p.lat, p.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 14, padding: [20, 20] });
}());
