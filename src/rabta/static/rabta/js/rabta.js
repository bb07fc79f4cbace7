/* rabta: small progressive enhancements. Every page works without JavaScript. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menu.classList.toggle("site-nav__menu--open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("site-nav__menu--open");
        toggle.focus();
      }
    });
  }

  function setUpAutosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      if (!form) return;
      form.classList.add("language-switcher--auto");
      // A choice made with the mouse or a finger applies at once. A keyboard user moving
      // through the options with the arrow keys is not sent away on every step (WCAG 3.2.2):
      // they confirm with the button, which shows while the switcher has focus.
      var byPointer = false;
      select.addEventListener("pointerdown", function () { byPointer = true; });
      select.addEventListener("keydown", function () { byPointer = false; });
      select.addEventListener("change", function () {
        if (!byPointer) return;
        form.requestSubmit ? form.requestSubmit() : form.submit();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUpNavToggle();
      setUpAutosubmit();
    });
  } else {
    setUpNavToggle();
    setUpAutosubmit();
  }
})();
