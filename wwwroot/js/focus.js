// Focus after a navigation, for keyboard and screen reader users: the new page's heading, as Blazor's FocusOnNavigate
// does, except when the user is already in a field (a page turns interactive a moment after it shows; whoever started
// typing by then keeps the focus and every key they press).
export function focusHeading() {
  if (document.activeElement?.matches('input, textarea, select, [contenteditable="true"]')) {
    return;
  }
  const heading = document.querySelector('h1');
  if (!heading) {
    return;
  }
  if (!heading.hasAttribute('tabindex')) {
    heading.tabIndex = -1;
  }
  heading.focus({ preventScroll: true });
}
