// Focus after a navigation, for keyboard and screen reader users: the new page's heading, as Blazor's FocusOnNavigate
// does, except when the user is already in a field (a page turns interactive a moment after it shows; whoever started
// typing by then keeps the focus and every key they press). A page still reading its data shows its heading a moment
// later: that heading is focused when it appears (within a few seconds).
const waitForHeading = 5000;

export function focusHeading() {
  const heading = document.querySelector('h1');
  if (heading) {
    focus(heading);
    return;
  }
  const observer = new MutationObserver(() => {
    const appeared = document.querySelector('h1');
    if (appeared) {
      observer.disconnect();
      focus(appeared);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), waitForHeading);
}

function focus(heading) {
  if (document.activeElement?.matches('input, textarea, select, [contenteditable="true"]')) {
    return;
  }
  if (!heading.hasAttribute('tabindex')) {
    heading.tabIndex = -1;
  }
  heading.focus({ preventScroll: true });
}
