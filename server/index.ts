import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import pino from "pino";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { loadConfig } from "../app/config.server";
import { hashPassword } from "../app/domain/staff/password.server";
import { createDb, isPostgres, redactUrl } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_STAFF, isEmpty, seedDemo } from "../db/seed";
import { createServer } from "./app";
import { clockFromConfig } from "../app/clock";
import { startDialogueJobs } from "../app/domain/dialogues/jobs.server";
import { startQueueJobs } from "../app/domain/dialogues/queue.server";

const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  const stamp = fs.statSync(BUILD_PATH).mtimeMs;
  return (await import(`${url.pathToFileURL(BUILD_PATH).href}?t=${stamp}`)) as ServerBuild;
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const logger = pino({ level: config.LOG_LEVEL });
  if (!fs.existsSync(BUILD_PATH)) {
    logger.fatal("No build found at build/index.js: run `npm run build` (npm start does it for you).");
    process.exit(1);
  }
  const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;

  // One clock for the seed, the pages, the sockets and the jobs (TRYGGVE_CLOCK in tests).
  const clock = clockFromConfig(config);
  const db = createDb(config.DATABASE_URL ?? config.DATABASE_PATH);
  await migrateToLatest(db);
  let seeded = false;
  if (config.DEMO_DATA && (await isEmpty(db))) {
    await seedDemo(db, { hashPassword, now: clock.now() });
    seeded = true;
  }

  let build = await importBuild();
  if (config.NODE_ENV === "development") {
    // `remix dev --manual` rewrites build/; pick the new build up and tell the dev server.
    fs.watch(path.dirname(BUILD_PATH), async (_event, file) => {
      if (file !== "version.txt") return;
      try {
        build = await importBuild();
        await broadcastDevReady(build);
      } catch (err) {
        logger.error({ err }, "reloading the build failed");
      }
    });
  }

  const server = createServer({ config, db, logger, getBuild: () => build, version, clock });
  // Reminders, retention and email delivery: state lives in the database, so restarts lose nothing.
  // PostgreSQL: graphile-worker's queue, shared by every process; SQLite: the in-process loop.
  const jobDeps = { config, db, logger, now: () => clock.now() };
  const jobs = isPostgres(db) ? await startQueueJobs(jobDeps) : startDialogueJobs(jobDeps);
  server.httpServer.listen(config.PORT, config.HOST, async () => {
    const address = server.httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const lines = [
      "",
      `  Tryggve is running at http://localhost:${port}`,
      `  Database: ${config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : config.DATABASE_PATH}${seeded ? " (demo data seeded)" : ""}`,
    ];
    if (config.DEMO_DATA) {
      lines.push(`  Demo staff accounts (password "${DEMO_PASSWORD}"):`);
      for (const s of DEMO_STAFF) lines.push(`    ${s.role.padEnd(12)} ${s.email}`);
    }
    console.log(lines.join("\n") + "\n");
    if (config.NODE_ENV === "development") await broadcastDevReady(build);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    jobs
      .stop()
      .then(() => server.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

void main();
