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
      select.addEventListener("change", function () {
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
