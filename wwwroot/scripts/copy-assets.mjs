// Copies the files the pages load from node_modules into lib/, so only those are served.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(root, "lib");
const files = [
  "bootstrap/dist/css/bootstrap.min.css",
  "bootstrap/dist/js/bootstrap.bundle.min.js",
  "bootstrap-icons/font/bootstrap-icons.min.css",
  "bootstrap-icons/font/fonts/bootstrap-icons.woff2",
  "bootstrap-icons/font/fonts/bootstrap-icons.woff",
  "htmx.org/dist/htmx.min.js",
  "htmx-ext-sse/dist/sse.min.js",
];

rmSync(lib, { recursive: true, force: true });
for (const file of files) {
  const target = join(lib, file.replace("/dist/", "/").replace("/font/", "/"));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", file), target);
}
writeFileSync(join(lib, ".installed"), "");
