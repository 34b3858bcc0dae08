// Remembers the colour theme for a year, so pages rendered on the server use it from the first paint.
export function remember(value) {
  document.cookie = `FlagAdmin.Theme=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
}
