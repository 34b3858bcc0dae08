// Unsaved edits of the open page, kept in this tab (sessionStorage) so they outlive a server restart.
// Keys are "flagadmin-draft:<path>:<form>"; values {description, json}.
const prefix = () => `flagadmin-draft:${location.pathname}:`;

export function keep(form, description, json) {
  sessionStorage.setItem(prefix() + form, JSON.stringify({ description, json }));
}

export function forget(form) {
  sessionStorage.removeItem(prefix() + form);
}

export function take(form) {
  const stored = sessionStorage.getItem(prefix() + form);
  sessionStorage.removeItem(prefix() + form);
  return stored === null ? null : JSON.parse(stored).json;
}

// What the reconnect dialog lists: the descriptions of every edit kept for this page.
export function describe() {
  const found = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (key.startsWith(prefix())) {
      found.push(JSON.parse(sessionStorage.getItem(key)).description);
    }
  }
  return found;
}
