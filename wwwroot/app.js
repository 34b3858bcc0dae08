// FlagAdmin's only script of its own. Loaded synchronously in <head> so the theme applies before the page paints;
// everything else waits for the DOM. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  const themeKey = "flagadmin-theme";
  const preferred = () =>
    localStorage.getItem(themeKey) ||
    (window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  const applyTheme = (theme) => document.documentElement.setAttribute("data-bs-theme", theme);
  applyTheme(preferred());

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-theme-toggle]")) {
      const next = document.documentElement.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
      localStorage.setItem(themeKey, next);
      applyTheme(next);
    }
  });

  // htmx requests carry the antiforgery token as a header; plain forms carry their own hidden field.
  document.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector('meta[name="antiforgery-token"]');
    if (token) {
      event.detail.headers["RequestVerificationToken"] = token.content;
    }
  });
})();
