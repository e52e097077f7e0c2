/* The map of shelter locations: one marker per row of the coordinates table, which stays on
   the page as the accessible (and, without a tile server, the only) view. */
(function () {
  "use strict";
  var el = document.getElementById("locations-map");
  if (!el || !window.L || !el.dataset.tiles) { return; }
  var rows = document.querySelectorAll("#locations-coordinates tbody tr[data-lat]");
  el.hidden = false;
  var map = L.map(el).setView([52.2, 5.3], 8);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var points = [];
  rows.forEach(function (row) {
    var lat = Number(row.dataset.lat), lon = Number(row.dataset.lon);
    if (!row.dataset.lat || isNaN(lat) || isNaN(lon)) { return; }
    var link = row.querySelector("a");
    var popup = document.createElement("div");
    var a = document.createElement("a");
    a.href = link.getAttribute("href");
    a.textContent = link.textContent;
    popup.appendChild(a);
    var cells = row.querySelectorAll("td");
    var line = document.createElement("div");
    line.textContent = cells[4].textContent + " / " + cells[5].textContent;
    popup.appendChild(line);
    var options = row.dataset.available === "1" ? {} : { opacity: 0.5 };
    L.marker([lat, lon], options).addTo(map).bindPopup(popup);
    points.push([lat, lon]);
  });
  if (points.length) { map.fitBounds(points, { padding: [30, 30], maxZoom: 14 }); }
}());
