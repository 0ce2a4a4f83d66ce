// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A form that comes back with errors moves focus to its error summary.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });

  // After htmx replaced a region, keep focus where the person was; if the focused
  // element was replaced, move focus to the region's heading or the region itself
  // instead of losing it to <body>.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    event.detail.target.dataset.focusId = active && active.id ? active.id : "";
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var focusId = target.dataset.focusId;
    delete target.dataset.focusId;
    if (document.activeElement && document.activeElement !== document.body) { return; }
    var again = focusId && document.getElementById(focusId);
    if (again) { again.focus(); return; }
    var heading = target.querySelector("[data-focus-after-swap]") || target;
    if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
    heading.focus();
  });
  document.addEventListener("htmx:beforeRequest", function (event) { event.detail.target.setAttribute("aria-busy", "true"); });
  document.addEventListener("htmx:afterRequest", function (event) { event.detail.target.removeAttribute("aria-busy"); });
})();
