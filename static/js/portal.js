// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A form that comes back with errors moves focus to its error summary.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });

  // htmx notes the current path in sessionStorage on every page and history push. We keep
  // no history cache (historyCacheSize: 0), so that note is not needed: an anonymous
  // visitor's browser keeps no storage entry from us.
  function forgetHistoryPath() {
    try { window.sessionStorage.removeItem("htmx-current-path-for-history"); } catch (e) { /* storage blocked */ }
  }
  forgetHistoryPath();
  ["htmx:pushedIntoHistory", "htmx:replacedInHistory", "htmx:historyRestore"].forEach(function (name) {
    document.addEventListener(name, forgetHistoryPath);
  });

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
    // An outerHTML swap (the lists' pagination) removed the target: use its successor.
    if (!target.isConnected && target.id) { target = document.getElementById(target.id) || target; }
    var again = focusId && document.getElementById(focusId);
    if (again) { again.focus(); return; }
    var heading = target.querySelector("[data-focus-after-swap]") || target;
    if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
    heading.focus();
  });
  document.addEventListener("htmx:beforeRequest", function (event) { event.detail.target.setAttribute("aria-busy", "true"); });
  document.addEventListener("htmx:afterRequest", function (event) { event.detail.target.removeAttribute("aria-busy"); });
})();
