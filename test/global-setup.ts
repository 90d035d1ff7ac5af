import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { startPostgres } from "../scripts/postgres.mjs";

export type TestDatabase = { backend: "sqlite" } | { backend: "postgres"; adminUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/**
 * Server tests run the real Remix build; make one if it is missing.
 *
 * TEST_DATABASE=postgres runs the suite on PostgreSQL: on the server at TEST_DATABASE_URL (a
 * superuser URL; scripts/test.mjs starts one) or else on a throwaway one started here
 * (scripts/postgres.mjs). The migrations run once into a template database; each test file's
 * createTestDb() copies it (test/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("build/index.js")) {
    execFileSync("npx", ["remix", "build"], { stdio: "inherit" });
  }
  if (process.env.TEST_DATABASE !== "postgres") {
    project.provide("testDatabase", { backend: "sqlite" });
    return;
  }
  let server: { url: string; stop: () => void } | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    server = (await startPostgres()) as { url: string; stop: () => void };
    adminUrl = server.url;
  }
  const template = `tryggve_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`drop database if exists "${template}"`);
    await admin.query(`create database "${template}"`);
    const db = createDb(withDatabase(adminUrl, template));
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  } catch (err) {
    // Nothing may keep the run alive: a failed migration stops what was started here.
    await admin.end().catch(() => {});
    server?.stop();
    throw err;
  }
  project.provide("testDatabase", { backend: "postgres", adminUrl, template });
  return async () => {
    await admin.query(`drop database if exists "${template}" with (force)`).catch(() => {});
    await admin.end();
    server?.stop();
  };
}
