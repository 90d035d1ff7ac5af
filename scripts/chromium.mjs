// Finds Debian's Chromium for the browser tests, installing it with apt-get when we are root.
// Never downloads a browser from anywhere else (no `playwright install`).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (isRoot && hasApt) {
    console.log("Chromium not found: installing Debian's `chromium` package with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env });
    if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  }
  console.error(
    `\nThe end-to-end tests need Chromium at ${CHROMIUM_PATH}.\n` +
      "Install Debian's package `chromium` (sudo apt-get install chromium), or set CHROMIUM_PATH.\n" +
      "No browser is downloaded from anywhere else.\n",
  );
  process.exit(1);
}
