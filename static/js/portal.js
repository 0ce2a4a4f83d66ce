// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A form that comes back with errors moves focus to its error summary.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });

  // Controls that only work with JavaScript (e.g. the passkey login) start hidden;
  // data-needs-js="webauthn" also needs a browser that knows passkeys.
  document.querySelectorAll("[data-needs-js][hidden]").forEach(function (element) {
    if (element.dataset.needsJs === "webauthn" && !window.PublicKeyCredential) { return; }
    element.hidden = false;
    // ... and the note standing in for it goes.
    document.querySelectorAll('[data-without-js="' + element.dataset.needsJs + '"]').forEach(function (note) {
      note.hidden = true;
    });
  });

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
  // Lists: on narrow screens the filters start folded behind their "Filter" control.
  var narrow = window.matchMedia("(max-width: 47.99em)");
  function foldFilters() {
    if (!narrow.matches) { return; }
    document.querySelectorAll("details[data-collapse-narrow][open]").forEach(function (details) {
      details.removeAttribute("open");
    });
  }
  document.addEventListener("DOMContentLoaded", foldFilters);

  // Shareable addresses without empty parameters ("?q=&thema=&region=3" → "?region=3").
  var typing = false;
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (data && event.detail.verb === "get") {
      Array.from(new Set(data.keys())).forEach(function (key) {
        if (data.getAll(key).every(function (value) { return value === ""; })) { data.delete(key); }
      });
    }
  });
  // Typing a search word is one step in the history, however many pauses it had: the first
  // request pushes an entry, the following ones while typing replace it.
  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var history = event.detail.history;
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    var typed = Boolean(trigger && trigger.type === "input");
    var same = history.path === window.location.pathname + window.location.search;
    if (history.type === "push" && ((typed && typing) || same)) { history.type = "replace"; }
    typing = typed;
  });
  // On a phone, showing the results folds the filters away and brings the count into view.
  document.addEventListener("htmx:afterSettle", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (!narrow.matches || !trigger || trigger.type !== "submit") { return; }
    var form = trigger.target;
    var details = form && form.querySelector && form.querySelector("details[data-collapse-narrow]");
    if (details) { details.removeAttribute("open"); }
    // After htmx has finished with the page (history, its own focus handling).
    window.setTimeout(function () {
      var heading = document.getElementById("results-heading");
      if (!heading) { return; }
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }, 0);
  });
  // A sticky action bar never covers the field in focus: the browser scrolls a focused
  // element into view only when it is outside the window, not when the bar hides it.
  document.addEventListener("focusin", function (event) {
    var bar = document.querySelector(".sticky-actions");
    var target = event.target;
    if (!bar || bar.contains(target)) { return; }
    window.requestAnimationFrame(function () {  // after the browser's own scrolling
      var field = target.getBoundingClientRect();
      var covering = bar.getBoundingClientRect();
      if (field.bottom > covering.top - 8 && field.top < covering.bottom) {
        window.scrollBy({ top: field.bottom - covering.top + 16, behavior: "instant" });
      }
    });
  });
  document.addEventListener("htmx:beforeRequest", function (event) { event.detail.target.setAttribute("aria-busy", "true"); });
  document.addEventListener("htmx:afterRequest", function (event) { event.detail.target.removeAttribute("aria-busy"); });
  // The passkey button on the login page (allauth's scripts load deferred, after this file).
  document.addEventListener("DOMContentLoaded", function () {
    var webauthn = window.allauth && window.allauth.webauthn;
    if (webauthn && document.getElementById("passkey_login")) {
      webauthn.forms.loginForm({ ids: { login: "passkey_login", credential: "mfa_credential" } });
    }
  });
})();
