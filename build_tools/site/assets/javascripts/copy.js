/*
 * Copy buttons for model wording ("What to say"), on recommendation pages and
 * in the questionnaire's result. Each element marked data-copyable="Label"
 * gets a button with that label and a status line that screen readers
 * announce. Without JavaScript the text is simply there to select.
 */
(function () {
  "use strict";

  /** Its status messages (build_tools/site/wording.py), from the questionnaire's data, which every page loads first. */
  function words() {
    return (window.ESCALATION_TREE && window.ESCALATION_TREE.words) || {};
  }

  function enhance(root) {
    (root || document).querySelectorAll("[data-copyable]").forEach(function (source) {
      if (source.nextElementSibling && source.nextElementSibling.classList.contains("copy-row")) return;
      var button = document.createElement("button");
      var status = document.createElement("span");
      var row = document.createElement("p");
      button.type = "button";
      button.className = "md-button copy-button";
      button.textContent = source.getAttribute("data-copyable");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      row.className = "copy-row";
      row.append(button, " ", status);
      source.after(row);
      button.addEventListener("click", function () {
        var text = source.innerText.trim();
        function fallback() {
          getSelection().selectAllChildren(source);
          status.textContent = words().copy_select;
        }
        if (!navigator.clipboard || !window.isSecureContext) return fallback();
        navigator.clipboard.writeText(text).then(function () { status.textContent = words().copied; }, fallback);
      });
    });
  }

  window.EscalationCopy = { enhance: enhance };
  // document$ covers instant navigation; it is silent on file://, so enhance the first page directly too.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { enhance(document); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  else enhance(document);
})();
