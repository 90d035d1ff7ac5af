import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../db/connection";
import { childEnv } from "../../helpers/child-env";
import { emptyDatabaseForProcess } from "../../helpers/db";

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-boot-")), "db.sqlite");
const baseEnv = childEnv({ LOG_LEVEL: "warn" });

describe("server process", () => {
  it("refuses to start in production without SESSION_SECRET, naming the problem", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...baseEnv, NODE_ENV: "production", DATABASE_PATH: tmp(), PORT: "0" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("SESSION_SECRET is required in production");
  });

  it("migrates, seeds an empty database, serves, and shuts down cleanly on SIGTERM", async () => {
    // On a PostgreSQL run (TEST_DATABASE=postgres) the server gets DATABASE_URL of an empty database.
    const db = await emptyDatabaseForProcess();
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: {
        ...baseEnv,
        NODE_ENV: "production",
        SESSION_SECRET: "x".repeat(40),
        PUBLIC_URL: "https://tryggve.example",
        ...db.env,
        PORT: "0",
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}`)), 30_000);
      child.stdout.on("data", () => {
        const m = /running at http:\/\/localhost:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    expect(out).toContain("demo data seeded");
    expect(out).toContain("moderator@tryggve.example");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });

    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);

    // The database was closed cleanly and holds the demo data.
    const check = createDb(db.target);
    const staff = await check.selectFrom("staff").select("email").execute();
    expect(staff.length).toBeGreaterThanOrEqual(5);
    await check.destroy();
    await db.drop();
  });

  it("adds a staff account from the command line, and refuses a bad role", () => {
    const db = tmp();
    const ok = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/staff-create.ts", "--email", "Ny@Example.org", "--name", "Ny Person", "--role", "walk_leader"],
      {
        env: { ...baseEnv, NODE_ENV: "test", DATABASE_PATH: db, STAFF_PASSWORD: "a very long password" },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Created walk_leader ny@example.org");
    const bad = spawnSync(process.execPath, ["--import", "tsx", "scripts/staff-create.ts", "--email", "x@example.org", "--name", "X", "--role", "king"], {
      env: { ...baseEnv, NODE_ENV: "test", DATABASE_PATH: db, STAFF_PASSWORD: "a very long password" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("role");
  });
});
