/*
 * The handout's print button (templates/handout.md.j2): shown only where a script can print, since
 * without one it would do nothing; the browser's own Print still prints the page the same way.
 */
(function () {
  "use strict";

  function enhance() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // document$ covers instant navigation; it is silent on file://, so enhance the first page directly too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
