// `npm start`: build if needed, then run the server with demo data on an empty database.
// In production set SESSION_SECRET and PUBLIC_URL yourself; without them this script creates a local
// secret in ./data and uses http://localhost:$PORT.
import { spawnSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" };
// Production requires PUBLIC_URL (every link in e-mail and calendars, the Origin checks); the demo
// is opened on this machine. A real deployment sets its own, e.g. https://tryggve.stockholm.se.
if (!env.PUBLIC_URL) {
  env.PUBLIC_URL = `http://localhost:${env.PORT || 3000}`;
  console.log(`PUBLIC_URL not set: using ${env.PUBLIC_URL} (open the demo there)`);
}

const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env });
if (build.status !== 0) process.exit(build.status ?? 1);

if (!env.SESSION_SECRET) {
  const file = path.resolve("data/.session-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
  console.log("SESSION_SECRET not set: using the local secret in data/.session-secret");
}

const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
