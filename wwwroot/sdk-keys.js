// The SDK keys page: a button with data-copy-from="<selector>" copies that field's value to the clipboard.
(function () {
  "use strict";

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-from]");
    if (!button) {
      return;
    }
    const field = document.querySelector(button.getAttribute("data-copy-from"));
    if (!field) {
      return;
    }
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "Copied";
    } catch {
      field.select(); // no clipboard access (plain http): leave the text selected for Ctrl+C
    }
  });
})();
