// A throwaway PostgreSQL server for the tests (scripts/test.mjs, test/global-setup.ts) and for
// trying the PostgreSQL mode locally: initdb + pg_ctl in a temporary directory, on a free port on
// 127.0.0.1, as the `postgres` user when run as root, with durability off (fsync,
// full_page_writes, synchronous_commit) because the data is thrown away. stop() ends it and
// removes the directory; it also runs on exit, Ctrl-C and SIGTERM.
//
//   node scripts/postgres.mjs      starts one, prints its URL, stops it on Ctrl-C
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const POSTGRES_MISSING =
  "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found: `npm test` runs the suite on SQLite and on PostgreSQL.\n" +
  "  Install Debian's package:  sudo apt-get install postgresql   (no running service is needed; the tests start their own)\n" +
  "  or put a PostgreSQL bin directory on PATH (pg_config --bindir), or set TRYGGVE_PG_BIN=/path/to/bin.\n" +
  "  For a quick local run on SQLite only: TRYGGVE_SKIP_POSTGRES=1 npm test (CI never sets it).";

const has = (dir) => Boolean(dir) && ["initdb", "pg_ctl", "postgres"].every((b) => fs.existsSync(path.join(dir, b)));

/** The directory with initdb, pg_ctl and postgres, or null. */
export function findPostgresBin() {
  if (process.env.TRYGGVE_PG_BIN) return has(process.env.TRYGGVE_PG_BIN) ? process.env.TRYGGVE_PG_BIN : null;
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (has(dir)) return dir;
  } catch {
    // no pg_config on PATH (Debian's client package has one that points at /usr/lib/postgresql/N/bin)
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  for (const v of versions.sort((a, b) => Number(b) - Number(a))) {
    if (has(path.join(root, v, "bin"))) return path.join(root, v, "bin");
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program, as the `postgres` user when we are root (the server refuses to run as root). */
function runPg(bin, args, asUser) {
  const cmd = asUser ? ["runuser", ["-u", asUser, "--", bin, ...args]] : [bin, args];
  const r = spawnSync(cmd[0], cmd[1], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Starts a fresh server. Returns { url, adminUrl, port, dir, stop }: `url` is the `postgres`
 * database as the superuser `postgres` (trust authentication on 127.0.0.1 only).
 */
export async function startPostgres(opts = {}) {
  const bin = findPostgresBin();
  if (!bin) throw Object.assign(new Error(POSTGRES_MISSING), { code: "POSTGRES_MISSING" });
  const isRoot = process.getuid?.() === 0;
  const asUser = isRoot ? "postgres" : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  if (asUser) {
    const uid = Number(execFileSync("id", ["-u", asUser], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", asUser], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    if (fs.existsSync(path.join(data, "postmaster.pid"))) {
      spawnSync(
        asUser ? "runuser" : path.join(bin, "pg_ctl"),
        [...(asUser ? ["-u", asUser, "--", path.join(bin, "pg_ctl")] : []), "-D", data, "-m", "immediate", "-w", "stop"],
        {
          stdio: "ignore",
        },
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  const onSignal = (signal) => {
    stop();
    process.kill(process.pid, signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, onSignal);

  try {
    // C collation: text sorts by code point, as SQLite's BINARY collation does.
    runPg(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], asUser);
    const port = opts.port ?? (await freePort());
    const settings = {
      listen_addresses: "127.0.0.1",
      port,
      unix_socket_directories: dir,
      fsync: "off",
      full_page_writes: "off",
      synchronous_commit: "off",
      max_connections: opts.maxConnections ?? 300,
      shared_buffers: "128MB",
      ...opts.settings,
    };
    const o = Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(" ");
    runPg(path.join(bin, "pg_ctl"), ["-D", data, "-l", log, "-o", o, "-w", "-t", "60", "start"], asUser);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return { url, port, dir, bin, stop };
  } catch (err) {
    const tail = fs.existsSync(log) ? `\n--- server log ---\n${fs.readFileSync(log, "utf8").slice(-4000)}` : "";
    stop();
    throw new Error(`${err.message}${tail}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const pg = await startPostgres();
    console.log(`PostgreSQL is running: DATABASE_URL=${pg.url}`);
    console.log("Ctrl-C stops it and deletes its data.");
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
