// A "Copy" button beside text meant to go into a phone (the plain-text safety plan). It stays
// hidden without this script; the text itself can always be selected and copied by hand.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-copy]");
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(buttons, function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        if (status) status.textContent = "Copied. You can paste it into a note on your phone.";
      }, function () {
        if (status) status.textContent = "Your browser didn't allow copying: select the text and copy it instead.";
      });
    });
  });
})();
