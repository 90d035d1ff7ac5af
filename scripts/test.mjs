// `npm test`: typecheck, format check, lint, build, unit + integration (vitest), the same vitest
// suite on PostgreSQL (a throwaway server from scripts/postgres.mjs) and on Node 24 LTS
// (scripts/node24.mjs), end-to-end (Playwright + Debian Chromium).
import { spawnSync } from "node:child_process";
import os from "node:os";
import { ensureChromium } from "./chromium.mjs";
import { ensureNode24, node24Env } from "./node24.mjs";
import { findPostgresBin, POSTGRES_MISSING, startPostgres } from "./postgres.mjs";

ensureChromium();

// Both backends are tested: without PostgreSQL's server programs say so now, not after the long steps.
// TRYGGVE_SKIP_POSTGRES=1 is for quick local runs only (CI never sets it).
const skipPostgres = process.env.TRYGGVE_SKIP_POSTGRES === "1";
if (!skipPostgres && !findPostgresBin()) {
  console.error(`\n✗ ${POSTGRES_MISSING}`);
  process.exit(1);
}

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["format check", "npx", ["prettier", "--check", "."]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["build", "npx", ["remix", "build"]],
  ["unit + integration", "npx", ["vitest", "run"]],
  ...(skipPostgres ? [] : [["unit + integration on PostgreSQL", () => postgresStep(), null]]),
  // The machine's Node (20) is past end of life: the suite also runs on Node 24 (TRYGGVE_SKIP_NODE24=1 skips it locally).
  ...(process.env.TRYGGVE_SKIP_NODE24 === "1" ? [] : [["unit + integration on Node 24", () => node24Step(), null]]),
  ["end-to-end", "node", ["scripts/e2e.mjs"]],
];

/** The same vitest run on a fresh PostgreSQL server in a temporary directory, stopped and removed afterwards. */
async function postgresStep() {
  const pg = await startPostgres();
  try {
    console.log(`PostgreSQL ${pg.bin} on port ${pg.port} (data in ${pg.dir})`);
    // Half of a PostgreSQL test's time is waiting on the server: two test files at a time even on 2 cores.
    const workers = Math.max(2, os.availableParallelism() - 1);
    return spawnSync("npx", ["vitest", "run", `--maxWorkers=${workers}`], {
      stdio: "inherit",
      env: { ...process.env, TEST_DATABASE: "postgres", TEST_DATABASE_URL: pg.url },
    });
  } finally {
    pg.stop();
  }
}

function node24Step() {
  const node24 = ensureNode24();
  return spawnSync(node24.node, ["node_modules/vitest/vitest.mjs", "run"], { stdio: "inherit", env: node24Env(node24) });
}

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = typeof cmd === "function" ? await cmd() : spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
