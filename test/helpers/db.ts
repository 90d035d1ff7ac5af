import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

/**
 * A fresh SQLite database with the real migrations. In memory by default;
 * `{ file: true }` uses a temporary file (for tests that need WAL or two connections).
 */
export async function createTestDb(opts: { file?: boolean } = {}): Promise<DB & { filename: string }> {
  const filename = opts.file ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-test-")), "test.sqlite") : ":memory:";
  const db = createDb(filename);
  await migrateToLatest(db);
  return Object.assign(db, { filename });
}
