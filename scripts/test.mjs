// `npm test`: typecheck, format check, lint, build, unit + integration (vitest), the same vitest
// suite on Node 24 LTS (scripts/node24.mjs), end-to-end (Playwright + Debian Chromium).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium.mjs";
import { ensureNode24, node24Env } from "./node24.mjs";

ensureChromium();

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["format check", "npx", ["prettier", "--check", "."]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["build", "npx", ["remix", "build"]],
  ["unit + integration", "npx", ["vitest", "run"]],
  // The machine's Node (20) is past end of life: the suite also runs on Node 24 (TRYGGVE_SKIP_NODE24=1 skips it locally).
  ...(process.env.TRYGGVE_SKIP_NODE24 === "1" ? [] : [["unit + integration on Node 24", () => node24Step(), null]]),
  ["end-to-end", "node", ["scripts/e2e.mjs"]],
];

function node24Step() {
  const node24 = ensureNode24();
  return spawnSync(node24.node, ["node_modules/vitest/vitest.mjs", "run"], { stdio: "inherit", env: node24Env(node24) });
}

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = typeof cmd === "function" ? cmd() : spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
