/* The scaling page: choosing a GRIP level ticks the teams the region's alert rules tie to
   it (data-level-teams on the level field), and going down - a lower level, or a team of
   the current scaling unticked - brings the "Yes, scale down" confirmation to the fore.
   Without JavaScript the teams are ticked by hand and the confirmation is always shown. */
(function () {
  "use strict";
  var level = document.getElementById("id_grip_level");
  if (!level || !level.dataset.levelTeams) { return; }
  var perLevel = JSON.parse(level.dataset.levelTeams);
  var currentLevel = level.dataset.currentLevel === "" ? null : Number(level.dataset.currentLevel);
  var currentTeams = JSON.parse(level.dataset.currentTeams || "[]");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=teams]"));
  var confirmField = document.getElementById("scale-down");
  var autoTicked = [];

  function isDown() {
    var chosen = level.value === "" ? null : Number(level.value);
    if (currentLevel !== null && chosen !== null && chosen < currentLevel) { return true; }
    return currentTeams.some(function (team) {
      return boxes.some(function (b) { return b.value === team && !b.checked; });
    });
  }
  function showConfirmation() {
    if (!confirmField) { return; }
    var down = isDown();
    confirmField.hidden = !down && !confirmField.classList.contains("attention");
    confirmField.classList.toggle("warn", down);
  }
  level.addEventListener("change", function () {
    var teams = perLevel[level.value] || [];
    boxes.forEach(function (box) {
      if (autoTicked.indexOf(box.value) !== -1 && teams.indexOf(box.value) === -1) { box.checked = false; }
      if (teams.indexOf(box.value) !== -1) { box.checked = true; }
    });
    autoTicked = teams.slice();
    showConfirmation();
  });
  boxes.forEach(function (box) { box.addEventListener("change", showConfirmation); });
  showConfirmation();
})();
