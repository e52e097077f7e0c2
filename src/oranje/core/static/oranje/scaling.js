/* The scaling page: choosing a GRIP level ticks the teams the region's alert rules tie to
   it (data-level-teams on the level field); choosing a lower one unticks the teams the
   higher level brought (never a team ticked by hand). Going down - a lower level, or a team
   of the current scaling unticked - brings the "Yes, scale down" confirmation to the fore
   and the button reads "Scale down". Without JavaScript the teams are ticked by hand and
   the confirmation is always shown. */
(function () {
  "use strict";
  var level = document.getElementById("id_grip_level");
  if (!level || !level.dataset.levelTeams) { return; }
  var perLevel = JSON.parse(level.dataset.levelTeams);
  var currentLevel = level.dataset.currentLevel === "" ? null : Number(level.dataset.currentLevel);
  var currentTeams = JSON.parse(level.dataset.currentTeams || "[]");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=teams]"));
  var confirmField = document.getElementById("scale-down");
  var submit = document.getElementById("scale-submit");
  var upLabel = submit ? submit.textContent : "";
  // The teams the level in the field brought, as far as they are ticked: the current
  // level's to start with. A team ticked or unticked by hand is the user's from then on.
  var autoTicked = (perLevel[level.value] || []).filter(function (team) {
    return boxes.some(function (b) { return b.value === team && b.checked; });
  });

  function isDown() {
    var chosen = level.value === "" ? null : Number(level.value);
    if (currentLevel !== null && chosen !== null && chosen < currentLevel) { return true; }
    return currentTeams.some(function (team) {
      return boxes.some(function (b) { return b.value === team && !b.checked; });
    });
  }
  function showConfirmation() {
    var down = isDown();
    if (submit) { submit.textContent = down ? submit.dataset.downLabel : upLabel; }
    if (!confirmField) { return; }
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
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      autoTicked = autoTicked.filter(function (team) { return team !== box.value; });
      showConfirmation();
    });
  });
  showConfirmation();
})();
