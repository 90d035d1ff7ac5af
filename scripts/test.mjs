// `npm test`: typecheck, format check, lint, build, unit + integration (vitest), end-to-end (Playwright + Debian Chromium).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium.mjs";

ensureChromium();

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["format check", "npx", ["prettier", "--check", "."]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["build", "npx", ["remix", "build"]],
  ["unit + integration", "npx", ["vitest", "run"]],
  ["end-to-end", "node", ["scripts/e2e.mjs"]],
];

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
