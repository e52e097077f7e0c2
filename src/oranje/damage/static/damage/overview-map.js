/* The damage map: the overview's GeoJSON (points for handlers, cells with counts otherwise)
   as coloured dots by triage. Tiles only when a tile server is configured; without one the
   dots are drawn on an empty background. The tables on the page hold the same figures. */
(function () {
  "use strict";
  var el = document.getElementById("damage-map");
  if (!el || !window.L || !window.fetch) { return; }
  var colours = { urgent: "#dc2626", normal: "#ea580c", info: "#0284c7", none: "#a8a29e" };
  el.hidden = false;
  var map = L.map(el, { preferCanvas: true }).setView([52.38, 4.64], 12);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  }
  function popup(props) {
    var box = document.createElement("div");
    if (props.id !== undefined && el.dataset.report) {
      var a = document.createElement("a");
      a.href = el.dataset.report.replace("999999999", String(props.id));
      a.textContent = props.reference;
      box.appendChild(a);
      if (props.unsafe) {
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(el.dataset.unsafeLabel));
      }
    } else {
      box.textContent = props.count + " " + el.dataset.reportsLabel +
        (props.unsafe ? " (" + props.unsafe + " " + el.dataset.unsafeLabel + ")" : "");
    }
    return box;
  }
  fetch(el.dataset.points, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          var radius = p.count ? Math.min(22, 5 + 3 * Math.sqrt(p.count)) : 6;
          return L.circleMarker(latlng, {
            radius: radius, color: "#1c1917", weight: 1,
            fillColor: colours[p.triage] || colours.none, fillOpacity: 0.8
          });
        },
        onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 }); }
    });
}());
