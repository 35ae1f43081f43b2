// Where a time-zone list has nothing chosen yet, choose the browser's own zone, if the list has it.
// Without this script the person chooses from the list themselves.
(function () {
  "use strict";
  var select = document.getElementById("timeZone");
  if (!select || select.value !== "") return;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (zone === "Etc/UTC" || zone === "Etc/GMT" || zone === "GMT") zone = "UTC";
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) { select.value = zone; return; }
  }
})();
