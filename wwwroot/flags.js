// Behaviour of the flags pages that markup alone cannot give (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // A fragment marked FlagAdmin-Swap is the answer to show even with an error status: a row with a conflict
  // note (409), a refusal (403), a missing reason (422), "the database is unavailable" (503).
  document.addEventListener("htmx:beforeSwap", (event) => {
    const xhr = event.detail.xhr;
    if (xhr && xhr.getResponseHeader("FlagAdmin-Swap") === "true") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Live notes (see the flags list's sse-swap="flag-note") fade away on their own.
  const noteLifetimeMs = 8000;
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "notes") {
      event.detail.target.querySelectorAll("[data-live-note]:not([data-expiring])").forEach((note) => {
        note.setAttribute("data-expiring", "");
        setTimeout(() => note.remove(), noteLifetimeMs);
      });
    }
  });
})();
