import { Logger, runMigrations } from "graphile-worker";
import { Migrator, type MigrationResultSet } from "kysely";
import { pgPool, type DB } from "./connection";
import { migrations } from "./migrations";

/**
 * Applies the app's migrations (db/migrations). On PostgreSQL also graphile-worker's own schema
 * (`graphile_worker`), the job queue that e-mail delivery and the periodic jobs run on there
 * (app/domain/dialogues/queue.server.ts), so jobs can be added inside any transaction.
 */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Work lands from parallel branches: a database that already ran a later-numbered migration
    // still takes an earlier one that landed after it (each migration is independent of its
    // neighbours' order; they are append-only and never rewritten).
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  }
  const pool = pgPool(db);
  if (pool) await runMigrations({ pgPool: pool, logger: quietLogger });
  return result;
}

// graphile-worker logs its migrations at info level; the app's CLIs print their own summary.
const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
});
