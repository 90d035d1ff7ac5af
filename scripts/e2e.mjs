// Runs the Playwright journeys against the built app on a spare port with its own database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureChromium } from "./chromium.mjs";

const chromium = ensureChromium();

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

if (!fs.existsSync("build/index.js")) {
  const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-e2e-"));
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  E2E_PORT: String(await freePort()),
  E2E_DATABASE_PATH: path.join(dir, "e2e.sqlite"),
};
// Each run writes its artifacts to its own folder, so two runs at once do not delete each other's.
const args = process.argv.slice(2);
if (!args.some((a) => a.startsWith("--output"))) args.push(`--output=test-results/run-${process.pid}`);
const result = spawnSync("npx", ["playwright", "test", ...args], { stdio: "inherit", env });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
