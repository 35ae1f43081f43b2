// The header's menu: open at a desk, closed behind its button on a phone. The page sends it open,
// so without this script every link is simply there, wrapping onto more lines.
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
  if (!menu || !window.matchMedia) return;
  document.documentElement.classList.add("menu-ready");
  var desk = window.matchMedia("(min-width: 64rem)");
  function fit() {
    if (desk.matches) { menu.setAttribute("open", ""); } else { menu.removeAttribute("open"); }
  }
  fit();
  if (desk.addEventListener) desk.addEventListener("change", fit);
  // At a desk the menu has no button; a click on the summary there should never close it.
  menu.addEventListener("toggle", function () { if (desk.matches && !menu.open) menu.setAttribute("open", ""); });
})();
