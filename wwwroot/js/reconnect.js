// The reconnect dialog (Components/Layout/ReconnectModal.razor), driven by Blazor's reconnection events.
import { describe } from "./drafts.js";

const dialog = document.getElementById("components-reconnect-modal");
const title = dialog.querySelector(".reconnect-title");
const message = dialog.querySelector(".reconnect-message");
const unsaved = dialog.querySelector(".reconnect-unsaved");
const retryButton = dialog.querySelector(".reconnect-retry");
const reloadButton = dialog.querySelector(".reconnect-reload");

// Fields typed in since they last reported a change (Tab, Enter, a click elsewhere) to a connected circuit: the
// server never saw that text, so no kept edit holds it, and the dialog names it for the user to copy. (Showing the
// dialog moves the focus, which fires a change that no longer reaches the server.)
const typedNotSent = new Set();
let connected = true;
document.addEventListener("input", (event) => typedNotSent.add(event.target), true);
document.addEventListener("change", (event) => connected && typedNotSent.delete(event.target), true);

function notSent() {
  return [...typedNotSent]
    .filter((field) => field.isConnected && field.type !== "password" && field.value.trim() !== "")
    .map((field) => `${field.labels?.[0]?.textContent.trim() || field.name || "A field"}: "${field.value}" (typed but not sent; copy it before reloading)`);
}

function show(state, heading, text, { retry = false, reload = false } = {}) {
  dialog.dataset.state = state;
  title.textContent = heading;
  message.textContent = text;
  const edits = [...describe(), ...notSent()];
  unsaved.replaceChildren(...edits.map((edit) => Object.assign(document.createElement("li"), { textContent: edit })));
  unsaved.hidden = edits.length === 0;
  retryButton.hidden = !retry;
  reloadButton.hidden = !reload;
  if (!dialog.open) {
    dialog.showModal();
  }
}

const notSaved = () => {
  if (describe().length > 0) {
    return " Not saved yet, and kept in this tab to be filled in again:";
  }
  return notSent().length > 0 ? " Not saved yet:" : " Nothing you typed is waiting to be saved.";
};

dialog.addEventListener("components-reconnect-state-changed", (event) => {
  connected = event.detail.state === "hide";
  switch (event.detail.state) {
    case "show":
    case "retrying":
      show("retrying", "Connection lost", "FlagAdmin is not answering; reconnecting…" + notSaved());
      break;
    case "failed":
      show("failed", "FlagAdmin is unreachable", "Reconnecting did not work; check your network, then try again." + notSaved(), { retry: true });
      break;
    case "rejected":
    case "resume-failed":
      show("restarted", "FlagAdmin restarted", "The server was restarted (or this tab was away too long), so this page must be reloaded." + notSaved(), { reload: true });
      break;
    case "hide":
      delete dialog.dataset.state;
      dialog.close();
      break;
  }
});

retryButton.addEventListener("click", async () => {
  try {
    if (!(await Blazor.reconnect())) {
      show("restarted", "FlagAdmin restarted", "The server was restarted, so this page must be reloaded." + notSaved(), { reload: true });
    }
  } catch {
    show("failed", "FlagAdmin is unreachable", "Still not answering; try again in a moment." + notSaved(), { retry: true });
  }
});

reloadButton.addEventListener("click", () => location.reload());
