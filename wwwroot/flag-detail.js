// The flag detail page: keeps each panel's rollout slider and number box in step. Wired by data- attributes
// (the Content-Security-Policy forbids inline scripts); listens on the document, so panels htmx swaps in work too.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  document.addEventListener("input", (event) => {
    const changed = event.target.closest("[data-rollout]");
    const group = changed && changed.closest("[data-rollout-group]");
    if (!group) {
      return;
    }
    group.querySelectorAll("[data-rollout]").forEach((other) => {
      if (other !== changed) {
        other.value = changed.value;
      }
    });
  });

  // Plain forms that ask first (archive, delete); without JavaScript the delete form's checkbox is the confirmation.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // Without JavaScript the number box alone sets the rollout; the slider appears only where it can stay in sync.
  const revealSliders = (root) =>
    root.querySelectorAll("[data-rollout-slider]").forEach((slider) => (slider.hidden = false));
  document.addEventListener("DOMContentLoaded", () => revealSliders(document));
  document.addEventListener("htmx:load", (event) => revealSliders(event.detail.elt));
})();
