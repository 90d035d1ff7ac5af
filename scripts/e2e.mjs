// Runs the Playwright journeys against the built app on a spare port with its own database.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
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

/**
 * The test identity provider for single sign-on (scripts/oidc-test-provider.ts) on a spare port,
 * as a child process; resolves with its issuer once it listens.
 */
async function startTestProvider(appPort, clientSecret) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/oidc-test-provider.ts"], {
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(await freePort()),
      OIDC_TEST_REDIRECT_URI: `http://127.0.0.1:${appPort}/personal/sso/callback`,
      OIDC_TEST_CLIENT_SECRET: clientSecret,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const issuer = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const ready = /^ready (\S+)$/m.exec(out);
      if (ready) resolve(ready[1]);
    });
    child.once("exit", (code) => reject(new Error(`the test identity provider exited (${code}) before it was ready`)));
  });
  child.stdout.resume();
  // Never left running, however this script ends.
  process.once("exit", () => child.kill("SIGTERM"));
  return { issuer, stop: () => child.kill("SIGTERM") };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-e2e-"));
const appPort = await freePort();
const clientSecret = crypto.randomBytes(24).toString("base64url");
const idp = await startTestProvider(appPort, clientSecret);
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  E2E_PORT: String(appPort),
  E2E_DATABASE_PATH: path.join(dir, "e2e.sqlite"),
  E2E_OIDC_ISSUER: idp.issuer,
  E2E_OIDC_CLIENT_SECRET: clientSecret,
};
// Each run writes its artifacts to its own folder, so two runs at once do not delete each other's.
const args = process.argv.slice(2);
if (!args.some((a) => a.startsWith("--output"))) args.push(`--output=test-results/run-${process.pid}`);
const result = spawnSync("npx", ["playwright", "test", ...args], { stdio: "inherit", env });
idp.stop();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
