// Copies a field's value to the clipboard; true when it did. Without clipboard access (plain http) the text is
// selected instead, for Ctrl+C.
export async function copyField(selector) {
  const field = document.querySelector(selector);
  if (!field) {
    return false;
  }
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.focus();
    field.select();
    return false;
  }
}
